// A determinate progress bar (or indeterminate when `value` is null) with an accessible name and value text.
export function ProgressBar({ value, max = 1, label, valueText, tone = 'accent' }: {
  value: number | null;
  max?: number;
  label: string;
  valueText?: string;
  tone?: 'accent' | 'info' | 'success' | 'danger';
}) {
  const fraction = value === null || max <= 0 ? null : Math.max(0, Math.min(1, value / max));
  return (
    <div
      className={`progress progress-${tone}${fraction === null ? ' progress-indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={fraction === null ? undefined : 100}
      aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
      aria-valuetext={valueText}
    >
      <div className="progress-fill" style={fraction === null ? undefined : { width: `${fraction * 100}%` }} />
    </div>
  );
}

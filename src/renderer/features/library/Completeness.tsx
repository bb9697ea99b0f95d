// How complete an artist or album is: a bar and "12 of 20 on disk" (with what is missing, active or failed).
import { formatCount } from '../../format';

export interface CompletenessValues {
  tracks: number;
  onDisk: number;
  missing: number;
  active: number;
  failed: number;
}

export function Completeness({ c, expected }: { c: CompletenessValues; expected?: number | null }) {
  const of = Math.max(c.tracks, expected ?? 0);
  const pct = of ? Math.round((c.onDisk / of) * 100) : 0;
  const parts = [
    c.missing ? `${formatCount(c.missing)} missing` : '',
    c.active ? `${formatCount(c.active)} in the queue` : '',
    c.failed ? `${formatCount(c.failed)} failed` : '',
  ].filter(Boolean);
  const text = `${formatCount(c.onDisk)} of ${formatCount(of)} on disk${parts.length ? ` · ${parts.join(' · ')}` : ''}`;
  return (
    <span className={`completeness${pct === 100 ? ' completeness-full' : ''}`}>
      <span className="completeness-bar" role="img" aria-label={`${pct}% complete`}>
        <span className="completeness-fill" style={{ width: `${pct}%` }} />
      </span>
      <span className="completeness-text tabular">{text}</span>
    </span>
  );
}

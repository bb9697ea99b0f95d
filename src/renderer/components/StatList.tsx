// A row of small labelled numbers (a run's downloaded/skipped/failed...). Each is a list item named
// "Label: value", so it reads, and is found, as one fact.
import { formatCount } from '../format';

export type StatTone = 'neutral' | 'success' | 'info' | 'warning' | 'danger';

export interface Stat {
  label: string;
  value: number;
  tone?: StatTone;
  hint?: string;
}

export function StatList({ stats, label }: { stats: readonly Stat[]; label: string }) {
  return (
    <ul className="stat-list" aria-label={label}>
      {stats.map((s) => (
        <li
          key={s.label}
          className={`stat stat-${s.tone ?? 'neutral'}${s.value ? '' : ' stat-zero'}`}
          aria-label={`${s.label}: ${s.value}`}
          title={s.hint}
        >
          <span className="stat-value tabular">{formatCount(s.value)}</span>
          <span className="stat-label">{s.label}</span>
        </li>
      ))}
    </ul>
  );
}

// The eight headline counters. Each is a list item named "Label: value" so it reads (and is found) as one fact.
import type { CatalogCounters } from '../../../shared/contract';
import { formatCount } from '../../format';

type Tone = 'neutral' | 'warning' | 'info' | 'success' | 'danger';

const COUNTERS: { key: keyof CatalogCounters; label: string; tone: Tone; hint: string }[] = [
  { key: 'songs', label: 'Songs', tone: 'neutral', hint: 'in the catalog' },
  { key: 'artists', label: 'Artists', tone: 'neutral', hint: 'in the catalog' },
  { key: 'albums', label: 'Albums', tone: 'neutral', hint: 'in the catalog' },
  { key: 'missing', label: 'Missing', tone: 'warning', hint: 'not on disk' },
  { key: 'queued', label: 'Queued', tone: 'neutral', hint: 'waiting to download' },
  { key: 'downloading', label: 'Downloading', tone: 'info', hint: 'right now' },
  { key: 'downloaded', label: 'Downloaded', tone: 'success', hint: 'on disk' },
  { key: 'failed', label: 'Failed', tone: 'danger', hint: 'need attention' },
];

export function CounterGrid({ counters }: { counters: CatalogCounters | undefined }) {
  return (
    <section className="counters" aria-labelledby="counters-heading" aria-busy={!counters}>
      <h2 id="counters-heading" className="visually-hidden">
        Collection
      </h2>
      <ul className="counter-grid">
        {COUNTERS.map((c) => {
          const value = counters?.[c.key];
          return (
            <li
              key={c.key}
              className={`counter counter-${c.tone}${value ? '' : ' counter-zero'}`}
              aria-label={value === undefined ? `${c.label}: loading` : `${c.label}: ${value}`}
            >
              <span className="counter-label">{c.label}</span>
              {value === undefined ? (
                <span className="counter-value skeleton" aria-hidden="true" />
              ) : (
                <span className="counter-value tabular">{formatCount(value)}</span>
              )}
              <span className="counter-hint">{c.hint}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

// One backed-up user's runs, newest first: status, when, counts, why it paused or failed. Choosing one opens it.
import type { BackupRunRowDto } from '../../../shared/contract';
import { formatRunTime, plural, RUN_STATUS } from './labels';

export function RunList({ runs, selected, onSelect, label }: {
  runs: BackupRunRowDto[];
  selected: string | null;
  onSelect(id: string): void;
  label: string;
}) {
  if (!runs.length) return <p className="muted">No backups of this account yet.</p>;
  return (
    <ul className="run-list" aria-label={label}>
      {runs.map((r) => {
        const s = RUN_STATUS[r.status];
        return (
          <li key={r.id}>
            <button type="button" className="run-row" aria-pressed={selected === r.id} onClick={() => onSelect(r.id)}>
              <span className={`chip chip-${s.tone}`}>{s.label}</span>
              <span className="run-when">
                <span className="run-started">{formatRunTime(r.startedAt)}</span>
                <span className="muted run-finished">{r.finishedAt ? `finished ${formatRunTime(r.finishedAt)}` : r.status === 'paused' ? 'not finished' : ''}</span>
              </span>
              <span className="run-counts">
                {plural(r.likes, 'like')} · {plural(r.playlists, 'playlist')} · {r.followed} followed
                {r.errors ? <span className="text-warning"> · {plural(r.errors, 'error')}</span> : null}
              </span>
              {r.pauseReason || r.failure ? <span className="run-reason muted">{r.pauseReason ?? r.failure}</span> : null}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

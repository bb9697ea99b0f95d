// A running sync, live: the phase (announced politely when it changes), overall progress, this run's counts and
// the tracks downloading right now — all from pushed job.progress and queue.rows events.
import type { QueueRow } from '../../../shared/contract';
import { ProgressBar, StatList } from '../../components';
import { formatBytes, formatCount, formatSpeed } from '../../format';
import type { QobuzRun } from './qobuzRun';

/** "Downloading Qobuz purchases (3/14)" → "Downloading Qobuz purchases": the numbers are shown (not announced) below. */
const phaseOf = (label: string) => label.replace(/\s*\(\d+\/\d+\)$/, '');

export function SyncProgress({ run, stopping }: { run: QobuzRun; stopping: boolean }) {
  const p = run.progress;
  const downloading = run.statuses.size > 0;
  const phase = stopping ? 'Stopping the sync…' : !p ? 'Starting the sync…' : p.finished ? 'Finishing…' : phaseOf(p.label);
  const total = p && !p.finished ? p.total : 0;
  const done = p ? p.done : 0;
  return (
    <section className="sync-live" aria-label="Sync in progress">
      <div className="sync-live-head">
        <span className="spinner spinner-accent" aria-hidden="true" />
        <p role="status" className="sync-phase">
          {phase}
        </p>
        {total > 0 ? (
          <span className="muted tabular sync-count">
            {formatCount(done)} of {formatCount(total)}
          </span>
        ) : null}
      </div>
      <ProgressBar label="Sync progress" value={total > 0 ? done : null} max={total || 1} valueText={total > 0 ? `${done} of ${total}` : phase} />
      {downloading ? (
        <StatList
          label="This sync so far"
          stats={[
            { label: 'Downloaded', value: run.downloaded, tone: 'success' },
            { label: 'Failed', value: run.failed, tone: 'danger' },
            { label: 'Remaining', value: Math.max(0, total - done), tone: 'info' },
            { label: 'To download', value: total },
          ]}
        />
      ) : null}
      {run.active.length ? (
        <div className="now-downloading">
          <h3 className="subheading">Downloading now</h3>
          <ul className="now-list" aria-label="Downloading now">
            {run.active.map((row) => (
              <NowRow key={row.id} row={row} />
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function NowRow({ row }: { row: QueueRow }) {
  const name = row.artist ? `${row.title} by ${row.artist}` : row.title;
  const amount = row.bytesTotal ? `${formatBytes(row.bytesDownloaded)} of ${formatBytes(row.bytesTotal)}` : row.bytesDownloaded ? formatBytes(row.bytesDownloaded) : 'Starting';
  const speed = formatSpeed(row.speed);
  return (
    <li className="now-row" aria-label={name}>
      <div className="now-main">
        <span className="now-title" title={row.title}>
          {row.title}
        </span>
        <span className="now-sub muted" title={row.album ? `${row.artist} — ${row.album}` : row.artist}>
          {row.artist}
          {row.album ? ` — ${row.album}` : ''}
        </span>
      </div>
      <div className="now-progress">
        <ProgressBar label={`Download progress for ${name}`} value={row.bytesTotal ? row.bytesDownloaded : null} max={row.bytesTotal ?? 1} valueText={amount} tone="info" />
        <span className="dl-meta tabular">
          {amount}
          {speed ? ` · ${speed}` : ''}
        </span>
      </div>
    </li>
  );
}

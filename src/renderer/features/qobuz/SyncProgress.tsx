// A running sync, live: the phase (announced politely when it changes), overall progress, this run's counts and
// the tracks downloading right now — from pushed job.progress and queue.rows events, and from the status's `run`
// until the first event arrives (a page opened mid-run).
import type { QobuzStatusDto, QobuzSyncCountsDto, QueueRow } from '../../../shared/contract';
import { ProgressBar, StatList } from '../../components';
import { formatBytes, formatCount, formatSpeed } from '../../format';
import type { QobuzRun } from './qobuzRun';

/** "Downloading Qobuz purchases (3/14)" → "Downloading Qobuz purchases": the numbers are shown (not announced) below. */
const phaseOf = (label: string) => label.replace(/\s*\(\d+\/\d+\)$/, '');

export function SyncProgress({ run, server, stopping }: { run: QobuzRun; server: QobuzStatusDto['run']; stopping: boolean }) {
  const p = run.progress;
  const live = p && !p.finished ? p : null;
  const phase = stopping
    ? 'Stopping the sync…'
    : live
      ? phaseOf(live.label)
      : p?.finished
        ? 'Finishing…'
        : server
          ? phaseOf(server.phase)
          : 'Starting the sync…';
  const total = live ? live.total : 0;
  const done = p ? p.done : 0;
  // The core's counts (they include what this page did not see); before the sync has planned there are none.
  const counts: Partial<QobuzSyncCountsDto> | undefined = live?.counts ?? (server && server.total > 0 ? server : undefined) ?? p?.counts;
  const known = counts?.total !== undefined || run.statuses.size > 0;
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
      {known ? (
        <StatList
          label="This sync so far"
          stats={[
            { label: 'Downloaded', value: counts?.downloaded ?? run.downloaded, tone: 'success' },
            { label: 'Failed', value: counts?.failed ?? run.failed, tone: 'danger' },
            ...(total > 0 ? [{ label: 'Remaining', value: Math.max(0, total - done), tone: 'info' as const }] : []),
            { label: 'Already there', value: counts?.skipped ?? 0, hint: 'Files already in the folder, kept as they are' },
            { label: 'Recognised', value: counts?.recognised ?? 0, tone: 'info', hint: 'Files found in the folder under another name, adopted without downloading' },
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

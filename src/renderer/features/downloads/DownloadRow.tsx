// One queue row: what it is, where it comes from, how far it got, and what you can do with it.
import { memo, useId, type ReactNode } from 'react';
import type { QueueRow } from '../../../shared/contract';
import { hrefFor, type DownloadView } from '../../app/route';
import { Button, Icon, ProgressBar } from '../../components';
import { formatBytes, formatRelativeTime, formatSpeed } from '../../format';
import { openMatchedDownload } from '../matched';
import { COLUMNS, type Column } from './columns';
import { PRIORITY_LABELS, SOURCE_LABELS, STATUS_LABELS } from './labels';
import { useRowActions } from './useRowActions';

const CANCELLABLE = new Set<QueueRow['status']>(['pending', 'in_progress', 'retry_waiting']);
const RETRYABLE = new Set<QueueRow['status']>(['failed', 'cancelled', 'retry_waiting']);
const PRIORITY_EDITABLE = new Set<QueueRow['status']>(['pending', 'retry_waiting']);

export interface DownloadRowProps {
  row: QueueRow;
  view: DownloadView;
  index: number;
  setSize: number;
  expanded: boolean;
  onToggle(id: number): void;
  measureRef(el: HTMLElement | null): void;
  start: number;
  now: number;
}

const sentence = (s: string) => {
  const t = s.replace(/_/g, ' ');
  return t.charAt(0).toUpperCase() + t.slice(1);
};
const attempts = (n: number) => `${n} ${n === 1 ? 'attempt' : 'attempts'}`;

export const DownloadRow = memo(function DownloadRow({ row, view, index, setSize, expanded, onToggle, measureRef, start, now }: DownloadRowProps) {
  const { cancel, retry, setPriority, error } = useRowActions(row.id);
  const detailsId = useId();
  const name = row.artist ? `${row.title} by ${row.artist}` : row.title;
  const showError = (row.status === 'failed' || row.status === 'retry_waiting') && Boolean(row.errorType || row.errorMessage);
  const canExpand = row.status === 'failed' || row.tried.length > 0;

  const cells: Record<Column, () => ReactNode> = {
    track: () => (
      <div className="dl-main" key="track">
        <div className="dl-title" title={row.title}>
          {row.title}
        </div>
        <div className="dl-sub">
          <span className={`source-badge source-${row.source}`}>{SOURCE_LABELS[row.source]}</span>
          <span className="dl-artist" title={row.album ? `${row.artist} — ${row.album}` : row.artist}>
            {row.artist || 'Unknown artist'}
            {row.album ? <span className="muted"> — {row.album}</span> : null}
          </span>
        </div>
      </div>
    ),
    status: () => (
      <div className="dl-status" key="status">
        <span className={`status-pill status-${row.status}`}>{STATUS_LABELS[row.status]}</span>
        {row.status === 'retry_waiting' && row.nextRetryAt ? (
          <span className="dl-meta">{formatRelativeTime(row.nextRetryAt, now)}</span>
        ) : row.status === 'in_progress' && row.retryCount > 0 ? (
          <span className="dl-meta">attempt {row.retryCount + 1}</span>
        ) : null}
      </div>
    ),
    priority: () => (
      <div className="dl-priority" key="priority">
        {PRIORITY_EDITABLE.has(row.status) ? (
          <select
            className="select select-sm"
            aria-label={`Priority for ${name}`}
            value={row.priority}
            disabled={setPriority.isPending}
            onChange={(e) => setPriority.mutate(Number(e.target.value) as QueueRow['priority'])}
          >
            {([1, 2, 3, 4] as const).map((p) => (
              <option key={p} value={p}>
                {PRIORITY_LABELS[p]}
              </option>
            ))}
          </select>
        ) : (
          <span className="dl-meta">{PRIORITY_LABELS[row.priority]}</span>
        )}
      </div>
    ),
    progress: () => (
      <div className="dl-progress" key="progress">
        <Progress row={row} name={name} />
      </div>
    ),
    when: () => (
      <div className="dl-when" key="when">
        <When row={row} now={now} />
      </div>
    ),
    actions: () => (
      <div className="dl-actions" key="actions">
        {CANCELLABLE.has(row.status) ? (
          <Button size="sm" variant="ghost" icon="x" busy={cancel.isPending} onClick={() => cancel.mutate()} aria-label={`Cancel ${name}`}>
            Cancel
          </Button>
        ) : null}
        {RETRYABLE.has(row.status) ? (
          <Button size="sm" variant="ghost" icon="retry" busy={retry.isPending} onClick={() => retry.mutate()} aria-label={`Retry ${name}`}>
            {row.status === 'retry_waiting' ? 'Retry now' : 'Retry'}
          </Button>
        ) : null}
        {row.status === 'completed' && row.destinationPath ? (
          <Button size="sm" variant="ghost" icon="search" onClick={() => openMatchedDownload(matchTargetOf(row))} aria-label={`Match & file ${name}`}>
            Match &amp; file
          </Button>
        ) : null}
        {canExpand ? (
          <button
            type="button"
            className="btn btn-ghost btn-sm btn-icon"
            aria-expanded={expanded}
            aria-controls={detailsId}
            aria-label={`Details for ${name}`}
            title={expanded ? 'Hide details' : 'Show details'}
            onClick={() => onToggle(row.id)}
          >
            <Icon name={expanded ? 'chevronDown' : 'chevronRight'} size={16} />
          </button>
        ) : null}
      </div>
    ),
  };

  return (
    <div
      role="listitem"
      aria-label={name}
      aria-setsize={setSize}
      aria-posinset={index + 1}
      data-index={index}
      ref={measureRef}
      className={`dl-row dl-cols-${view} dl-${row.status}${expanded ? ' dl-expanded' : ''}`}
      style={{ transform: `translateY(${start}px)` }}
    >
      {COLUMNS[view].map((c) => cells[c.key]())}

      {row.waiting ? (
        <div className="dl-note dl-waiting">
          <span className="dl-note-text" title={row.waiting.message}>
            {row.waiting.message}
          </span>{' '}
          <a className="dl-note-link" href={hrefFor({ page: 'settings', section: row.source })}>
            Settings
          </a>
        </div>
      ) : showError ? (
        <div className="dl-note dl-error">
          {row.errorType ? <span className="error-type">{sentence(row.errorType)}</span> : null}
          <span className="dl-note-text" title={row.errorMessage ?? undefined}>
            {row.errorMessage}
          </span>
        </div>
      ) : row.detail && row.status !== 'completed' ? (
        <div className="dl-note" title={row.detail}>
          <span className="dl-note-text">{row.detail}</span>
        </div>
      ) : null}

      {error ? (
        <p className="dl-action-error" role="alert">
          {error.message}
        </p>
      ) : null}

      {canExpand && expanded ? (
        <div className="dl-details" id={detailsId}>
          {row.errorMessage ? (
            <p>
              <span className="dl-details-label">Error</span> {row.errorType ? <code>{row.errorType}</code> : null} {row.errorMessage}
            </p>
          ) : null}
          <p className="dl-details-label">{row.tried.length ? `Candidates tried (${row.tried.length})` : 'No candidates were found to try'}</p>
          {row.tried.length ? (
            <ol className="tried-list">
              {row.tried.map((t, i) => (
                <li key={`${i}-${t}`}>
                  <code>{t}</code>
                </li>
              ))}
            </ol>
          ) : null}
          {row.destinationPath ? (
            <p className="muted">
              Destination <code className="path">{row.destinationPath}</code>
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
});

/** A finished download as the artist modal's target: its file, with what the catalog knows as tags. */
function matchTargetOf(row: QueueRow) {
  return {
    kind: 'finished' as const,
    queueItemId: row.id,
    label: row.artist ? `${row.artist} — ${row.title}` : row.title,
    file: { filename: row.destinationPath ?? row.title, tags: { title: row.title, ...(row.artist ? { artist: row.artist } : {}), ...(row.album ? { album: row.album } : {}) } },
  };
}

function Progress({ row, name }: { row: QueueRow; name: string }) {
  if (row.status !== 'in_progress') return <span className="dl-meta">—</span>;
  const speed = formatSpeed(row.speed);
  const amount = row.bytesTotal
    ? `${formatBytes(row.bytesDownloaded)} of ${formatBytes(row.bytesTotal)}`
    : row.bytesDownloaded
      ? formatBytes(row.bytesDownloaded)
      : 'Starting';
  return (
    <>
      <ProgressBar
        label={`Download progress for ${name}`}
        value={row.bytesTotal ? row.bytesDownloaded : null}
        max={row.bytesTotal ?? 1}
        valueText={amount}
        tone="info"
      />
      <span className="dl-meta tabular">
        {amount}
        {speed ? ` · ${speed}` : ''}
      </span>
    </>
  );
}

function When({ row, now }: { row: QueueRow; now: number }) {
  if (row.status === 'pending' || row.status === 'retry_waiting') {
    return <span className="dl-meta">{formatRelativeTime(row.createdAt, now)}</span>;
  }
  const at = row.completedAt ? formatRelativeTime(row.completedAt, now) : '—';
  const extra =
    row.status === 'completed' ? (row.bytesTotal ? formatBytes(row.bytesTotal) : null)
    : row.status === 'failed' ? attempts(row.retryCount)
    : null;
  return (
    <>
      <span className="dl-when-at">{at}</span>
      {extra ? <span className="dl-meta tabular">{extra}</span> : null}
    </>
  );
}

// One queue row: what it is, where it comes from, how far it got, and what you can do with it.
import { memo, useId } from 'react';
import type { QueueRow } from '../../../shared/contract';
import { Button, Icon, ProgressBar } from '../../components';
import { formatBytes, formatRelativeTime, formatSpeed } from '../../format';
import { PRIORITY_LABELS, SOURCE_LABELS, STATUS_LABELS } from './labels';
import { useRowActions } from './useRowActions';

const CANCELLABLE = new Set<QueueRow['status']>(['pending', 'in_progress', 'retry_waiting']);
const RETRYABLE = new Set<QueueRow['status']>(['failed', 'cancelled', 'retry_waiting']);
const PRIORITY_EDITABLE = new Set<QueueRow['status']>(['pending', 'retry_waiting']);

export interface DownloadRowProps {
  row: QueueRow;
  index: number;
  setSize: number;
  expanded: boolean;
  onToggle(id: number): void;
  measureRef(el: HTMLElement | null): void;
  start: number;
  now: number;
}

export const DownloadRow = memo(function DownloadRow({ row, index, setSize, expanded, onToggle, measureRef, start, now }: DownloadRowProps) {
  const { cancel, retry, setPriority, error } = useRowActions(row.id);
  const detailsId = useId();
  const name = row.artist ? `${row.title} by ${row.artist}` : row.title;
  const showError = (row.status === 'failed' || row.status === 'retry_waiting') && (row.errorType || row.errorMessage);
  const canExpand = row.status === 'failed' || row.tried.length > 0;

  return (
    <div
      role="listitem"
      aria-label={name}
      aria-setsize={setSize}
      aria-posinset={index + 1}
      data-index={index}
      ref={measureRef}
      className={`dl-row dl-${row.status}${expanded ? ' dl-expanded' : ''}`}
      style={{ transform: `translateY(${start}px)` }}
    >
      <div className="dl-main">
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
        {showError ? (
          <div className="dl-error">
            {row.errorType ? <span className="error-type">{row.errorType.replace(/_/g, ' ')}</span> : null}
            <span className="dl-error-message" title={row.errorMessage ?? undefined}>
              {row.errorMessage}
            </span>
          </div>
        ) : row.detail ? (
          <div className="dl-detail" title={row.detail}>
            {row.detail}
          </div>
        ) : null}
      </div>

      <div className="dl-status">
        <span className={`status-pill status-${row.status}`}>{STATUS_LABELS[row.status]}</span>
        {row.status === 'retry_waiting' && row.nextRetryAt ? (
          <span className="dl-meta">{formatRelativeTime(row.nextRetryAt, now)}</span>
        ) : row.retryCount > 0 && row.status !== 'completed' ? (
          <span className="dl-meta">
            {row.retryCount} of {row.maxRetries} tries
          </span>
        ) : null}
      </div>

      <div className="dl-priority">
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

      <div className="dl-progress">
        <Progress row={row} now={now} name={name} />
      </div>

      <div className="dl-actions">
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
        {canExpand ? (
          <button
            type="button"
            className="btn btn-ghost btn-sm btn-icon"
            aria-expanded={expanded}
            aria-controls={detailsId}
            aria-label={`Details for ${name}`}
            onClick={() => onToggle(row.id)}
          >
            <Icon name={expanded ? 'chevronDown' : 'chevronRight'} size={16} />
          </button>
        ) : null}
      </div>

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
          <p className="dl-details-label">
            {row.tried.length ? `Candidates tried (${row.tried.length})` : 'No candidates were tried'}
          </p>
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

function Progress({ row, now, name }: { row: QueueRow; now: number; name: string }) {
  if (row.status === 'in_progress') {
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
  if (row.status === 'completed') {
    return (
      <span className="dl-meta tabular">
        {row.bytesTotal ? `${formatBytes(row.bytesTotal)} · ` : ''}
        {row.completedAt ? formatRelativeTime(row.completedAt, now) : 'done'}
      </span>
    );
  }
  if (row.status === 'failed' || row.status === 'cancelled') {
    return <span className="dl-meta">{row.completedAt ? formatRelativeTime(row.completedAt, now) : '—'}</span>;
  }
  return <span className="dl-meta">Waiting · added {formatRelativeTime(row.createdAt, now)}</span>;
}

// Words the user sees for sources, statuses and priorities.
import { sourceId, type QueueRow } from '../../../shared/contract';
import type { QueueSource } from './queueCache';

export const SOURCE_LABELS: Record<QueueSource, string> = {
  qobuz: 'Qobuz',
  slskd: 'Soulseek',
  tickets: 'Ticket service',
};

/** Sources offered in the filter. */
export const FILTER_SOURCES: readonly QueueSource[] = sourceId.options;

export const PRIORITY_LABELS: Record<QueueRow['priority'], string> = {
  1: 'Urgent',
  2: 'Requested',
  3: 'Album',
  4: 'Background',
};

export const STATUS_LABELS: Record<QueueRow['status'], string> = {
  pending: 'Queued',
  in_progress: 'Downloading',
  retry_waiting: 'Will retry',
  completed: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export const VIEW_LABELS = { active: 'Active', queued: 'Queued', finished: 'Finished', failed: 'Failed' } as const;

// Words the user sees for sources, statuses and priorities.
import type { QueueRow } from '../../../shared/contract';
import type { QueueSource } from './queueCache';

export const SOURCE_LABELS: Record<QueueSource, string> = {
  qobuz: 'Qobuz',
  slskd: 'Soulseek',
  tickets: 'Ticket service',
  noop: 'Test source',
};

/** Sources offered in the filter (the test source stays out of the menu). */
export const FILTER_SOURCES: QueueSource[] = ['qobuz', 'slskd', 'tickets'];

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

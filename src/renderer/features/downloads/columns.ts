// Which columns each view shows: what matters differs (progress while running, priority while waiting,
// the reason when failed), and fewer columns leave the title room to breathe.
import type { DownloadView } from '../../app/route';

export type Column = 'track' | 'status' | 'priority' | 'progress' | 'when' | 'actions';

export const COLUMNS: Record<DownloadView, { key: Column; label: string }[]> = {
  active: [
    { key: 'track', label: 'Track' },
    { key: 'status', label: 'Status' },
    { key: 'progress', label: 'Progress' },
    { key: 'actions', label: '' },
  ],
  queued: [
    { key: 'track', label: 'Track' },
    { key: 'status', label: 'Status' },
    { key: 'priority', label: 'Priority' },
    { key: 'when', label: 'Added' },
    { key: 'actions', label: '' },
  ],
  finished: [
    { key: 'track', label: 'Track' },
    { key: 'status', label: 'Status' },
    { key: 'when', label: 'Finished' },
    { key: 'actions', label: '' },
  ],
  failed: [
    { key: 'track', label: 'Track' },
    { key: 'status', label: 'Status' },
    { key: 'when', label: 'Failed' },
    { key: 'actions', label: '' },
  ],
};

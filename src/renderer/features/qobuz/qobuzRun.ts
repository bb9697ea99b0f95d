// What the page knows about the running (or last) Qobuz sync from pushed events, as pure folds: the latest
// `job.progress` of job 'qobuz.sync', and the Qobuz queue rows seen since that run began — how many finished
// which way, and which are downloading right now. A new run (one that starts after a finished one, or the user's
// Start) begins from nothing. The run's counts come with job.progress (and qobuz.status's `run`); the row tallies
// here are what a page saw itself, the fallback before the first counts arrive.
import type { EventPayload, QueueRow } from '../../../shared/contract';

export const QOBUZ_SYNC_JOB = 'qobuz.sync';

export type SyncJobProgress = EventPayload<'job.progress'>;
type QueueStatus = QueueRow['status'];
type Outcome = 'downloaded' | 'failed' | 'cancelled';

export interface QobuzRun {
  progress: SyncJobProgress | null;
  /** Last known status of every Qobuz row seen in this run. */
  statuses: ReadonlyMap<number, QueueStatus>;
  /** Rows downloading right now, oldest start first. */
  active: readonly QueueRow[];
  downloaded: number;
  failed: number;
  cancelled: number;
}

export const emptyRun: QobuzRun = { progress: null, statuses: new Map(), active: [], downloaded: 0, failed: 0, cancelled: 0 };

function outcomeOf(status: QueueStatus | undefined): Outcome | null {
  if (status === 'completed') return 'downloaded';
  if (status === 'failed' || status === 'retry_waiting') return 'failed';
  if (status === 'cancelled') return 'cancelled';
  return null;
}

/** A job.progress event: other jobs are ignored; a run starting after a finished one starts afresh. */
export function runWithProgress(run: QobuzRun, p: SyncJobProgress): QobuzRun {
  if (p.job !== QOBUZ_SYNC_JOB) return run;
  if (run.progress?.finished && !p.finished) return { ...emptyRun, progress: p };
  return { ...run, progress: p };
}

/** A queue.rows event: only Qobuz rows count. Returns the same object when nothing changed (no re-render). */
export function runWithRows(run: QobuzRun, rows: readonly QueueRow[]): QobuzRun {
  const qobuz = rows.filter((r) => r.source === 'qobuz');
  if (!qobuz.length) return run;
  const statuses = new Map(run.statuses);
  const active = new Map(run.active.map((r) => [r.id, r]));
  const counts: Record<Outcome, number> = { downloaded: run.downloaded, failed: run.failed, cancelled: run.cancelled };
  for (const row of qobuz) {
    const before = outcomeOf(statuses.get(row.id));
    const after = outcomeOf(row.status);
    if (before !== after) {
      if (before) counts[before]--;
      if (after) counts[after]++;
    }
    statuses.set(row.id, row.status);
    if (row.status === 'in_progress') active.set(row.id, row);
    else active.delete(row.id);
  }
  const sorted = [...active.values()].sort((a, b) => (a.startedAt ?? 0) - (b.startedAt ?? 0) || a.id - b.id);
  return { ...run, statuses, active: sorted, ...counts };
}

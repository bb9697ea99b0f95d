// Watchdogs: (1) silent in-progress items go back to pending; (2) tracks whose file vanished get re-queued.
import type { Db } from '../db';
import type { Clock } from '../base';
import { reconcileCatalog, type StatSize, statSize } from '../catalog';
import type { SourceId } from '../base';
import type { QueueStore } from './queueStore';
import { PRIORITY } from './types';

export const DEFAULT_STALE_MS = 60 * 60 * 1000;

export interface MissingFilesReport {
  dryRun: boolean;
  /** Downloaded tracks whose file is gone (or the wrong size). */
  missing: { trackId: number; path: string }[];
  queued: number;
  alreadyQueued: number;
}

/**
 * Finds downloaded tracks whose file is gone. In dry-run it only reports; otherwise the catalog is reconciled and
 * each missing track is queued at background priority unless a request for it already exists.
 */
export function missingFilesWatchdog(
  db: Db,
  clock: Clock,
  store: QueueStore,
  sourceFor: (t: { id: number; source: string | null }) => SourceId | undefined,
  opts: { dryRun: boolean; stat?: StatSize },
): MissingFilesReport {
  const stat = opts.stat ?? statSize;
  const rows = db
    .prepare(`SELECT id, local_path, size_bytes, source FROM tracks WHERE status='downloaded' AND local_path IS NOT NULL`)
    .all() as { id: number; local_path: string; size_bytes: number | null; source: string | null }[];
  const missing = rows
    .filter((r) => {
      const size = stat(r.local_path);
      return size === null || (r.size_bytes !== null && size !== r.size_bytes);
    })
    .map((r) => ({ trackId: r.id, path: r.local_path }));
  const report: MissingFilesReport = { dryRun: opts.dryRun, missing, queued: 0, alreadyQueued: 0 };
  if (opts.dryRun) return report;
  reconcileCatalog(db, clock, stat);
  const trackSource = new Map(rows.map((r) => [r.id, r.source]));
  for (const m of missing) {
    if (store.activeForTrack(m.trackId)) {
      report.alreadyQueued++;
      continue;
    }
    const source = sourceFor({ id: m.trackId, source: trackSource.get(m.trackId) ?? null });
    if (!source) continue;
    store.enqueueTrack({
      trackId: m.trackId, source, priority: PRIORITY.background, requestSource: 'watchdog', requestedBy: 'watchdog',
      destinationPath: m.path,
    });
    report.queued++;
  }
  return report;
}

// Reconciliation: the file system is checked against every catalog path in one batch, and the catalog follows it.
// `applyFileObservations` is the seam a file-system watcher can feed later with just the paths it saw change.
import { statSync } from 'node:fs';
import type { Db } from '../db';
import type { Clock } from '../base';

export interface FileObservation {
  trackId: number;
  path: string;
  /** Size on disk, or null when the file is absent. */
  size: number | null;
}

export interface ReconcileReport {
  checked: number;
  present: number;
  /** Tracks that were downloaded and whose file is now gone or the wrong size. */
  nowMissing: number[];
  /** Tracks not marked downloaded whose file is present at the right size. */
  nowPresent: number[];
  ms: number;
}

interface PathRow {
  id: number;
  local_path: string | null;
  size_bytes: number | null;
  status: string;
}

export type StatSize = (path: string) => number | null;

export const statSize: StatSize = (path) => {
  const st = statSync(path, { throwIfNoEntry: false });
  return st && st.isFile() ? st.size : null;
};

/** Full pass over every track that has (or should have) a file. */
export function reconcileCatalog(db: Db, clock: Clock, stat: StatSize = statSize): ReconcileReport {
  const started = performance.now();
  const rows = db
    .prepare(
      // A track the library owns on a server has no local file and is not missing (catalog/ownedElsewhere.ts).
      `SELECT id, local_path, size_bytes, status FROM tracks
       WHERE local_path IS NOT NULL OR (status = 'downloaded' AND owned_elsewhere IS NULL)`,
    )
    .all() as PathRow[];
  const observations: FileObservation[] = [];
  const pathless: number[] = [];
  for (const r of rows) {
    if (r.status === 'downloading') continue; // a worker owns it right now
    if (!r.local_path) {
      pathless.push(r.id);
      continue;
    }
    observations.push({ trackId: r.id, path: r.local_path, size: stat(r.local_path) });
  }
  const report = applyFileObservations(db, clock, observations, rows);
  if (pathless.length) {
    const mark = db.prepare(`UPDATE tracks SET status='missing', updated_at=? WHERE id=?`);
    db.transaction(() => {
      for (const id of pathless) mark.run(clock.now(), id);
    })();
    report.nowMissing.push(...pathless);
  }
  report.checked = rows.length;
  report.ms = Math.round(performance.now() - started);
  return report;
}

/** Applies what was seen on disk. Present at the recorded size → downloaded; absent or wrong size → missing. */
export function applyFileObservations(
  db: Db,
  clock: Clock,
  observations: FileObservation[],
  known?: PathRow[],
): ReconcileReport {
  const byId = new Map<number, PathRow>();
  if (known) for (const r of known) byId.set(r.id, r);
  const lookup = db.prepare('SELECT id, local_path, size_bytes, status FROM tracks WHERE id = ?');
  const toMissing = db.prepare(
    `UPDATE tracks SET status='missing', planned_path=coalesce(planned_path, local_path), local_path=NULL,
     updated_at=? WHERE id=?`,
  );
  const toPresent = db.prepare(
    `UPDATE tracks SET status='downloaded', size_bytes=coalesce(size_bytes, ?), last_seen_at=?, last_error=NULL,
     error_type=NULL, retry_count=0, retry_after=NULL, updated_at=? WHERE id=?`,
  );
  const seen = db.prepare('UPDATE tracks SET last_seen_at=? WHERE id=?');
  // A file that came back makes any waiting request for it pointless.
  const dropQueued = db.prepare(
    `UPDATE queue_items SET status='cancelled', completed_at=?, error_type='cancelled', error_message='File is present again'
     WHERE track_id=? AND status IN ('pending','retry_waiting')`,
  );
  const report: ReconcileReport = { checked: observations.length, present: 0, nowMissing: [], nowPresent: [], ms: 0 };
  const now = clock.now();
  db.transaction(() => {
    for (const o of observations) {
      const row = byId.get(o.trackId) ?? (lookup.get(o.trackId) as PathRow | undefined);
      if (!row || row.status === 'downloading') continue;
      const ok = o.size !== null && (row.size_bytes === null || row.size_bytes === o.size);
      if (ok) {
        report.present++;
        if (row.status !== 'downloaded') {
          toPresent.run(o.size, now, now, o.trackId);
          dropQueued.run(now, o.trackId);
          report.nowPresent.push(o.trackId);
        } else if (!known) {
          seen.run(now, o.trackId);
        }
      } else if (row.status === 'downloaded' || row.local_path) {
        toMissing.run(now, o.trackId);
        report.nowMissing.push(o.trackId);
      }
    }
    // A full pass has seen every remaining downloaded file: one statement instead of one per row.
    if (known) db.prepare(`UPDATE tracks SET last_seen_at=? WHERE status='downloaded' AND local_path IS NOT NULL`).run(now);
  })();
  return report;
}

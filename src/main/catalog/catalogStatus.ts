// Headline counters, always computed by SQL over the catalog — never a separately kept tally. A track counts as
// downloading only while the process that claimed it lives: after a kill -9 its claim is a leftover, and the
// track is waiting (missing, queued) until the next start takes the claim back.
import type { Db } from '../db';
// Not through '../queue': the queue's public face imports the catalog, and this module sits below it.
import { isWorkerRunning } from '../base';

export interface CatalogCounters {
  songs: number;
  artists: number;
  albums: number;
  /** Not on disk and waiting (status missing or queued, or claimed by a process that is gone). */
  missing: number;
  /** Active queue requests waiting to run (pending, waiting for a retry, or claimed by a process that is gone). */
  queued: number;
  /** Claimed by a process that is still running. */
  downloading: number;
  downloaded: number;
  failed: number;
}

export function catalogStatus(db: Db, isRunning: (worker: string | null) => boolean = isWorkerRunning): CatalogCounters {
  const c = db
    .prepare(
      `SELECT
        (SELECT count(*) FROM tracks) AS songs,
        (SELECT count(*) FROM artists) AS artists,
        (SELECT count(*) FROM albums) AS albums,
        (SELECT count(*) FROM tracks WHERE status IN ('missing','queued')) AS missing,
        (SELECT count(*) FROM queue_items WHERE kind='track' AND status IN ('pending','retry_waiting')) AS queued,
        (SELECT count(*) FROM tracks WHERE status = 'downloading') AS downloading,
        (SELECT count(*) FROM tracks WHERE status = 'downloaded') AS downloaded,
        (SELECT count(*) FROM tracks WHERE status = 'failed') AS failed`,
    )
    .get() as CatalogCounters;
  const claims = db
    .prepare(
      `SELECT q.worker, count(*) AS items, sum(t.status = 'downloading') AS tracks
       FROM queue_items q LEFT JOIN tracks t ON t.id = q.track_id
       WHERE q.kind='track' AND q.status='in_progress' GROUP BY q.worker`,
    )
    .all() as { worker: string | null; items: number; tracks: number | null }[];
  let live = 0;
  let orphanedItems = 0;
  for (const claim of claims) {
    if (isRunning(claim.worker)) live += claim.tracks ?? 0;
    else orphanedItems += claim.items;
  }
  const downloading = Math.min(live, c.downloading);
  return { ...c, downloading, missing: c.missing + (c.downloading - downloading), queued: c.queued + orphanedItems };
}

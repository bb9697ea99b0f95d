// Headline counters, always computed by SQL over the catalog — never a separately kept tally.
import type { Db } from '../db';

export interface CatalogCounters {
  songs: number;
  artists: number;
  albums: number;
  /** Not on disk and waiting (status missing or queued). */
  missing: number;
  /** Active queue requests waiting to run (pending or waiting for a retry). */
  queued: number;
  downloading: number;
  downloaded: number;
  failed: number;
}

export function catalogStatus(db: Db): CatalogCounters {
  return db
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
}

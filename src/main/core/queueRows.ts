// Turns queue items into the rows clients see: joined with the track, artist and album they concern.
import type { Db } from '../db';
import type { QueueItem } from '../queue';
import type { QueueRow } from '../../shared/contract';

interface TrackInfo {
  title: string;
  artist: string;
  album: string | null;
}

export function toQueueRows(db: Db, items: QueueItem[], now: number): QueueRow[] {
  if (!items.length) return [];
  const trackIds = [...new Set(items.map((i) => i.track_id).filter((x): x is number => x !== null))];
  const info = new Map<number, TrackInfo>();
  for (let i = 0; i < trackIds.length; i += 500) {
    const chunk = trackIds.slice(i, i + 500);
    const rows = db
      .prepare(
        `SELECT t.id, t.title, t.version, a.name AS artist, al.title AS album FROM tracks t JOIN artists a ON a.id=t.artist_id
         LEFT JOIN albums al ON al.id=t.album_id WHERE t.id IN (${chunk.map(() => '?').join(',')})`,
      )
      .all(...chunk) as { id: number; title: string; version: string | null; artist: string; album: string | null }[];
    for (const r of rows) info.set(r.id, { title: r.version && !r.title.includes(r.version) ? `${r.title} (${r.version})` : r.title, artist: r.artist, album: r.album });
  }
  return items.map((i) => {
    const t = i.track_id !== null ? info.get(i.track_id) : undefined;
    const elapsed = i.status === 'in_progress' && i.started_at ? (now - i.started_at) / 1000 : 0;
    return {
      id: i.id,
      parentId: i.parent_id,
      trackId: i.track_id,
      title: t?.title ?? (i.kind === 'album' ? `Album #${i.album_id}` : 'Unknown track'),
      artist: t?.artist ?? '',
      album: t?.album ?? null,
      status: i.status,
      priority: i.priority,
      source: i.source,
      requestSource: i.request_source,
      requestedBy: i.requested_by,
      createdAt: i.created_at,
      startedAt: i.started_at,
      completedAt: i.completed_at,
      nextRetryAt: i.next_retry_at,
      retryCount: i.retry_count,
      maxRetries: i.max_retries,
      bytesDownloaded: i.bytes_downloaded,
      bytesTotal: i.bytes_total,
      speed: elapsed > 0.5 ? Math.round(i.bytes_downloaded / elapsed) : null,
      detail: i.detail,
      errorType: i.error_type,
      errorMessage: i.error_message,
      destinationPath: i.destination_path,
      tried: safeList(i.tried),
    };
  });
}

function safeList(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

// The queue's finalize step for Qobuz downloads: writes the ID3v2.4 tags (and the album cover, fetched once per
// album) into the fetched file before it is moved into place, and tells the queue which damaged file a
// re-download replaces (the rename replaces it: the old file stays until the new one is in place).
import type { Db } from '../../db';
import { writeTags, type CoverArtCache } from '../../library';
import type { FetchedFile, TrackWanted } from '../../base';
import type { PlanEntry } from './plan';
import { isCompilationAlbum } from './plan';
import { qobuzTrackTags } from './qobuzTrackTags';

type TagSource = Pick<PlanEntry, 'track' | 'album' | 'discTrackCount'>;

interface Remembered {
  entry: TagSource;
  /** A damaged file at the target that this download replaces. */
  replaces?: string;
}

export class QobuzTagger {
  private readonly byTrack = new Map<number, Remembered>();

  constructor(
    private readonly db: Db,
    private readonly covers: CoverArtCache,
  ) {}

  /** The sync's metadata for a catalog track (fresher than the catalog: copyright, per-disc counts). */
  remember(catalogTrackId: number, entry: TagSource, replaces?: string): void {
    this.byTrack.set(catalogTrackId, { entry, ...(replaces ? { replaces } : {}) });
  }

  forget(catalogTrackIds: Iterable<number>): void {
    for (const id of catalogTrackIds) this.byTrack.delete(id);
  }

  async finalize(track: TrackWanted, file: FetchedFile): Promise<void> {
    const remembered = this.byTrack.get(track.trackId);
    const entry = remembered?.entry ?? this.fromCatalog(track.trackId);
    if (!entry) return;
    const cover = await this.covers.get(entry.album.coverUrl);
    // The queue processor measures the tagged file itself before recording its size.
    await writeTags(file.path, qobuzTrackTags(entry, cover), { ext: file.ext });
  }

  /** The file at the target this track's download was planned to replace (a damaged or unreadable one). */
  replaces(catalogTrackId: number): string | undefined {
    return this.byTrack.get(catalogTrackId)?.replaces;
  }

  /** Tag data for a Qobuz track queued outside a sync (reconcile, retry from the queue page). */
  private fromCatalog(trackId: number): TagSource | undefined {
    const r = this.db
      .prepare(
        `SELECT t.qobuz_id, t.title, t.version, ar.name AS artist, ar.qobuz_id AS artist_qobuz_id, t.track_number, t.disc_number,
                t.duration_sec, t.isrc, al.id AS album_id, al.qobuz_id AS album_qobuz_id, al.title AS album_title, al.version AS album_version,
                aa.name AS album_artist, aa.qobuz_id AS album_artist_qobuz_id, al.genre, al.label, al.release_date, al.upc,
                al.track_count, al.disc_count, al.cover_url
         FROM tracks t JOIN artists ar ON ar.id = t.artist_id JOIN albums al ON al.id = t.album_id JOIN artists aa ON aa.id = al.artist_id
         WHERE t.id = ? AND t.qobuz_id IS NOT NULL AND al.qobuz_id IS NOT NULL`,
      )
      .get(trackId) as CatalogTagRow | undefined;
    if (!r) return undefined;
    const disc = r.disc_number ?? 1;
    const discCount = Math.max(1, r.disc_count ?? 1);
    let discTrackCount: number | undefined;
    if (discCount === 1 && r.track_count) discTrackCount = r.track_count;
    else {
      const c = this.db
        .prepare(`SELECT count(*) AS n, sum(coalesce(disc_number, 1) = ?) AS onDisc FROM tracks WHERE album_id = ? AND qobuz_id IS NOT NULL`)
        .get(disc, r.album_id) as { n: number; onDisc: number | null };
      if (r.track_count && c.n === r.track_count) discTrackCount = c.onDisc ?? undefined;
    }
    return {
      track: {
        qobuzId: Number(r.qobuz_id),
        title: r.title,
        version: r.version,
        artist: { name: r.artist, ...(r.artist_qobuz_id ? { qobuzId: r.artist_qobuz_id } : {}) },
        trackNumber: r.track_number ?? 0,
        discNumber: disc,
        ...(r.duration_sec ? { durationSec: r.duration_sec } : {}),
        ...(r.isrc ? { isrc: r.isrc } : {}),
      },
      album: {
        qobuzId: r.album_qobuz_id,
        title: r.album_title,
        version: r.album_version,
        artist: { name: r.album_artist, ...(r.album_artist_qobuz_id ? { qobuzId: r.album_artist_qobuz_id } : {}) },
        ...(r.genre ? { genre: r.genre } : {}),
        ...(r.label ? { label: r.label } : {}),
        ...(r.release_date ? { releaseDate: r.release_date } : {}),
        ...(r.upc ? { upc: r.upc } : {}),
        trackCount: r.track_count ?? 0,
        discCount,
        ...(r.cover_url ? { coverUrl: r.cover_url } : {}),
        isCompilation: isCompilationAlbum(r.album_artist),
      },
      ...(discTrackCount ? { discTrackCount } : {}),
    };
  }
}

interface CatalogTagRow {
  qobuz_id: string;
  title: string;
  version: string | null;
  artist: string;
  artist_qobuz_id: string | null;
  track_number: number | null;
  disc_number: number | null;
  duration_sec: number | null;
  isrc: string | null;
  album_id: number;
  album_qobuz_id: string;
  album_title: string;
  album_version: string | null;
  album_artist: string;
  album_artist_qobuz_id: string | null;
  genre: string | null;
  label: string | null;
  release_date: string | null;
  upc: string | null;
  track_count: number | null;
  disc_count: number | null;
  cover_url: string | null;
}

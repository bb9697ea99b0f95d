// The queue's finalize step for Qobuz downloads: writes the ID3v2 tags (v2.4, or v2.3 when Settings say so) (and the album cover, fetched once per
// album) into the fetched file before it is moved into place, and tells the queue which damaged file a
// re-download replaces (the rename replaces it: the old file stays until the new one is in place).
import { writeTags, type CoverArtCache, type Id3Version } from '../../library';
import type { FetchedFile, TrackWanted } from '../../base';
import type { SyncCatalog } from '../../catalog';
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
    private readonly catalog: SyncCatalog,
    private readonly covers: CoverArtCache,
    private readonly id3Version?: () => Promise<Id3Version>,
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
    const id3Version = await this.id3Version?.();
    await writeTags(file.path, qobuzTrackTags(entry, cover), { ext: file.ext, ...(id3Version ? { id3Version } : {}) });
  }

  /** The file at the target this track's download was planned to replace (a damaged or unreadable one). */
  replaces(catalogTrackId: number): string | undefined {
    return this.byTrack.get(catalogTrackId)?.replaces;
  }

  /** Tag data for a Qobuz track queued outside a sync (reconcile, retry from the queue page). */
  private fromCatalog(trackId: number): TagSource | undefined {
    const r = this.catalog.qobuzTagRow(trackId);
    if (!r) return undefined;
    const disc = r.disc_number ?? 1;
    const discCount = Math.max(1, r.disc_count ?? 1);
    let discTrackCount: number | undefined;
    if (discCount === 1 && r.track_count) discTrackCount = r.track_count;
    else {
      const c = this.catalog.qobuzDiscCounts(r.album_id, disc);
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

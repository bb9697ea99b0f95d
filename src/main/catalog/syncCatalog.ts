// The Qobuz purchase sync's dealings with the catalog: what it already knows of Qobuz tracks (one query, also the cache
// of album track lists that lets a no-op re-sync skip album/get), recording purchases as albums and tracks with
// source 'qobuz' and planned paths, and adopting files found on disk.
import type { Db } from '../db';
import type { CatalogStore } from './catalogStore';

/** Qobuz purchases as the sync sees them: an artist, an album with its counts, a track. */
export interface SyncArtist {
  name: string;
  qobuzId?: string;
}

export interface SyncAlbum {
  qobuzId: string;
  title: string;
  version: string | null;
  artist: SyncArtist;
  genre?: string;
  label?: string;
  /** YYYY-MM-DD (or YYYY). */
  releaseDate?: string;
  upc?: string;
  trackCount: number;
  discCount: number;
  coverUrl?: string;
  copyright?: string;
  isCompilation: boolean;
}

export interface SyncTrack {
  qobuzId: number;
  title: string;
  version: string | null;
  /** The track artist (performer), as credited. */
  artist: SyncArtist;
  trackNumber: number;
  discNumber: number;
  durationSec?: number;
  isrc?: string;
  copyright?: string;
}

export interface AlbumWithTracks {
  album: SyncAlbum;
  tracks: SyncTrack[];
}

/** A planned purchase: the track, its album and the path the sync files it under. */
export interface PurchaseEntry {
  track: SyncTrack;
  album: SyncAlbum;
  path: string;
}


/** A Qobuz track as the catalog knows it. */
export interface CatalogQobuzTrack {
  id: number;
  qobuzId: number;
  albumQobuzId: string | null;
  title: string;
  version: string | null;
  artist: string;
  artistQobuzId: string | null;
  trackNumber: number | null;
  discNumber: number | null;
  durationSec: number | null;
  isrc: string | null;
  plannedPath: string | null;
  localPath: string | null;
  sizeBytes: number | null;
  status: string;
}

interface Row {
  id: number;
  qobuz_id: string;
  album_qobuz_id: string | null;
  title: string;
  version: string | null;
  artist: string;
  artist_qobuz_id: string | null;
  track_number: number | null;
  disc_number: number | null;
  duration_sec: number | null;
  isrc: string | null;
  planned_path: string | null;
  local_path: string | null;
  size_bytes: number | null;
  status: string;
}

export class SyncCatalog {
  constructor(
    private readonly db: Db,
    private readonly catalog: CatalogStore,
  ) {}

  /** Every catalog track with a Qobuz id, by that id. */
  qobuzTracks(): Map<number, CatalogQobuzTrack> {
    const rows = this.db
      .prepare(
        `SELECT t.id, t.qobuz_id, al.qobuz_id AS album_qobuz_id, t.title, t.version, ar.name AS artist, ar.qobuz_id AS artist_qobuz_id,
                t.track_number, t.disc_number, t.duration_sec, t.isrc, t.planned_path, t.local_path, t.size_bytes, t.status
         FROM tracks t JOIN artists ar ON ar.id = t.artist_id LEFT JOIN albums al ON al.id = t.album_id
         WHERE t.qobuz_id IS NOT NULL`,
      )
      .all() as Row[];
    const out = new Map<number, CatalogQobuzTrack>();
    for (const r of rows) {
      const qobuzId = Number(r.qobuz_id);
      if (!Number.isSafeInteger(qobuzId)) continue;
      out.set(qobuzId, {
        id: r.id, qobuzId, albumQobuzId: r.album_qobuz_id, title: r.title, version: r.version, artist: r.artist,
        artistQobuzId: r.artist_qobuz_id, trackNumber: r.track_number, discNumber: r.disc_number, durationSec: r.duration_sec,
        isrc: r.isrc, plannedPath: r.planned_path, localPath: r.local_path, sizeBytes: r.size_bytes, status: r.status,
      });
    }
    return out;
  }

  /**
   * An album whose every track (per the purchase listing's tracks_count) is already in the catalog, rebuilt from
   * it; undefined when album/get is needed.
   */
  static cachedAlbum(album: SyncAlbum, byAlbum: Map<string, CatalogQobuzTrack[]>): AlbumWithTracks | undefined {
    const known = byAlbum.get(album.qobuzId);
    if (!known || album.trackCount <= 0 || known.length !== album.trackCount) return undefined;
    const tracks: SyncTrack[] = known.map((k) => ({
      qobuzId: k.qobuzId,
      title: k.title,
      version: k.version,
      artist: { name: k.artist, ...(k.artistQobuzId ? { qobuzId: k.artistQobuzId } : {}) },
      trackNumber: k.trackNumber ?? 0,
      discNumber: k.discNumber ?? 1,
      ...(k.durationSec ? { durationSec: k.durationSec } : {}),
      ...(k.isrc ? { isrc: k.isrc } : {}),
    }));
    return { album, tracks };
  }

  static byAlbum(tracks: Map<number, CatalogQobuzTrack>): Map<string, CatalogQobuzTrack[]> {
    const out = new Map<string, CatalogQobuzTrack[]>();
    for (const t of tracks.values()) {
      if (!t.albumQobuzId) continue;
      const list = out.get(t.albumQobuzId);
      if (list) list.push(t);
      else out.set(t.albumQobuzId, [t]);
    }
    return out;
  }

  /**
   * Records plan entries as catalog albums and tracks (source 'qobuz', planned path). Entries whose track the
   * catalog already has with this path are left alone, so a no-op re-sync writes nothing. Returns catalog track
   * ids by Qobuz track id.
   */
  record(entries: PurchaseEntry[], known: Map<number, CatalogQobuzTrack>): Map<number, number> {
    const ids = new Map<number, number>();
    const albumIds = new Map<string, number>();
    const setPlanned = this.db.prepare(`UPDATE tracks SET planned_path=?, source=coalesce(source, 'qobuz') WHERE id=?`);
    this.db.transaction(() => {
      for (const e of entries) {
        const k = known.get(e.track.qobuzId);
        if (k && k.albumQobuzId === e.album.qobuzId) {
          if (k.plannedPath !== e.path) setPlanned.run(e.path, k.id);
          ids.set(e.track.qobuzId, k.id);
          continue;
        }
        let albumId = albumIds.get(e.album.qobuzId);
        if (albumId === undefined) {
          albumId = this.catalog.upsertAlbum({
            title: e.album.title,
            version: e.album.version,
            artist: { name: e.album.artist.name, ...(e.album.artist.qobuzId ? { qobuzId: e.album.artist.qobuzId } : {}) },
            qobuzId: e.album.qobuzId,
            upc: e.album.upc,
            releaseDate: e.album.releaseDate,
            genre: e.album.genre,
            label: e.album.label,
            trackCount: e.album.trackCount || undefined,
            discCount: e.album.discCount,
            coverUrl: e.album.coverUrl,
            isCompilation: e.album.isCompilation,
          });
          albumIds.set(e.album.qobuzId, albumId);
        }
        const id = this.catalog.upsertTrack({
          title: e.track.title,
          version: e.track.version,
          artist: { name: e.track.artist.name, ...(e.track.artist.qobuzId ? { qobuzId: e.track.artist.qobuzId } : {}) },
          albumId,
          trackNumber: e.track.trackNumber,
          discNumber: e.track.discNumber,
          durationSec: e.track.durationSec,
          isrc: e.track.isrc,
          qobuzId: String(e.track.qobuzId),
          source: 'qobuz',
          plannedPath: e.path,
        });
        // upsertTrack keeps an existing planned path; the sync folder decides it.
        setPlanned.run(e.path, id);
        ids.set(e.track.qobuzId, id);
      }
    })();
    return ids;
  }

  /**
   * Marks a file found on disk as the track's. A row that merely indexed the same file (a folder import, no
   * service ids) is the same recording: it is folded into the Qobuz track. Returns false when the file belongs
   * to another managed track.
   */
  adopt(trackId: number, path: string, sizeBytes: number): boolean {
    return this.db.transaction(() => {
      const holder = this.db
        .prepare(`SELECT id, qobuz_id, spotify_id FROM tracks WHERE local_path = ? AND id <> ?`)
        .get(path, trackId) as { id: number; qobuz_id: string | null; spotify_id: string | null } | undefined;
      if (holder) {
        if (holder.qobuz_id || holder.spotify_id) return false;
        this.db.prepare('DELETE FROM tracks WHERE id = ?').run(holder.id);
      }
      this.catalog.markDownloaded(trackId, path, sizeBytes);
      return true;
    })();
  }

  /** Paths the catalog holds for tracks with a service id (a tag scan need not look at those). */
  managedPaths(): Set<string> {
    const rows = this.db
      .prepare(`SELECT local_path FROM tracks WHERE local_path IS NOT NULL AND (qobuz_id IS NOT NULL OR spotify_id IS NOT NULL)`)
      .all() as { local_path: string }[];
    return new Set(rows.map((r) => r.local_path));
  }

  /** What the tags of a Qobuz track queued outside a sync are written from (its album and artists joined). */
  qobuzTagRow(trackId: number): QobuzTagRow | undefined {
    return this.db
      .prepare(
        `SELECT t.qobuz_id, t.title, t.version, ar.name AS artist, ar.qobuz_id AS artist_qobuz_id, t.track_number, t.disc_number,
                t.duration_sec, t.isrc, al.id AS album_id, al.qobuz_id AS album_qobuz_id, al.title AS album_title, al.version AS album_version,
                aa.name AS album_artist, aa.qobuz_id AS album_artist_qobuz_id, al.genre, al.label, al.release_date, al.upc,
                al.track_count, al.disc_count, al.cover_url
         FROM tracks t JOIN artists ar ON ar.id = t.artist_id JOIN albums al ON al.id = t.album_id JOIN artists aa ON aa.id = al.artist_id
         WHERE t.id = ? AND t.qobuz_id IS NOT NULL AND al.qobuz_id IS NOT NULL`,
      )
      .get(trackId) as QobuzTagRow | undefined;
  }

  /** An album's Qobuz tracks the catalog holds, and how many of them are on one disc (for "n/N" per disc). */
  qobuzDiscCounts(albumId: number, disc: number): { n: number; onDisc: number | null } {
    return this.db
      .prepare(`SELECT count(*) AS n, sum(coalesce(disc_number, 1) = ?) AS onDisc FROM tracks WHERE album_id = ? AND qobuz_id IS NOT NULL`)
      .get(disc, albumId) as { n: number; onDisc: number | null };
  }
}

/** A Qobuz track with its album and artists, as tags need them. */
export interface QobuzTagRow {
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

// Catalog rows: artists, albums, tracks. Upserts deduplicate by service id first, then by a normalised key.
import { statementCache, type Db, type PreparedSql } from '../db';
import type { Clock } from '../base';
import type { AlbumType, TrackWanted } from '../base';

export type TrackStatus = 'missing' | 'queued' | 'downloading' | 'downloaded' | 'failed';

export interface ArtistInput {
  name: string;
  spotifyId?: string;
  qobuzId?: string;
}

export interface AlbumInput {
  title: string;
  version?: string | null;
  artist: ArtistInput;
  qobuzId?: string;
  spotifyId?: string;
  upc?: string;
  releaseDate?: string;
  genre?: string;
  label?: string;
  trackCount?: number;
  discCount?: number;
  coverUrl?: string;
  isCompilation?: boolean;
  /** Spotify's kind of release, when known (kept when a later upsert does not say). */
  albumType?: AlbumType;
}

export interface TrackInput {
  title: string;
  version?: string | null;
  artist: ArtistInput;
  albumId?: number | null;
  trackNumber?: number;
  discNumber?: number;
  durationSec?: number;
  isrc?: string;
  qobuzId?: string;
  spotifyId?: string;
  source?: string;
  plannedPath?: string;
  /** Set when the file is known to be on disk (import, completed download). */
  localPath?: string;
  sizeBytes?: number;
  /** Every credited artist, main first (`artist` is the main one); kept when a later upsert does not say. */
  artists?: string[];
}

export interface TrackRow {
  id: number;
  title: string;
  version: string | null;
  artist_id: number;
  album_id: number | null;
  track_number: number | null;
  disc_number: number | null;
  duration_sec: number | null;
  isrc: string | null;
  qobuz_id: string | null;
  spotify_id: string | null;
  source: string | null;
  local_path: string | null;
  planned_path: string | null;
  status: TrackStatus;
  size_bytes: number | null;
  last_seen_at: number | null;
  last_error: string | null;
  error_type: string | null;
  retry_count: number;
  retry_after: number | null;
}

/** Album columns trackWanted reads beside the track row. */
interface WantedAlbumColumns {
  artist_name: string;
  album_title: string | null;
  album_artist: string | null;
  album_track_count: number | null;
  album_disc_count: number | null;
  release_date: string | null;
  genre: string | null;
  label: string | null;
  cover_url: string | null;
  album_qobuz_id: string | null;
  album_spotify_id: string | null;
  album_type: AlbumType | null;
  artist_credits: string | null;
  album_known: number;
  disc_known: number;
}

export const nameKey = (s: string): string => s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

export class CatalogStore {
  private readonly sql: PreparedSql;
  constructor(
    readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.sql = statementCache(db);
  }

  upsertArtist(a: ArtistInput): number {
    const key = nameKey(a.name);
    const row = this.sql('SELECT id FROM artists WHERE name_key = ?').get(key) as { id: number } | undefined;
    if (row) {
      if (a.spotifyId || a.qobuzId) {
        this.sql('UPDATE artists SET spotify_id = coalesce(?, spotify_id), qobuz_id = coalesce(?, qobuz_id) WHERE id = ?')
          .run(a.spotifyId ?? null, a.qobuzId ?? null, row.id);
      }
      return row.id;
    }
    return Number(
      this.sql('INSERT INTO artists (name, name_key, spotify_id, qobuz_id, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(a.name.trim(), key, a.spotifyId ?? null, a.qobuzId ?? null, this.clock.now()).lastInsertRowid,
    );
  }

  upsertAlbum(a: AlbumInput): number {
    const artistId = this.upsertArtist(a.artist);
    const key = a.qobuzId ? `qobuz:${a.qobuzId}` : `${artistId}|${nameKey(a.title)}|${nameKey(a.version ?? '')}`;
    // A service id names one album whoever is credited for it this time (playlists credit albums unevenly).
    const existing = this.sql(
      'SELECT id FROM albums WHERE album_key = ? OR (qobuz_id IS NOT NULL AND qobuz_id = ?) OR (spotify_id IS NOT NULL AND spotify_id = ?) LIMIT 1',
    ).get(key, a.qobuzId ?? null, a.spotifyId ?? null) as { id: number } | undefined;
    const values = [
      a.title, a.version ?? null, artistId, a.qobuzId ?? null, a.spotifyId ?? null, a.upc ?? null,
      a.releaseDate ?? null, a.genre ?? null, a.label ?? null, a.trackCount ?? null, a.discCount ?? null,
      a.coverUrl ?? null, a.isCompilation ? 1 : 0, a.albumType ?? null,
    ];
    if (existing) {
      this.sql(
          `UPDATE albums SET title=?, version=?, artist_id=?, qobuz_id=coalesce(?, qobuz_id), spotify_id=coalesce(?, spotify_id),
           upc=coalesce(?, upc), release_date=coalesce(?, release_date), genre=coalesce(?, genre), label=coalesce(?, label),
           track_count=coalesce(?, track_count), disc_count=coalesce(?, disc_count), cover_url=coalesce(?, cover_url),
           is_compilation=?, album_type=coalesce(?, album_type) WHERE id=?`,
        )
        .run(...values, existing.id);
      return existing.id;
    }
    return Number(
      this.sql(
          `INSERT INTO albums (title, version, artist_id, qobuz_id, spotify_id, upc, release_date, genre, label,
           track_count, disc_count, cover_url, is_compilation, album_type, album_key, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
        )
        .run(...values, key, this.clock.now()).lastInsertRowid,
    );
  }

  /** Inserts or updates a track; returns its id. A known local file makes it `downloaded`. */
  upsertTrack(t: TrackInput): number {
    const artistId = this.upsertArtist(t.artist);
    const key = t.qobuzId
      ? `qobuz:${t.qobuzId}`
      : t.spotifyId
        ? `spotify:${t.spotifyId}`
        : `${artistId}|${t.albumId ?? ''}|${t.discNumber ?? ''}|${t.trackNumber ?? ''}|${nameKey(t.title)}`;
    const existing = this.sql(
        `SELECT id FROM tracks WHERE track_key = ?
         OR (? IS NOT NULL AND qobuz_id = ?) OR (? IS NOT NULL AND spotify_id = ?)
         OR (? IS NOT NULL AND local_path = ?) LIMIT 1`,
      )
      .get(key, t.qobuzId ?? null, t.qobuzId ?? null, t.spotifyId ?? null, t.spotifyId ?? null, t.localPath ?? null, t.localPath ?? null) as
      | { id: number }
      | undefined;
    const now = this.clock.now();
    const credits = t.artists && t.artists.length > 0 ? JSON.stringify(t.artists) : null;
    if (existing) {
      this.sql(
          `UPDATE tracks SET title=?, version=?, artist_id=?, album_id=coalesce(?, album_id), track_number=coalesce(?, track_number),
           disc_number=coalesce(?, disc_number), duration_sec=coalesce(?, duration_sec), isrc=coalesce(?, isrc),
           qobuz_id=coalesce(?, qobuz_id), spotify_id=coalesce(?, spotify_id), source=coalesce(?, source),
           planned_path=coalesce(?, planned_path), artist_credits=coalesce(?, artist_credits), updated_at=? WHERE id=?`,
        )
        .run(
          t.title, t.version ?? null, artistId, t.albumId ?? null, t.trackNumber ?? null, t.discNumber ?? null,
          t.durationSec ?? null, t.isrc ?? null, t.qobuzId ?? null, t.spotifyId ?? null, t.source ?? null,
          t.plannedPath ?? null, credits, now, existing.id,
        );
      if (t.localPath) this.markDownloaded(existing.id, t.localPath, t.sizeBytes ?? null);
      return existing.id;
    }
    const id = Number(
      this.sql(
          `INSERT INTO tracks (title, version, artist_id, album_id, track_number, disc_number, duration_sec, isrc, qobuz_id,
           spotify_id, track_key, source, planned_path, local_path, size_bytes, status, last_seen_at, artist_credits, created_at, updated_at)
           VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
        )
        .run(
          t.title, t.version ?? null, artistId, t.albumId ?? null, t.trackNumber ?? null, t.discNumber ?? null,
          t.durationSec ?? null, t.isrc ?? null, t.qobuzId ?? null, t.spotifyId ?? null, key, t.source ?? null,
          t.plannedPath ?? null, t.localPath ?? null, t.sizeBytes ?? null, t.localPath ? 'downloaded' : 'missing',
          t.localPath ? now : null, credits, now, now,
        ).lastInsertRowid,
    );
    return id;
  }

  /** The track whose file is at `path`, if any. */
  trackIdAtPath(path: string): number | undefined {
    return (this.db.prepare('SELECT id FROM tracks WHERE local_path = ? LIMIT 1').get(path) as { id: number } | undefined)?.id;
  }

  hasAlbum(id: number): boolean {
    return Boolean(this.sql('SELECT 1 FROM albums WHERE id = ?').get(id));
  }

  /** How many of an album's tracks are not on disk (what a request for the album would queue). */
  albumTracksWanted(albumId: number): number {
    return (this.sql(`SELECT count(*) AS n FROM tracks WHERE album_id = ? AND status <> 'downloaded'`).get(albumId) as { n: number }).n;
  }

  getTrack(id: number): TrackRow | undefined {
    return this.sql('SELECT * FROM tracks WHERE id = ?').get(id) as TrackRow | undefined;
  }

  /** The metadata a source needs to find a track, and the queue needs to tag it. */
  trackWanted(id: number): TrackWanted | undefined {
    const r = this.sql(
        `SELECT t.*, ar.name AS artist_name, al.title AS album_title, al.track_count AS album_track_count, aa.name AS album_artist,
                al.disc_count AS album_disc_count, al.release_date, al.genre, al.label, al.cover_url,
                al.qobuz_id AS album_qobuz_id, al.spotify_id AS album_spotify_id, al.album_type,
                (SELECT count(*) FROM tracks x WHERE x.album_id = t.album_id) AS album_known,
                (SELECT count(*) FROM tracks x WHERE x.album_id = t.album_id AND coalesce(x.disc_number, 1) = coalesce(t.disc_number, 1)) AS disc_known
         FROM tracks t JOIN artists ar ON ar.id = t.artist_id
         LEFT JOIN albums al ON al.id = t.album_id LEFT JOIN artists aa ON aa.id = al.artist_id WHERE t.id = ?`,
      )
      .get(id) as (TrackRow & WantedAlbumColumns) | undefined;
    if (!r) return undefined;
    const externalIds: Record<string, string> = {};
    if (r.qobuz_id) externalIds.qobuz = r.qobuz_id;
    if (r.spotify_id) externalIds.spotify = r.spotify_id;
    const albumExternalIds: Record<string, string> = {};
    if (r.album_qobuz_id) albumExternalIds.qobuz = r.album_qobuz_id;
    if (r.album_spotify_id) albumExternalIds.spotify = r.album_spotify_id;
    // A per-disc count is only true when the catalog holds the whole album.
    const wholeAlbum = r.album_track_count !== null && r.album_known === r.album_track_count;
    const discs = r.album_disc_count ?? undefined;
    const discTrackCount = wholeAlbum ? (discs === 1 ? (r.album_track_count ?? undefined) : r.disc_known) : undefined;
    const credits = parseCredits(r.artist_credits);
    return {
      trackId: r.id,
      title: r.title,
      artist: r.artist_name,
      album: r.album_title ?? undefined,
      albumArtist: r.album_artist ?? undefined,
      albumTrackCount: r.album_track_count ?? undefined,
      trackNumber: r.track_number ?? undefined,
      discNumber: r.disc_number ?? undefined,
      durationSec: r.duration_sec ?? undefined,
      isrc: r.isrc ?? undefined,
      externalIds,
      ...(r.version ? { version: r.version } : {}),
      ...(discTrackCount ? { discTrackCount } : {}),
      ...(discs ? { albumDiscCount: discs } : {}),
      ...(r.release_date ? { releaseDate: r.release_date } : {}),
      ...(r.genre ? { genre: r.genre } : {}),
      ...(r.label ? { label: r.label } : {}),
      ...(r.cover_url ? { coverUrl: r.cover_url } : {}),
      ...(Object.keys(albumExternalIds).length ? { albumExternalIds } : {}),
      ...(r.album_type ? { albumType: r.album_type } : {}),
      ...(credits ? { artists: credits } : {}),
    };
  }

  /** Success: absolute path, `downloaded`, retry state cleared. */
  markDownloaded(id: number, localPath: string, sizeBytes: number | null): void {
    const now = this.clock.now();
    this.sql(
        `UPDATE tracks SET local_path=?, planned_path=coalesce(planned_path, ?), size_bytes=?, status='downloaded', last_seen_at=?,
         last_error=NULL, error_type=NULL, retry_count=0, retry_after=NULL, updated_at=? WHERE id=?`,
      )
      .run(localPath, localPath, sizeBytes, now, now, id);
  }

  setStatus(id: number, status: TrackStatus): void {
    this.sql('UPDATE tracks SET status=?, updated_at=? WHERE id=?').run(status, this.clock.now(), id);
  }

  /** Failure: records the error, counts it, and sets the cooldown the caller computed. */
  markFailed(id: number, errorType: string, message: string, retryAfter: number | null): void {
    this.sql(
        `UPDATE tracks SET status='failed', last_error=?, error_type=?, retry_count=retry_count+1, retry_after=?, updated_at=?
         WHERE id=?`,
      )
      .run(message, errorType, retryAfter, this.clock.now(), id);
  }

  countTracks(): number {
    return (this.sql('SELECT count(*) AS n FROM tracks').get() as { n: number }).n;
  }
}

/** The stored credits (a JSON array of names), or undefined when unknown or unreadable. */
function parseCredits(json: string | null): string[] | undefined {
  if (!json) return undefined;
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
  } catch {
    return undefined;
  }
}

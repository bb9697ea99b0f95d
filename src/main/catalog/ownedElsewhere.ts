// Playlist tracks in the catalog and the tracks the catalog owns. A playlist entry becomes a catalog track with
// its Spotify id and metadata and no status assumed; when the library owns it on a server (Plex, Jellyfin,
// Subsonic, a folder the catalog does not track), `owned_elsewhere` names that library and the track counts as
// downloaded — reconcile keeps it so instead of calling it missing because it has no local file.
import type { AlbumType } from '../base';
import type { Db } from '../db';
import type { CatalogStore } from './catalogStore';

/** What the catalog already owns, for the "do I own it?" check: tracks with a file, and Qobuz purchases. */
export interface OwnedCatalogTrack {
  id: number;
  title: string;
  version: string | null;
  artist: string;
  album: string | null;
  durationSec: number | null;
  trackNumber: number | null;
  isrc: string | null;
  spotifyId: string | null;
}

export function ownedCatalogTracks(db: Db): OwnedCatalogTrack[] {
  return db
    .prepare(
      `SELECT t.id, t.title, t.version, ar.name AS artist, al.title AS album, t.duration_sec AS durationSec,
              t.track_number AS trackNumber, t.isrc, t.spotify_id AS spotifyId
       FROM tracks t JOIN artists ar ON ar.id = t.artist_id LEFT JOIN albums al ON al.id = t.album_id
       WHERE (t.status = 'downloaded' AND t.local_path IS NOT NULL) OR t.source = 'qobuz'`,
    )
    .all() as OwnedCatalogTrack[];
}

export interface PlaylistTrackInput {
  title: string;
  artists: string[];
  album?: string;
  albumArtists?: string[];
  albumSpotifyId?: string;
  releaseDate?: string;
  coverUrl?: string;
  durationSec?: number;
  trackNumber?: number;
  discNumber?: number;
  spotifyId?: string;
  isrc?: string;
  albumType?: AlbumType;
  albumTrackCount?: number;
}

/**
 * The catalog track for a playlist entry: the catalog track the owned-check matched (it gains the Spotify id when
 * it has none), else the track with this Spotify id, else a new one. Never a second row for the same Spotify id.
 */
export function upsertPlaylistTrack(catalog: CatalogStore, t: PlaylistTrackInput, matchedCatalogId?: number): number {
  const db = catalog.db;
  if (matchedCatalogId !== undefined) {
    const row = db.prepare('SELECT spotify_id FROM tracks WHERE id = ?').get(matchedCatalogId) as { spotify_id: string | null } | undefined;
    const taken = t.spotifyId ? (db.prepare('SELECT id FROM tracks WHERE spotify_id = ?').get(t.spotifyId) as { id: number } | undefined) : undefined;
    if (row && (row.spotify_id === (t.spotifyId ?? null) || (row.spotify_id === null && !taken))) {
      if (t.spotifyId && row.spotify_id === null) db.prepare('UPDATE tracks SET spotify_id = ? WHERE id = ?').run(t.spotifyId, matchedCatalogId);
      return matchedCatalogId;
    }
  }
  const main = t.artists[0] ?? 'Unknown Artist';
  const albumId = t.album
    ? catalog.upsertAlbum({
        title: t.album,
        artist: { name: t.albumArtists?.[0] ?? main },
        ...(t.albumSpotifyId ? { spotifyId: t.albumSpotifyId } : {}),
        ...(t.releaseDate ? { releaseDate: t.releaseDate } : {}),
        ...(t.coverUrl ? { coverUrl: t.coverUrl } : {}),
        ...(t.albumType ? { albumType: t.albumType } : {}),
        ...(t.albumTrackCount ? { trackCount: t.albumTrackCount } : {}),
      })
    : null;
  return catalog.upsertTrack({
    title: t.title,
    artist: { name: main },
    ...(t.artists.length > 1 ? { artists: t.artists } : {}),
    albumId,
    ...(t.trackNumber !== undefined ? { trackNumber: t.trackNumber } : {}),
    ...(t.discNumber !== undefined ? { discNumber: t.discNumber } : {}),
    ...(t.durationSec !== undefined ? { durationSec: t.durationSec } : {}),
    ...(t.isrc ? { isrc: t.isrc } : {}),
    ...(t.spotifyId ? { spotifyId: t.spotifyId } : {}),
  });
}

/**
 * Marks a track owned by a library (`where`) or no longer (null). Owned: downloaded, and any waiting request for
 * it is cancelled. No longer owned: a track without a file goes back to missing, so the queue rebuild fetches it.
 */
export function setOwnedElsewhere(db: Db, trackId: number, where: string | null, now: number): void {
  db.transaction(() => {
    if (where) {
      db.prepare(`UPDATE tracks SET owned_elsewhere = ?, status = CASE WHEN status = 'downloading' THEN status ELSE 'downloaded' END, updated_at = ? WHERE id = ? AND local_path IS NULL`)
        .run(where, now, trackId);
      db.prepare(
        `UPDATE queue_items SET status='cancelled', completed_at=?, error_type='cancelled', error_message='Already in your library'
         WHERE track_id=? AND status IN ('pending','retry_waiting')`,
      ).run(now, trackId);
    } else {
      db.prepare(
        `UPDATE tracks SET owned_elsewhere = NULL, status = CASE WHEN local_path IS NULL AND status = 'downloaded' THEN 'missing' ELSE status END, updated_at = ?
         WHERE id = ? AND owned_elsewhere IS NOT NULL`,
      ).run(now, trackId);
    }
  })();
}

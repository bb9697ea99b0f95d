// One track of a playlist, whatever the playlist came from (Spotify, an Exportify CSV, an M3U file).

export interface PlaylistEntry {
  /** Unique within the playlist and stable across re-syncs: the Spotify id, else the normalised credit + title. */
  key: string;
  title: string;
  /** The playlist's credits, main artist first. */
  artists: string[];
  album?: string;
  albumArtists?: string[];
  releaseDate?: string;
  durationSec?: number;
  trackNumber?: number;
  discNumber?: number;
  spotifyId?: string;
  albumSpotifyId?: string;
  isrc?: string;
  coverUrl?: string;
  /** Spotify's kind of release (album, single — EPs too — or compilation); unknown for files (CSV, M3U). */
  albumType?: 'album' | 'single' | 'compilation';
  /** Tracks on the album, when the playlist says (Spotify does; Exportify does not). */
  albumTrackCount?: number;
}

export interface LoadedPlaylist {
  /** What the person named: `spotify:playlist:ID`, or the file's full path. */
  ref: string;
  kind: 'spotify' | 'csv' | 'm3u';
  name: string;
  entries: PlaylistEntry[];
}

/** The key of an entry without a Spotify id; a repeat of the same track in one playlist gets `#2`, `#3`. */
export function entryKey(e: Pick<PlaylistEntry, 'title' | 'artists' | 'spotifyId'>): string {
  if (e.spotifyId) return `spotify:${e.spotifyId}`;
  const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return `text:${norm(e.artists.join(', '))}\u0000${norm(e.title)}`;
}

/** Makes keys unique in playlist order (the same song twice is two entries, kept in order). */
export function uniqueKeys(entries: PlaylistEntry[]): PlaylistEntry[] {
  const seen = new Map<string, number>();
  return entries.map((e) => {
    const n = (seen.get(e.key) ?? 0) + 1;
    seen.set(e.key, n);
    return n === 1 ? e : { ...e, key: `${e.key}#${n}` };
  });
}

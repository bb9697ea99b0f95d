// Liked Songs as a playlist ("keep my likes"): the signed-in account's saved tracks, newest first as Spotify lists
// them, through the provider's per-account request queue. Entries are keyed by Spotify id like a Spotify
// playlist's, so a re-run adds only the new likes and nothing twice.
import { SPOTIFY_LIMITS, type SpotifyApi } from '../providers';
import { uniqueKeys, type LoadedPlaylist, type PlaylistEntry } from './playlistEntry';

/** The ref Liked Songs go by in the catalog, the contract and `cassette missing`. */
export const LIKED_SONGS_REF = 'spotify:liked';
export const LIKED_SONGS_NAME = 'Liked Songs';

export async function loadSpotifyLikes(api: Pick<SpotifyApi, 'savedTracks'>): Promise<LoadedPlaylist> {
  const entries: PlaylistEntry[] = [];
  for (let offset = 0; ; ) {
    const page = await api.savedTracks(offset, SPOTIFY_LIMITS.page);
    for (const { track: t } of page.items) {
      if (!t?.id || t.is_local) continue;
      entries.push({
        key: `spotify:${t.id}`,
        title: t.name,
        artists: t.artists.map((a) => a.name),
        ...(t.album ? { album: t.album.name } : {}),
        ...(t.album?.id ? { albumSpotifyId: t.album.id } : {}),
        durationSec: Math.round(t.duration_ms / 100) / 10,
        spotifyId: t.id,
        ...(t.external_ids?.isrc ? { isrc: t.external_ids.isrc } : {}),
      });
    }
    offset += page.items.length;
    if (!page.next || page.items.length === 0) break;
  }
  return { ref: LIKED_SONGS_REF, kind: 'spotify', name: LIKED_SONGS_NAME, entries: uniqueKeys(entries) };
}

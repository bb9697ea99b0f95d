// A Spotify playlist's tracks in order, through the provider's per-account queue and cache. Local files, episodes
// and removed entries are left out: they are not tracks a library can own or a source can fetch by metadata.
import { AppError } from '../../shared/result';
import { SPOTIFY_LIMITS, type SpotifyApi } from '../providers';
import { uniqueKeys, type LoadedPlaylist, type PlaylistEntry } from './playlistEntry';

/** `spotify:playlist:ID`, an open.spotify.com link, or a bare id → the id. */
export function spotifyPlaylistId(ref: string): string | undefined {
  const m = /^spotify:playlist:([A-Za-z0-9]{22})$/.exec(ref) ?? /^https:\/\/open\.spotify\.com\/playlist\/([A-Za-z0-9]{22})/.exec(ref);
  return m?.[1];
}

export async function loadSpotifyPlaylist(api: Pick<SpotifyApi, 'playlist' | 'playlistItems'>, ref: string): Promise<LoadedPlaylist> {
  const id = spotifyPlaylistId(ref);
  if (!id) throw new AppError('invalid_input', `"${ref}" is not a Spotify playlist (expected spotify:playlist:<22-character id>).`);
  const meta = await api.playlist(id);
  const entries: PlaylistEntry[] = [];
  for (let offset = 0; ; ) {
    const page = await api.playlistItems(id, offset, SPOTIFY_LIMITS.page);
    for (const e of page.items) {
      const t = e.item;
      if (!t || t.type !== 'track' || e.is_local || !t.id) continue;
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
  return { ref: `spotify:playlist:${id}`, kind: 'spotify', name: meta.name, entries: uniqueKeys(entries) };
}

// A Spotify playlist's tracks in order, through the provider's per-account queue and cache. Local files, episodes
// and removed entries are left out: they are not tracks a library can own or a source can fetch by metadata.
import { AppError } from '../../shared/result';
import { SPOTIFY_LIMITS, type SpotifyApi } from '../providers';
import { uniqueKeys, type LoadedPlaylist, type PlaylistEntry } from './playlistEntry';

const ALBUM_TYPES = new Set(['album', 'single', 'compilation']);

function largestImage(images: Array<{ url: string; width?: number | null }> | null | undefined): string | undefined {
  return [...(images ?? [])].sort((a, b) => (b.width ?? 0) - (a.width ?? 0))[0]?.url;
}

function releaseDate(album: { release_date?: string | null; release_date_precision?: string | null }): string | undefined {
  const d = album.release_date ?? undefined;
  return d && album.release_date_precision === 'year' ? d.slice(0, 4) : d;
}

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
      const album = t.album;
      const albumArtists = (album?.artists ?? []).map((a) => a.name).filter(Boolean);
      const cover = largestImage(album?.images);
      const date = album ? releaseDate(album) : undefined;
      entries.push({
        key: `spotify:${t.id}`,
        title: t.name,
        artists: t.artists.map((a) => a.name),
        ...(album ? { album: album.name } : {}),
        ...(album?.id ? { albumSpotifyId: album.id } : {}),
        ...(albumArtists.length ? { albumArtists } : {}),
        ...(date ? { releaseDate: date } : {}),
        ...(cover ? { coverUrl: cover } : {}),
        ...(album?.album_type && ALBUM_TYPES.has(album.album_type) ? { albumType: album.album_type as NonNullable<PlaylistEntry['albumType']> } : {}),
        ...(album?.total_tracks ? { albumTrackCount: album.total_tracks } : {}),
        ...(t.track_number ? { trackNumber: t.track_number } : {}),
        ...(t.disc_number ? { discNumber: t.disc_number } : {}),
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

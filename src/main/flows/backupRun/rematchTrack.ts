// A backed-up track whose id no longer resolves: find it again by ISRC, then by title, artist and duration.
import type { BackupTrack } from '../../backup';
import { normalise } from '../../matching';
import type { SpotifyApi, SpotifyTrack } from '../../providers';

const DURATION_GRACE_MS = 10_000;

export async function rematchTrack(api: SpotifyApi, t: BackupTrack, notId?: string): Promise<string | null> {
  const usable = (c: SpotifyTrack) => c.id !== null && c.id !== notId && c.is_playable !== false;
  if (t.isrc) {
    const hit = (await api.searchTracks(`isrc:${t.isrc}`)).find(usable);
    if (hit?.id) return `spotify:track:${hit.id}`;
  }
  const artist = t.artists[0];
  const q = artist ? `track:"${t.title}" artist:"${artist}"` : `track:"${t.title}"`;
  const title = normalise(t.title);
  const hit = (await api.searchTracks(q)).find(
    (c) =>
      usable(c) &&
      normalise(c.name) === title &&
      (!artist || c.artists.some((a) => normalise(a.name) === normalise(artist))) &&
      (t.durationMs === null || Math.abs(c.duration_ms - t.durationMs) <= DURATION_GRACE_MS),
  );
  return hit?.id ? `spotify:track:${hit.id}` : null;
}

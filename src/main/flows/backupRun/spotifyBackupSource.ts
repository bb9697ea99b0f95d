// Spotify as a backup source: pages read in parallel through the account's queue, entries mapped onto the
// provider-agnostic backup format (local files, episodes and null items kept and marked).
import type { BackupEntry, BackupSource, BackupTrack, FailureKind, SourcePlaylist } from '../../backup';
import { SpotifyError, SPOTIFY_LIMITS, type PlaylistEntry, type SpotifyApi, type SpotifyTrack } from '../../providers';

export function spotifyTrackToBackup(t: SpotifyTrack): BackupTrack {
  const unavailable = t.is_playable === false || (t.available_markets !== undefined && t.available_markets.length === 0);
  return {
    title: t.name,
    artists: t.artists.map((a) => a.name),
    album: t.album?.name ?? null,
    durationMs: Math.round(t.duration_ms),
    isrc: t.external_ids?.isrc ?? null,
    ids: t.id ? [{ provider: 'spotify', id: t.id, uri: t.uri ?? `spotify:track:${t.id}` }] : [],
    ...(unavailable ? { unavailable: true } : {}),
  };
}

export function spotifyEntryToBackup(e: PlaylistEntry): BackupEntry {
  const base = { addedAt: e.added_at, addedBy: e.added_by };
  const item = e.item;
  if (!item) return { kind: 'missing', ...base };
  if (item.type === 'episode') {
    return { kind: 'episode', ...base, episode: { title: item.name, show: item.show?.name ?? null, durationMs: Math.round(item.duration_ms), ids: [{ provider: 'spotify', id: item.id, uri: item.uri }] } };
  }
  if (e.is_local || item.is_local) {
    return { kind: 'local', ...base, local: { title: item.name, artists: item.artists.map((a) => a.name), album: item.album?.name ?? null, durationMs: Math.round(item.duration_ms), uri: item.uri ?? null } };
  }
  return { kind: 'track', ...base, track: spotifyTrackToBackup(item) };
}

/** Every page of an offset-paged list: the first tells the total, the rest are fetched at once (the queue paces them). */
async function allPages<T>(fetchPage: (offset: number) => Promise<{ items: T[]; total: number }>, pageSize: number = SPOTIFY_LIMITS.page): Promise<T[]> {
  const first = await fetchPage(0);
  const offsets: number[] = [];
  for (let o = pageSize; o < first.total; o += pageSize) offsets.push(o);
  const rest = await Promise.all(offsets.map((o) => fetchPage(o)));
  return [first, ...rest].flatMap((p) => p.items);
}

export function spotifyBackupSource(api: SpotifyApi): BackupSource {
  let me: { userId: string; displayName: string } | undefined;
  const account = async () => {
    if (!me) {
      const m = await api.me();
      me = { userId: m.id, displayName: m.display_name ?? m.id };
    }
    return me;
  };
  return {
    provider: 'spotify',
    account,
    async likesProbe() {
      const p = await api.savedTracks(0, 1);
      return { total: p.total, newestAddedAt: p.items[0]?.added_at ?? null };
    },
    async likes() {
      const items = await allPages((o) => api.savedTracks(o));
      return items.flatMap((i) => (i.track ? [{ addedAt: i.added_at, track: spotifyTrackToBackup(i.track) }] : []));
    },
    async playlists() {
      const { userId } = await account();
      const all = await allPages((o) => api.myPlaylists(o));
      const seen = new Set<string>();
      return all
        .filter((p) => !seen.has(p.id) && seen.add(p.id))
        .map((p): SourcePlaylist => ({
          id: p.id,
          uri: p.uri ?? `spotify:playlist:${p.id}`,
          name: p.name,
          description: p.description ?? null,
          public: p.public ?? null,
          collaborative: p.collaborative,
          owner: { id: p.owner.id, displayName: p.owner.display_name ?? null },
          access: p.owner.id === userId ? 'owner' : p.collaborative ? 'collaborator' : 'follower',
          snapshotId: p.snapshot_id,
          coverUrl: p.images?.[0]?.url ?? null,
          total: p.items?.total ?? p.tracks?.total ?? null,
        }));
    },
    async playlistItems(id) {
      return (await allPages((o) => api.playlistItems(id, o))).map(spotifyEntryToBackup);
    },
    cover: (url) => api.image(url),
    requests: () => api.requestCount,
    classify(error): FailureKind {
      if (!(error instanceof SpotifyError)) return 'item';
      if (error.isSignInProblem) return 'sign_in';
      if (error.spotifyCode === 'quota_exceeded' || error.spotifyCode === 'rate_limited') return 'pause';
      if (error.spotifyCode === 'forbidden') return 'not_readable';
      return 'item';
    },
  };
}

// Restores a backup into a Spotify account without duplicates, ever: likes already saved are not re-added,
// a playlist restored before (the restore map, or failing that the same name owned by the target) is reused and
// only its missing items are appended in the original order (multiset-aware: a track held twice stays twice).
// Likes go oldest first. A track whose id no longer resolves is re-matched and the match remembered, so the
// same restore run twice writes nothing the second time. With dryRun nothing is written: the result is the plan.
import type { BackupEntry, BackupTrack, LoadedRun, PlaylistFile } from '../../backup';
import { entryLabel } from '../../backup';
import { SpotifyError, SPOTIFY_LIMITS, type SpotifyApi } from '../../providers';
import { loadRestoreMap, restoreMapPath, saveRestoreMap } from './restoreMap';
import { rematchTrack } from './rematchTrack';

export interface RestoreResult {
  likesAdded: number;
  likesAlreadyThere: number;
  playlistsCreated: number;
  playlistsReused: number;
  itemsAdded: number;
  itemsAlreadyThere: number;
  followed: number;
  unrestorable: number;
  filesSkipped: { file: string; reason: string }[];
  /** Writes Spotify refused (the exit code is 4 when there are any). */
  writeFailures: { what: string; reason: string }[];
  unrestorableItems: { where: string; item: string; reason: string }[];
  rematched: { from: string; to: string }[];
  /** What each playlist needs (the plan, also filled by a real restore). */
  playlists: { id: string; name: string; action: 'create' | 'complete' | 'up_to_date' | 'follow' | 'already_followed'; itemsToAdd: number }[];
  dryRun: boolean;
}

export interface RestoreOptions {
  api: SpotifyApi;
  backup: LoadedRun;
  dataDir: string;
  dryRun?: boolean;
  onProgress?(message: string): void;
}

const chunk = <T>(xs: readonly T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));
const spotifyUri = (t: BackupTrack) => t.ids.find((i) => i.provider === 'spotify')?.uri ?? null;
const idOf = (uri: string) => uri.split(':')[2] ?? '';

export async function restoreBackup(o: RestoreOptions): Promise<RestoreResult> {
  const { api, backup } = o;
  const dryRun = o.dryRun ?? false;
  const r: RestoreResult = {
    likesAdded: 0, likesAlreadyThere: 0, playlistsCreated: 0, playlistsReused: 0, itemsAdded: 0, itemsAlreadyThere: 0, followed: 0, unrestorable: 0,
    filesSkipped: [...backup.skipped], writeFailures: [], unrestorableItems: [], rematched: [], playlists: [], dryRun,
  };
  const me = await api.me();
  const mapPath = restoreMapPath(o.dataDir, me.id);
  const map = await loadRestoreMap(mapPath, me.id);
  const save = async () => {
    if (!dryRun) await saveRestoreMap(mapPath, map);
  };
  const unrestorable = (where: string, item: string, reason: string) => {
    r.unrestorable++;
    r.unrestorableItems.push({ where, item, reason });
  };

  /** The URI to write for a backed-up track: its own, or what it was re-matched to before. */
  const uriFor = (t: BackupTrack): string | null | undefined => {
    const own = spotifyUri(t);
    const key = own ?? `isrc:${t.isrc ?? ''}|${t.title}|${t.artists.join(',')}`;
    if (key in map.tracks) return map.tracks[key];
    return own ?? undefined;
  };
  /** Re-matches a track whose URI Spotify refused (or that never had one); remembers the answer. */
  const rematch = async (t: BackupTrack): Promise<string | null> => {
    const own = spotifyUri(t);
    const key = own ?? `isrc:${t.isrc ?? ''}|${t.title}|${t.artists.join(',')}`;
    if (key in map.tracks) return map.tracks[key] ?? null;
    const found = await rematchTrack(api, t, own ? idOf(own) : undefined);
    map.tracks[key] = found;
    if (found) r.rematched.push({ from: own ?? key, to: found });
    return found;
  };
  /** Whether a track URI still resolves (404 → no; the lookup is cached). */
  const resolves = async (uri: string): Promise<boolean> => {
    try {
      await api.track(idOf(uri));
      return true;
    } catch (e) {
      if (e instanceof SpotifyError && e.spotifyCode === 'not_found') return false;
      throw e;
    }
  };
  /** Writes `uris` in batches; a refused batch is checked item by item, dead tracks re-matched, then retried. */
  const writeInBatches = async (what: string, items: { uri: string; track?: BackupTrack }[], size: number, writeBatch: (uris: string[]) => Promise<void>): Promise<number> => {
    let written = 0;
    for (const batch of chunk(items, size)) {
      try {
        await writeBatch(batch.map((b) => b.uri));
        written += batch.length;
        continue;
      } catch (e) {
        if (!(e instanceof SpotifyError && e.spotifyCode === 'invalid_input')) {
          if (e instanceof SpotifyError && (e.isSignInProblem || e.spotifyCode === 'quota_exceeded' || e.spotifyCode === 'rate_limited')) throw e;
          r.writeFailures.push({ what, reason: (e as Error).message });
          continue;
        }
      }
      const fixed: string[] = [];
      for (const b of batch) {
        if (b.uri.startsWith('spotify:track:') && !(await resolves(b.uri))) {
          const m = b.track ? await rematch(b.track) : null;
          if (m) fixed.push(m);
          else unrestorable(what, b.track ? `${b.track.artists.join(', ')} – ${b.track.title}` : b.uri, 'no longer on Spotify, and no match by ISRC or title/artist/duration');
        } else fixed.push(b.uri);
      }
      if (fixed.length === 0) continue;
      try {
        await writeBatch(fixed);
        written += fixed.length;
      } catch (e) {
        if (e instanceof SpotifyError && (e.isSignInProblem || e.spotifyCode === 'quota_exceeded' || e.spotifyCode === 'rate_limited')) throw e;
        r.writeFailures.push({ what, reason: (e as Error).message });
      }
    }
    return written;
  };

  // ---- likes, oldest first
  if (backup.likes) {
    o.onProgress?.('Likes');
    const wanted: { uri: string; track: BackupTrack }[] = [];
    const seen = new Set<string>();
    for (const item of [...backup.likes.items].reverse()) {
      let uri = uriFor(item.track);
      if (uri === undefined) uri = await rematch(item.track);
      if (!uri) {
        unrestorable('Liked Songs', `${item.track.artists.join(', ')} – ${item.track.title}`, 'no Spotify id and no match');
        continue;
      }
      if (seen.has(uri)) continue;
      seen.add(uri);
      wanted.push({ uri, track: item.track });
    }
    const missing: typeof wanted = [];
    for (const batch of chunk(wanted, SPOTIFY_LIMITS.library)) {
      const there = await api.libraryContains(batch.map((b) => b.uri));
      batch.forEach((b, i) => (there[i] ? r.likesAlreadyThere++ : missing.push(b)));
    }
    if (dryRun) r.likesAdded = missing.length;
    else r.likesAdded = await writeInBatches('Liked Songs', missing, SPOTIFY_LIMITS.library, (uris) => api.saveToLibrary(uris));
    await save();
  }

  // ---- playlists
  const library = await allTargetPlaylists(api);
  const sourceUser = backup.metadata?.account.userId ?? backup.likes?.userId;
  for (const p of backup.playlists) {
    o.onProgress?.(p.name);
    const copyable = p.access === 'owner' || (p.access === 'collaborator' && p.owner.id === sourceUser);
    if (!copyable || !p.items) {
      // Someone else's playlist (followed, or collaborative and owned by them): follow it again, never copy it.
      if (library.some((l) => l.id === p.id)) {
        r.playlists.push({ id: p.id, name: p.name, action: 'already_followed', itemsToAdd: 0 });
        continue;
      }
      r.playlists.push({ id: p.id, name: p.name, action: 'follow', itemsToAdd: 0 });
      if (dryRun) {
        r.followed++;
        continue;
      }
      try {
        await api.followPlaylist(p.id);
        r.followed++;
      } catch (e) {
        if (e instanceof SpotifyError && e.spotifyCode === 'not_found') unrestorable(p.name, p.name, 'the playlist no longer exists on Spotify, so it cannot be followed');
        else if (e instanceof SpotifyError && (e.isSignInProblem || e.spotifyCode === 'quota_exceeded')) throw e;
        else r.writeFailures.push({ what: `follow ${p.name}`, reason: (e as Error).message });
      }
      continue;
    }
    await restorePlaylist(p);
    await save();
  }
  return r;

  async function restorePlaylist(p: PlaylistFile): Promise<void> {
    const owned = library.filter((l) => l.ownerId === me.id);
    const mapped = map.playlists[p.id];
    let target = owned.find((l) => l.id === mapped) ?? owned.find((l) => l.name === p.name);
    const desired: { uri: string; track?: BackupTrack }[] = [];
    for (const [i, e] of (p.items ?? []).entries()) {
      const d = await desiredUri(e);
      if ('reason' in d) unrestorable(p.name, `#${i + 1} ${entryLabel(e)}`, d.reason);
      else desired.push(d);
    }
    const existing = target ? await targetItems(api, target.id) : [];
    const available = new Map<string, number>();
    for (const u of existing) if (u) available.set(u, (available.get(u) ?? 0) + 1);
    const toAdd = desired.filter((d) => {
      const n = available.get(d.uri) ?? 0;
      if (n > 0) {
        available.set(d.uri, n - 1);
        return false;
      }
      return true;
    });
    r.itemsAlreadyThere += desired.length - toAdd.length;
    r.playlists.push({ id: p.id, name: p.name, action: target ? (toAdd.length ? 'complete' : 'up_to_date') : 'create', itemsToAdd: toAdd.length });
    if (target) r.playlistsReused++;
    else r.playlistsCreated++;
    if (dryRun) {
      r.itemsAdded += toAdd.length;
      return;
    }
    if (!target) {
      try {
        const created = await api.createPlaylist({ name: p.name, description: p.description ?? '', public: p.collaborative ? false : (p.public ?? false), collaborative: p.collaborative });
        target = { id: created.id, name: created.name, ownerId: me.id };
        library.push(target);
      } catch (e) {
        if (e instanceof SpotifyError && (e.isSignInProblem || e.spotifyCode === 'quota_exceeded' || e.spotifyCode === 'rate_limited')) throw e;
        r.playlistsCreated--;
        r.writeFailures.push({ what: `create ${p.name}`, reason: (e as Error).message });
        return;
      }
    }
    map.playlists[p.id] = target.id;
    await save(); // before the items: a restore cut short reuses this playlist next time
    const id = target.id;
    r.itemsAdded += await writeInBatches(p.name, toAdd, SPOTIFY_LIMITS.playlistAdd, (uris) => api.addPlaylistItems(id, uris));
  }

  async function desiredUri(e: BackupEntry): Promise<{ uri: string; track?: BackupTrack } | { reason: string }> {
    switch (e.kind) {
      case 'local':
        return { reason: 'a local file of the owner’s device: the Web API cannot add local files' };
      case 'missing':
        return { reason: 'Spotify gave no item here at backup time (removed or unavailable)' };
      case 'episode': {
        const uri = e.episode.ids.find((i) => i.provider === 'spotify')?.uri;
        return uri ? { uri } : { reason: 'an episode without a Spotify id' };
      }
      case 'track': {
        let uri = uriFor(e.track);
        if (uri === undefined) uri = await rematch(e.track);
        return uri ? { uri, track: e.track } : { reason: 'no longer on Spotify, and no match by ISRC or title/artist/duration' };
      }
    }
  }
}

async function allTargetPlaylists(api: SpotifyApi): Promise<{ id: string; name: string; ownerId: string }[]> {
  const out: { id: string; name: string; ownerId: string }[] = [];
  for (let offset = 0; ; offset += SPOTIFY_LIMITS.page) {
    const page = await api.myPlaylists(offset);
    out.push(...page.items.map((p) => ({ id: p.id, name: p.name, ownerId: p.owner.id })));
    if (offset + SPOTIFY_LIMITS.page >= page.total) return out;
  }
}

async function targetItems(api: SpotifyApi, id: string): Promise<(string | null)[]> {
  const out: (string | null)[] = [];
  for (let offset = 0; ; offset += SPOTIFY_LIMITS.page) {
    const page = await api.playlistItems(id, offset);
    out.push(...page.items.map((e) => e.item?.uri ?? null));
    if (offset + SPOTIFY_LIMITS.page >= page.total) return out;
  }
}

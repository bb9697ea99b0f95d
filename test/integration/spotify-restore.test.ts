// Restore into a second account that already holds some likes and a half-restored playlist: no duplicates, order
// kept, dead tracks re-matched, followed playlists re-followed, corrupt files skipped, and a second restore
// writes nothing.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadFiles, loadRun } from '../../src/main/backup';
import { restoreBackup, runBackup, spotifyBackupSource } from '../../src/main/flows/backupRun';
import { startSpotifyEmulator, type SpotifyEmulator } from '../emulators/spotify';
import { providerFor, signIn, type ProviderFixture } from '../support/spotify';
import { sourceWorld, type SourceWorld } from '../support/spotifyWorld';

let emu: SpotifyEmulator;
let fx: ProviderFixture;
let root: string;
let dataDir: string;
let src: SourceWorld;
let run: string;

beforeEach(async () => {
  src = sourceWorld({ likes: 100 });
  emu = await startSpotifyEmulator({ world: src.world });
  fx = providerFor(emu);
  await signIn(fx.provider, emu, 'main', 'alice');
  await signIn(fx.provider, emu, 'new', 'alice-new');
  root = await mkdtemp(join(tmpdir(), 'cassette-restore-'));
  dataDir = await mkdtemp(join(tmpdir(), 'cassette-restore-data-'));
  run = (await runBackup({ source: spotifyBackupSource(await fx.provider.api('main')), root, keepRuns: 30 })).run;
});
afterEach(async () => {
  fx.close();
  await emu.close();
  await rm(root, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
});

const restore = async (dryRun = false, backup?: Awaited<ReturnType<typeof loadRun>>) =>
  restoreBackup({ api: await fx.provider.api('new'), backup: backup ?? (await loadRun(run)), dataDir, dryRun });

/** Restorable URIs of a source playlist, in order (local files and null entries dropped). */
const restorable = (id: string) => src.world.uris(id).filter((u): u is string => u !== null && !u.startsWith('spotify:local:'));

describe('restore', () => {
  it('restores into an account holding some likes and a half-restored playlist, without a duplicate', async () => {
    const w = src.world;
    const sourceLikesOldestFirst = [...w.user('alice').likes].reverse().map((l) => l.trackId);
    w.like('alice-new', sourceLikesOldestFirst.slice(10, 30)); // already there
    const p0 = src.owned[0]!;
    const half = w.addPlaylist({ ownerId: 'alice-new', name: 'Playlist 0' });
    w.append(half.id, w.playlist(p0).entries.slice(0, 25).filter((e) => e.ref.kind === 'track').map((e) => e.ref), 'alice-new');

    const r = await restore();
    expect(r).toMatchObject({ likesAdded: 80, likesAlreadyThere: 20, playlistsCreated: 2, playlistsReused: 1, followed: 2, filesSkipped: [], writeFailures: [] });
    expect(r.unrestorable).toBe(2); // the local file and the null entry of Playlist 0
    expect(r.unrestorableItems.map((u) => u.reason).join(' ')).toMatch(/local file/);

    const target = w.user('alice-new');
    expect(new Set(target.likes.map((l) => l.trackId)).size).toBe(target.likes.length);
    expect(new Set(target.likes.map((l) => l.trackId))).toEqual(new Set(sourceLikesOldestFirst));
    // Added oldest first: the newest like of the source is the newest of the target.
    expect(target.likes[0]?.trackId).toBe(w.user('alice').likes[0]?.trackId);

    expect(w.uris(half.id)).toEqual(restorable(p0)); // the duplicate track of the source kept twice, nothing more
    const owned = w.ownedPlaylists('alice-new');
    expect(owned.map((p) => p.name).sort()).toEqual(['Playlist 0', 'Playlist 1', 'Playlist 2']);
    const p1 = owned.find((p) => p.name === 'Playlist 1')!;
    expect(w.uris(p1.id)).toEqual(restorable(src.owned[1]!));
    expect(p1).toMatchObject({ description: 'About 1', public: false, collaborative: false });
    expect(target.library).toEqual(expect.arrayContaining([src.collaborative, src.followed]));
    expect(w.ownedPlaylists('alice-new').some((p) => p.name === 'Road trip')).toBe(false);

    const writes = emu.writes.length;
    const again = await restore();
    expect(emu.writes.length).toBe(writes);
    expect(again).toMatchObject({ likesAdded: 0, likesAlreadyThere: 100, playlistsCreated: 0, playlistsReused: 3, itemsAdded: 0, followed: 0 });
  });

  it('re-matches a track that no longer resolves by ISRC, remembers it, and writes nothing the second time', async () => {
    const w = src.world;
    const dead = src.tracks[13]!; // in Playlist 1 and in the likes
    dead.removed = true;
    const replacement = w.addTrack({ name: dead.name, artists: dead.artists, isrc: dead.isrc, durationMs: dead.durationMs });
    const r = await restore();
    expect(r.rematched).toContainEqual({ from: `spotify:track:${dead.id}`, to: `spotify:track:${replacement.id}` });
    expect(w.user('alice-new').likes.some((l) => l.trackId === replacement.id)).toBe(true);
    const p1 = w.ownedPlaylists('alice-new').find((p) => p.name === 'Playlist 1')!;
    expect(w.uris(p1.id)).toEqual(restorable(src.owned[1]!).map((u) => (u === `spotify:track:${dead.id}` ? `spotify:track:${replacement.id}` : u)));
    const writes = emu.writes.length;
    await restore();
    expect(emu.writes.length).toBe(writes);
  });

  it('skips a corrupt or tampered file with its reason and restores the rest', async () => {
    await writeFile(join(run, `playlist_${src.owned[1]}.json`), '{"kind":"playlist", broken');
    const r = await restore();
    expect(r.filesSkipped).toEqual([{ file: join(run, `playlist_${src.owned[1]}.json`), reason: expect.stringMatching(/sha256/) }]);
    expect(src.world.ownedPlaylists('alice-new').map((p) => p.name).sort()).toEqual(['Playlist 0', 'Playlist 2']);

    const loose = await loadFiles([{ path: join(run, `playlist_${src.owned[1]}.json`) }, { path: join(run, 'likes.json') }]);
    expect(loose.skipped[0]?.reason).toMatch(/not valid JSON/);
    expect(loose.likes?.items).toHaveLength(100);
  });

  it('copies a collaborative playlist the source owns as a private collaborative one, with its items in order', async () => {
    const w = src.world;
    const mine = w.addPlaylist({ ownerId: 'alice', name: 'Shared', collaborative: true, public: false, collaborators: ['carol'] });
    w.append(mine.id, [{ kind: 'track', id: src.tracks[4]!.id }]);
    w.append(mine.id, [{ kind: 'track', id: src.tracks[5]!.id }], 'carol');
    const fresh = await runBackup({ source: spotifyBackupSource(await fx.provider.api('main')), root, keepRuns: 30 });
    const r = await restore(false, await loadRun(fresh.run));
    expect(r.writeFailures).toEqual([]);
    const copy = w.ownedPlaylists('alice-new').find((p) => p.name === 'Shared');
    expect(copy).toMatchObject({ collaborative: true, public: false });
    expect(w.uris(copy!.id)).toEqual(w.uris(mine.id));
    expect(w.user('alice-new').library).not.toContain(mine.id);
  });

  it('a dry run plans without writing', async () => {
    const plan = await restore(true);
    expect(emu.writes).toEqual([]);
    expect(plan).toMatchObject({ dryRun: true, likesAdded: 100, playlistsCreated: 3, followed: 2, unrestorable: 2 });
    expect(plan.playlists.map((p) => p.action).sort()).toEqual(['create', 'create', 'create', 'follow', 'follow']);
    expect(plan.itemsAdded).toBe(restorable(src.owned[0]!).length + restorable(src.owned[1]!).length + restorable(src.owned[2]!).length);
  });
});


// Backup runs of an emulated Spotify account: complete, re-run with snapshot reuse, partial, failed, paused and
// resumed, retention — every written file checked against the published JSON Schema.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAccountRuns, readMetadata, sha256, type LikesFile, type PlaylistFile } from '../../src/main/backup';
import { runBackup, spotifyBackupSource } from '../../src/main/flows/backupRun';
import { startSpotifyEmulator, type SpotifyEmulator } from '../emulators/spotify';
import { schemaViolations } from '../support/backupSchema';
import { providerFor, signIn, type ProviderFixture } from '../support/spotify';
import { sourceWorld, type SourceWorld } from '../support/spotifyWorld';

let emu: SpotifyEmulator;
let fx: ProviderFixture;
let root: string;
let src: SourceWorld;

beforeEach(async () => {
  src = sourceWorld();
  emu = await startSpotifyEmulator({ world: src.world });
  fx = providerFor(emu);
  await signIn(fx.provider, emu, 'main', 'alice');
  root = await mkdtemp(join(tmpdir(), 'cassette-backups-'));
});
afterEach(async () => {
  fx.close();
  await emu.close();
  await rm(root, { recursive: true, force: true });
});

let tick = Date.parse('2026-11-30T10:00:00Z');
const clock = { now: () => (tick += 1000) };

async function backup(opts: { resume?: boolean; keepRuns?: number } = {}) {
  return runBackup({ source: spotifyBackupSource(await fx.provider.api('main')), root, keepRuns: opts.keepRuns ?? 30, resume: opts.resume, clock });
}

const readJson = async <T>(p: string) => JSON.parse(await readFile(p, 'utf8')) as T;

describe('backup run', () => {
  it('writes a complete run: likes in order, owned, collaborative and followed playlists, covers, all schema-valid', async () => {
    const r = await backup();
    expect(r).toMatchObject({ status: 'complete', likes: 120, playlists: 4, followed: 1, failedPlaylists: [], reusedPlaylists: 0 });
    expect(r.run.startsWith(join(root, 'alice'))).toBe(true);
    expect(schemaViolations(r.run)).toEqual([]);
    const md = await readMetadata(r.run);
    expect(md).toMatchObject({ status: 'complete', paused: false, account: { userId: 'alice', displayName: 'Alice' }, provider: 'spotify' });
    for (const f of md!.files) expect(sha256(await readFile(join(r.run, f.name)))).toBe(f.sha256);
    expect(md!.files.map((f) => f.name)).toContain(`cover_${src.owned[0]}.jpg`);
    expect(await readFile(join(r.run, `cover_${src.owned[0]}.jpg`))).toEqual(src.world.playlist(src.owned[0]!).cover);

    const likes = await readJson<LikesFile>(join(r.run, 'likes.json'));
    expect(likes.items.map((i) => i.track.ids[0]?.id)).toEqual(src.world.user('alice').likes.map((l) => l.trackId));
    expect(likes.items[0]?.track).toMatchObject({ title: 'Song 119', isrc: 'NLX010000119' });

    const p0 = await readJson<PlaylistFile>(join(r.run, `playlist_${src.owned[0]}.json`));
    expect(p0).toMatchObject({ access: 'owner', name: 'Playlist 0', description: 'About 0', public: true, collaborative: false, cover: `cover_${src.owned[0]}.jpg` });
    expect(p0.items?.slice(-4).map((e) => e.kind)).toEqual(['track', 'local', 'episode', 'missing']);
    expect(p0.items).toHaveLength(74);
    const collab = await readJson<PlaylistFile>(join(r.run, `playlist_${src.collaborative}.json`));
    expect(collab).toMatchObject({ access: 'collaborator', collaborative: true });
    expect(collab.items?.map((e) => e.addedBy)).toEqual(['carol', 'alice']);
    const followed = await readJson<PlaylistFile>(join(r.run, `playlist_${src.followed}.json`));
    expect(followed).toMatchObject({ access: 'follower', name: 'Carol’s picks', owner: { id: 'carol' } });
    expect(followed.items).toBeUndefined();
    expect(emu.requests.some((q) => q.startsWith(`GET /v1/playlists/${src.followed}/items`))).toBe(false);
  });

  it('a re-run copies unchanged playlists and likes from the last complete run; a changed one is fetched again', async () => {
    const first = await backup();
    const second = await backup();
    expect(second).toMatchObject({ status: 'complete', reusedPlaylists: 4, likes: 120, playlists: 4, followed: 1 });
    expect(second.run).not.toBe(first.run);
    expect(second.requests).toBeLessThanOrEqual(4); // /me/tracks probe + /me/playlists (+ /me when not cached)
    expect(schemaViolations(second.run)).toEqual([]);
    for (const name of (await readdir(first.run)).filter((n) => n !== 'metadata.json')) {
      expect(await readFile(join(second.run, name))).toEqual(await readFile(join(first.run, name)));
    }
    src.world.append(src.owned[1]!, [{ kind: 'track', id: src.tracks[5]!.id }]);
    src.world.like('alice', [src.tracks[0]!.id, src.tracks.at(-1)!.id]);
    const before = emu.requests.length;
    const third = await backup();
    expect(third.reusedPlaylists).toBe(3);
    const fetched = emu.requests.slice(before).filter((q) => q.includes('/items'));
    expect(fetched.every((q) => q.includes(src.owned[1]!))).toBe(true);
    const p1 = await readJson<PlaylistFile>(join(third.run, `playlist_${src.owned[1]}.json`));
    expect(p1.items).toHaveLength(71);
  });

  it('a reused file whose bytes changed on disk is fetched again, never copied', async () => {
    const first = await backup();
    await writeFile(join(first.run, `playlist_${src.owned[2]}.json`), '{"tampered":true}');
    const second = await backup();
    expect(second.reusedPlaylists).toBe(3);
    expect(schemaViolations(second.run)).toEqual([]);
  });

  it('one failing playlist makes the run partial; the rest completes', async () => {
    emu.faults.inject({ kind: 'server_error', path: `/v1/playlists/${src.owned[1]}/items`, times: Infinity });
    const r = await backup();
    expect(r).toMatchObject({ status: 'partial', failedPlaylists: [src.owned[1]], playlists: 3, followed: 1 });
    const md = await readMetadata(r.run);
    expect(md).toMatchObject({ status: 'partial', paused: false });
    expect(md!.errors).toMatchObject([{ playlistId: src.owned[1] }]);
    expect(schemaViolations(r.run)).toEqual([]);
  });

  it('a sign-in failure stops the run as failed and leaves earlier runs untouched', async () => {
    const first = await backup();
    const snapshot = await Promise.all((await readdir(first.run)).map(async (n) => [n, sha256(await readFile(join(first.run, n)))]));
    await fx.provider.api('main');
    emu.auth.revokeRefreshTokens();
    emu.faults.inject({ kind: 'token_expired', path: '/v1/me/playlists', times: Infinity });
    const r = await backup();
    expect(r.status).toBe('failed');
    expect(r.failureKind).toBe('sign_in');
    expect(r.reason).toMatch(/sign in again/);
    expect((await readMetadata(r.run))?.status).toBe('failed');
    const after = await Promise.all((await readdir(first.run)).map(async (n) => [n, sha256(await readFile(join(first.run, n)))]));
    expect(after).toEqual(snapshot);
    expect(schemaViolations(r.run)).toEqual([]);
  });

  it('an I/O failure (the account folder cannot be created) fails the run', async () => {
    await writeFile(join(root, 'alice'), 'not a folder');
    const r = await backup();
    expect(r).toMatchObject({ status: 'failed', failureKind: 'io' });
  });

  it('QUOTA_EXCEEDED pauses the run; --resume continues it in the same folder without fetching what it wrote', async () => {
    emu.faults.inject({ kind: 'quota_exceeded', path: `/v1/playlists/${src.owned[2]}/items`, times: Infinity });
    const paused = await backup();
    expect(paused.status).toBe('paused');
    const md = await readMetadata(paused.run);
    expect(md).toMatchObject({ status: 'partial', paused: true });
    expect(md!.pauseReason).toMatch(/quota/i);
    const written = md!.files.filter((f) => f.kind === 'playlist').map((f) => f.playlistId);
    expect(written.length).toBeGreaterThan(0);

    emu.faults.clear();
    const before = emu.requests.length;
    const resumed = await backup({ resume: true });
    expect(resumed).toMatchObject({ status: 'complete', run: paused.run, playlists: 4, followed: 1, likes: 120 });
    const fetchedNow = emu.requests.slice(before);
    expect(fetchedNow.some((q) => q.startsWith('GET /v1/me/tracks?'))).toBe(false);
    for (const id of written) expect(fetchedNow.some((q) => q.includes(`/playlists/${id}/items`))).toBe(false);
    expect((await listAccountRuns(root, 'alice')).map((x) => x.state)).toEqual(['complete']);
    expect(schemaViolations(paused.run)).toEqual([]);
  });

  it('--resume with nothing paused says so and starts a new run', async () => {
    const r = await backup({ resume: true });
    expect(r.status).toBe('complete');
    expect(r.notes.join(' ')).toMatch(/No paused backup/);
  });

  it('keeps the last N complete runs and never deletes the only complete one', async () => {
    emu.faults.inject({ kind: 'server_error', path: `/v1/playlists/${src.owned[0]}/items`, times: Infinity });
    await backup({ keepRuns: 1 }); // partial: not counted, not removed
    emu.faults.clear();
    await backup({ keepRuns: 1 });
    await backup({ keepRuns: 1 });
    const third = await backup({ keepRuns: 1 });
    const runs = await listAccountRuns(root, 'alice');
    expect(runs.map((r) => r.state)).toEqual(['partial', 'complete']);
    expect(runs[1]?.dir).toBe(third.run);
  });

  it('two runs in the same second get a -2 suffix', async () => {
    const frozen = { now: () => Date.parse('2026-11-30T12:00:00Z') };
    const api = await fx.provider.api('main');
    const a = await runBackup({ source: spotifyBackupSource(api), root, keepRuns: 30, clock: frozen });
    const b = await runBackup({ source: spotifyBackupSource(api), root, keepRuns: 30, clock: frozen });
    expect(a.run.endsWith('2026-11-30T12-00-00Z')).toBe(true);
    expect(b.run.endsWith('2026-11-30T12-00-00Z-2')).toBe(true);
  });
});

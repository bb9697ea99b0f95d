// The Backups page's contract methods against the Spotify emulator, through core.dispatch as every transport
// calls them: sign-in in the background, a backup via RPC writing a run folder, list/files/diff/plan/restore,
// one backup per account at a time, run ids instead of paths, role checks, and the Spotify settings.
import { mkdtempSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { methods, type BackupJobDto, type MethodName, type SpotifySignInStateDto } from '../../src/shared/contract';
import { createCore, pathsFor, silentLogger, type Core } from '../../src/main/core';
import { settingsPath } from '../../src/main/config';
import type { Result } from '../../src/shared/result';
import { startSpotifyEmulator, type SpotifyEmulator } from '../emulators/spotify';
import { memorySecrets, visit } from '../support/spotify';
import { sourceWorld, type SourceWorld } from '../support/spotifyWorld';

let emu: SpotifyEmulator;
let src: SourceWorld;
let core: Core;
let dataDir: string;

function openCore(extra: Partial<Parameters<typeof createCore>[1]> = {}, secrets = memorySecrets()): Core {
  return createCore(
    { paths: pathsFor(dataDir), logger: silentLogger, secrets },
    {
      host: 'test', runQueue: false, reconcileOnStart: false,
      env: { SPOTIFY_CLIENT_ID: emu.clientId, SPOTIFY_ACCOUNTS_BASE: emu.accountsBase, SPOTIFY_API_BASE: emu.apiBase },
      ...extra,
    },
  );
}

beforeEach(async () => {
  src = sourceWorld({ likes: 60, playlists: 2, itemsPerPlaylist: 20 });
  emu = await startSpotifyEmulator({ world: src.world });
  dataDir = mkdtempSync(join(tmpdir(), 'cassette-backups-rpc-'));
  core = openCore();
});
afterEach(async () => {
  await core.close();
  await emu.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function call<T = unknown>(method: MethodName, input?: unknown, role: 'admin' | 'user' = 'admin'): Promise<Result<T>> {
  return (await core.dispatch(method, input, { role })) as Result<T>;
}
async function data<T>(method: MethodName, input?: unknown): Promise<T> {
  const r = await call<T>(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.data;
}

async function signIn(account: string, userId: string): Promise<SpotifySignInStateDto> {
  emu.signInAs(userId);
  const outcome = new Promise<SpotifySignInStateDto>((resolve) => {
    const off = core.events.on('spotify.signIn', (s) => {
      if (s.account === account && s.state !== 'waiting') {
        off();
        resolve(s);
      }
    });
  });
  const started = await data<SpotifySignInStateDto>('spotify.signIn', { account });
  expect(started).toMatchObject({ account, state: 'waiting' });
  await visit(started.authorizeUrl!);
  return outcome;
}

async function backupNow(account: string): Promise<BackupJobDto> {
  const ended = new Promise<BackupJobDto>((resolve) => {
    const off = core.events.on('backups.job', (j) => {
      if (j.kind === 'backup' && j.account === account && j.state !== 'running') {
        off();
        resolve(j);
      }
    });
  });
  await data('backups.run', { account });
  return ended;
}

describe('Spotify accounts over the contract', () => {
  it('a sign-in returns the authorize URL at once; the outcome comes as an event; other calls are answered meanwhile', async () => {
    emu.signInAs('alice');
    const started = await data<SpotifySignInStateDto>('spotify.signIn', { account: 'main' });
    expect(started.authorizeUrl).toMatch(new RegExp(`^${emu.accountsBase}/authorize\\?`));
    // The wait for the browser does not hold other calls.
    const during = await data<{ accounts: unknown[]; signIns: SpotifySignInStateDto[] }>('spotify.accounts');
    expect(during.accounts).toEqual([]);
    expect(during.signIns).toEqual([expect.objectContaining({ account: 'main', state: 'waiting' })]);
    const outcome = new Promise<SpotifySignInStateDto>((resolve) => core.events.on('spotify.signIn', (s) => s.state !== 'waiting' && resolve(s)));
    await visit(started.authorizeUrl!);
    expect(await outcome).toMatchObject({ account: 'main', state: 'signed_in', message: 'Signed in as Alice (alice).' });
    const after = await data<{ configured: boolean; redirectUri: string; accounts: { account: string; userId: string; expiringSoon: boolean }[] }>('spotify.accounts');
    expect(after).toMatchObject({ configured: true, redirectUri: 'http://127.0.0.1/callback' });
    expect(after.accounts).toEqual([expect.objectContaining({ account: 'main', userId: 'alice', displayName: 'Alice', expiringSoon: false })]);
    expect(JSON.stringify(after)).not.toMatch(/token/i);
    await data('spotify.signOut', { account: 'main' });
    expect((await data<{ accounts: unknown[] }>('spotify.accounts')).accounts).toEqual([]);
    expect(await call('spotify.signOut', { account: 'main' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('where the host can open a browser (the desktop app), the sign-in opens it through the OpenExternal port', async () => {
    await core.close();
    const opened: string[] = [];
    core = createCore(
      { paths: pathsFor(dataDir), logger: silentLogger, secrets: memorySecrets(), openExternal: async (url) => void opened.push(url) },
      { host: 'test', runQueue: false, reconcileOnStart: false, env: { SPOTIFY_CLIENT_ID: emu.clientId, SPOTIFY_ACCOUNTS_BASE: emu.accountsBase, SPOTIFY_API_BASE: emu.apiBase } },
    );
    emu.signInAs('alice');
    const outcome = new Promise<SpotifySignInStateDto>((resolve) => core.events.on('spotify.signIn', (s) => s.state !== 'waiting' && resolve(s)));
    const started = await data<SpotifySignInStateDto>('spotify.signIn', { account: 'main' });
    expect(opened).toEqual([started.authorizeUrl]);
    await visit(opened[0]!);
    expect(await outcome).toMatchObject({ state: 'signed_in' });
  });

  it('a second sign-in of the same account replaces the first; the first listener is closed', async () => {
    emu.signInAs('alice');
    const first = await data<SpotifySignInStateDto>('spotify.signIn', { account: 'main' });
    const outcomes: SpotifySignInStateDto[] = [];
    core.events.on('spotify.signIn', (s) => s.state !== 'waiting' && outcomes.push(s));
    const second = await data<SpotifySignInStateDto>('spotify.signIn', { account: 'main' });
    expect(second.authorizeUrl).not.toBe(first.authorizeUrl);
    await expect(visit(first.authorizeUrl!)).rejects.toThrow();
    await visit(second.authorizeUrl!);
    await expect.poll(() => outcomes).toEqual([expect.objectContaining({ state: 'signed_in' })]);
    expect((await data<{ signIns: SpotifySignInStateDto[] }>('spotify.accounts')).signIns).toEqual([expect.objectContaining({ state: 'signed_in' })]);
  });

  it('without a Client ID the sign-in is refused with the onboarding steps', async () => {
    await core.close();
    core = createCore({ paths: pathsFor(dataDir), logger: silentLogger, secrets: memorySecrets() }, { host: 'test', runQueue: false, reconcileOnStart: false, env: {} });
    const r = await call('spotify.signIn', { account: 'main' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!r.ok && r.error.message).toMatch(/developer\.spotify\.com.*127\.0\.0\.1\/callback/);
  });

  it('every account and backup method needs an admin: a user token gets forbidden', async () => {
    const spotifyMethods = Object.keys(methods).filter((m) => /^(spotify|backups|restore)\./.test(m)) as MethodName[];
    expect(spotifyMethods.length).toBe(10);
    for (const m of spotifyMethods) {
      expect(methods[m].role).toBe('admin');
      expect(await call(m, {}, 'user')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });
});

describe('backups over the contract', () => {
  beforeEach(async () => {
    expect(await signIn('main', 'alice')).toMatchObject({ state: 'signed_in' });
    expect(await signIn('new', 'alice-new')).toMatchObject({ state: 'signed_in' });
  });

  it('backups.run writes a run folder in the background; a second run of the same account is refused while it runs', async () => {
    emu.faults.inject({ kind: 'latency', latencyMs: 300, path: '/v1/me/tracks' });
    const ended = backupNow('main');
    // backupNow started one; a second while it runs is a conflict with a clear message.
    await expect.poll(() => core.backups.isRunning('backup', 'main')).toBe(true);
    const second = await call('backups.run', { account: 'main' });
    expect(second).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!second.ok && second.error.message).toMatch(/already running/);
    const job = await ended;
    expect(job).toMatchObject({ state: 'complete', backup: { status: 'complete', likes: 60, playlists: 3, followed: 1 } });
    expect(job.run).toMatch(/^alice\/\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/);
    const md = JSON.parse(await readFile(join(dataDir, 'backups', job.run!, 'metadata.json'), 'utf8'));
    expect(md).toMatchObject({ status: 'complete', account: { userId: 'alice' } });

    const list = await data<{ root: string; owners: { userId: string; account: string | null; runs: { id: string; status: string; likes: number }[] }[] }>('backups.list');
    expect(list.root).toBe(join(dataDir, 'backups'));
    const alice = list.owners.find((o) => o.userId === 'alice');
    expect(alice).toMatchObject({ account: 'main', runs: [{ id: job.run, status: 'complete', likes: 60 }] });
    expect(list.owners.find((o) => o.userId === 'alice-new')).toMatchObject({ account: 'new', runs: [] });

    const files = await data<{ files: { name: string; kind: string; items: number | null; sha256: string; title: string | null }[] }>('backups.files', { run: job.run });
    expect(files.files.find((f) => f.name === 'likes.json')).toMatchObject({ kind: 'likes', items: 60, title: 'Liked Songs' });
    expect(files.files.find((f) => f.name === `playlist_${src.owned[0]}.json`)).toMatchObject({ kind: 'playlist', items: 24, title: 'Playlist 0' });
    expect(files.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
  });

  it('progress goes out while a backup runs, then the end at once', async () => {
    const seen: BackupJobDto[] = [];
    core.events.on('backups.job', (j) => seen.push(j));
    // Slow playlists (one at a time would take 4 × 200 ms): progress between them is not coalesced away.
    emu.faults.inject({ kind: 'latency', latencyMs: 200, path: '/v1/playlists/', times: Infinity });
    await backupNow('main');
    expect(seen[0]).toMatchObject({ state: 'running', phase: 'starting' });
    expect(seen.some((j) => j.state === 'running' && j.phase === 'playlists')).toBe(true);
    expect(seen.at(-1)).toMatchObject({ state: 'complete', phase: 'done' });
    // Coalesced: far fewer events than progress steps would be without it, never two within the interval but the end.
    expect(seen.filter((j) => j.state === 'running').length).toBeLessThanOrEqual(6);
  });

  it('diff between two runs, restore plan into the second account, then the restore; a second restore writes nothing', async () => {
    const first = await backupNow('main');
    src.world.like('alice', [src.tracks[59]!.id]);
    src.world.append(src.owned[1]!, [{ kind: 'track', id: src.tracks[58]!.id }]);
    const second = await backupNow('main');
    const diff = await data<{ likesAdded: string[]; playlists: { name: string; itemsAdded: string[] }[] }>('backups.diff', { runA: first.run, runB: second.run });
    expect(diff.likesAdded).toEqual([]); // Song 59 was already liked: a like of a liked track changes nothing
    expect(diff.playlists).toEqual([expect.objectContaining({ name: 'Playlist 1', itemsAdded: ['Artist 2 – Song 58'] })]);

    const plan = await data<{ likesAdded: number; playlistsCreated: number; followed: number; unrestorable: number; dryRun: boolean; playlists: { name: string; action: string }[] }>(
      'restore.plan', { run: second.run, account: 'new' },
    );
    expect(plan).toMatchObject({ dryRun: true, likesAdded: 60, playlistsCreated: 2, followed: 2, unrestorable: 2 });
    expect(plan.playlists.map((p) => p.action).sort()).toEqual(['create', 'create', 'follow', 'follow']);
    expect(emu.writes).toEqual([]);

    const ended = new Promise<BackupJobDto>((resolve) => core.events.on('backups.job', (j) => j.kind === 'restore' && j.state !== 'running' && resolve(j)));
    const started = await data<BackupJobDto>('restore.start', { run: second.run, account: 'new' });
    expect(started).toMatchObject({ kind: 'restore', state: 'running', run: second.run, account: 'new' });
    const done = await ended;
    expect(done).toMatchObject({ state: 'complete', restore: { likesAdded: 60, playlistsCreated: 2, followed: 2, dryRun: false } });
    expect(src.world.user('alice-new').likes).toHaveLength(60);

    const writes = emu.writes.length;
    const again = new Promise<BackupJobDto>((resolve) => core.events.on('backups.job', (j) => j.kind === 'restore' && j.state !== 'running' && resolve(j)));
    await data('restore.start', { run: second.run, account: 'new' });
    expect(await again).toMatchObject({ state: 'complete', restore: { likesAdded: 0, itemsAdded: 0, playlistsReused: 2 } });
    expect(emu.writes.length).toBe(writes);
    const list = await data<{ jobs: BackupJobDto[] }>('backups.list');
    expect(list.jobs.find((j) => j.kind === 'restore')).toMatchObject({ state: 'complete', account: 'new' });
  });

  it('runs are named by id: a path or a made-up id is refused, an unknown one is not found', async () => {
    const job = await backupNow('main');
    for (const bad of ['../../etc/passwd', '/tmp/x', `alice/../${job.run!.split('/')[1]}`, `../alice/${job.run!.split('/')[1]}`, `${join(dataDir, 'backups', job.run!)}`]) {
      expect(await call('backups.files', { run: bad })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(await call('backups.files', { run: 'alice/2020-01-01T00-00-00Z' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await call('restore.plan', { run: job.run, account: 'nobody' })).toMatchObject({ ok: false, error: { code: 'auth_expired' } });
  });

  it('a playlist the later run could not read is not reported as removed', async () => {
    const first = await backupNow('main');
    emu.faults.inject({ kind: 'server_error', path: `/v1/playlists/${src.owned[1]}/items`, times: Infinity });
    src.world.append(src.owned[0]!, [{ kind: 'track', id: src.tracks[40]!.id }]);
    src.world.append(src.owned[1]!, [{ kind: 'track', id: src.tracks[41]!.id }]);
    const partial = await backupNow('main');
    expect(partial).toMatchObject({ state: 'partial', backup: { failedPlaylists: [src.owned[1]] } });
    const diff = await data<{ playlists: { id: string; change: string }[] }>('backups.diff', { runA: first.run, runB: partial.run });
    expect(diff.playlists).toEqual([expect.objectContaining({ id: src.owned[0], change: 'changed' })]);
  });

  it('backups.resume continues the paused run in the same folder', async () => {
    emu.faults.inject({ kind: 'quota_exceeded', path: `/v1/playlists/${src.owned[1]}/items`, times: 1 });
    const paused = await backupNow('main');
    expect(paused).toMatchObject({ state: 'paused', backup: { status: 'paused' } });
    const list = await data<{ owners: { userId: string; runs: { status: string; pauseReason: string | null }[] }[] }>('backups.list');
    expect(list.owners.find((o) => o.userId === 'alice')?.runs[0]).toMatchObject({ status: 'paused', pauseReason: expect.stringMatching(/quota/i) });
    const ended = new Promise<BackupJobDto>((resolve) => core.events.on('backups.job', (j) => j.state !== 'running' && resolve(j)));
    await data('backups.resume', { account: 'main' });
    const resumed = await ended;
    expect(resumed).toMatchObject({ state: 'complete', run: paused.run });
  });
});

describe('Spotify settings', () => {
  it('saves client_id, backups_dir, keep_runs and schedule to cassette.toml and takes effect without a restart', async () => {
    await core.close();
    core = openCore({ env: { SPOTIFY_ACCOUNTS_BASE: emu.accountsBase, SPOTIFY_API_BASE: emu.apiBase } });
    const before = await core.spotify();
    expect((await data<{ configured: boolean }>('spotify.accounts')).configured).toBe(false);
    const backupsDir = join(dataDir, 'elsewhere');
    const view = await data<{ spotify: { clientId: string; backupsDir: string; keepRuns: number; schedule: string } }>('settings.save', {
      spotify: { clientId: emu.clientId, backupsDir, keepRuns: 7, schedule: 'weekly' },
    });
    expect(view.spotify).toMatchObject({ clientId: emu.clientId, backupsDir, keepRuns: 7, schedule: 'weekly' });
    const toml = await readFile(settingsPath(pathsFor(dataDir)), 'utf8');
    expect(toml).toMatch(/\[spotify\][\s\S]*client_id = "emulated-client-id"[\s\S]*keep_runs = 7[\s\S]*schedule = "weekly"/);
    expect(await core.spotify()).not.toBe(before);
    expect((await data<{ configured: boolean }>('spotify.accounts')).configured).toBe(true);
    expect((await data<{ root: string; schedule: string }>('backups.list'))).toMatchObject({ root: backupsDir, schedule: 'weekly' });
    expect(await call('settings.save', { spotify: { backupsDir: '/proc/cassette' } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('settings.save', { spotify: { clientId: 'not a client id!' } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

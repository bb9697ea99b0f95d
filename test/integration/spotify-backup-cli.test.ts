// `cassette spotify …`, `cassette backup`, `cassette restore` and `cassette backups …` as a user runs them:
// child processes with only the environment, the exact JSON lines and exit codes of the issue, and a backup
// killed with SIGKILL mid-run leaving earlier runs intact and no half-written file under its final name.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAccountRuns, sha256 } from '../../src/main/backup';
import { startSpotifyEmulator, type EmuEntryRef, type SpotifyEmulator } from '../emulators/spotify';
import { schemaViolations } from '../support/backupSchema';
import { cli, waitForOutput } from '../support/qobuzSync';
import { visit } from '../support/spotify';
import { sourceWorld, type SourceWorld } from '../support/spotifyWorld';

let emu: SpotifyEmulator;
let src: SourceWorld;
let box: string;
let env: NodeJS.ProcessEnv;
let out: string;

beforeAll(async () => {
  src = sourceWorld({ likes: 60 });
  emu = await startSpotifyEmulator({ world: src.world });
  box = await mkdtemp(join(tmpdir(), 'cassette-spotify-cli-'));
  out = join(box, 'backups');
  env = { CASSETTE_DATA_DIR: join(box, 'data'), SPOTIFY_CLIENT_ID: emu.clientId, SPOTIFY_ACCOUNTS_BASE: emu.accountsBase, SPOTIFY_API_BASE: emu.apiBase };
});
afterAll(async () => {
  await emu.close();
  await rm(box, { recursive: true, force: true });
});

const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1) ?? 'null') as Record<string, unknown>;

async function login(account: string, userId: string) {
  emu.signInAs(userId);
  const run = cli('cassette', ['spotify', 'login', '--account', account, '--no-browser'], env);
  const printed = await waitForOutput(run.child, (o) => /Open this URL to sign in: \S+\n/.test(o));
  const url = /Open this URL to sign in: (\S+)\n/.exec(printed)![1]!;
  expect(new URL(url).searchParams.get('code_challenge_method')).toBe('S256');
  expect(new URL(url).searchParams.get('scope')).toContain('playlist-read-collaborative');
  await visit(url);
  return run;
}

describe('cassette spotify', () => {
  it('login prints the URL, waits for the callback, and says who signed in; accounts lists both', async () => {
    const a = await login('main', 'alice');
    expect(a).toBeDefined();
    const r = await a;
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Open this URL to sign in: http:\/\/127\.0\.0\.1:\d+\/authorize\?\S+\nSigned in as Alice \(alice\) as account main\n$/);
    expect((await (await login('new', 'alice-new'))).code).toBe(0);
    const list = await cli('cassette', ['spotify', 'accounts', '--json'], env);
    expect(JSON.parse(list.stdout)).toEqual([{ account: 'main', userId: 'alice', displayName: 'Alice' }, { account: 'new', userId: 'alice-new', displayName: 'Alice (new)' }]);
    expect(list.stdout + list.stderr).not.toMatch(/access-|refresh-/);
  });

  it('a command naming an account that is not signed in exits 3', async () => {
    expect((await cli('cassette', ['backup', '--account', 'nobody', '--out', out], env)).code).toBe(3);
    expect((await cli('cassette', ['spotify', 'logout', '--account', 'nobody'], env)).code).toBe(3);
    expect((await cli('cassette', ['restore', out, '--account', 'nobody'], env)).code).toBe(3);
  });

  it('without a Client ID login says how to get one and exits 2', async () => {
    const r = await cli('cassette', ['spotify', 'login', '--no-browser'], { ...env, SPOTIFY_CLIENT_ID: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/developer\.spotify\.com\/dashboard.*127\.0\.0\.1\/callback/);
  });
});

describe('cassette backup / restore / backups', () => {
  let firstRun = '';

  it('backup --json prints the summary line and exits 0', async () => {
    const r = await cli('cassette', ['backup', '--out', out, '--json'], env);
    expect(r.code).toBe(0);
    const j = lastJson(r.stdout);
    expect(Object.keys(j)).toEqual(['status', 'run', 'likes', 'playlists', 'followed', 'failedPlaylists', 'reusedPlaylists', 'requests']);
    expect(j).toMatchObject({ status: 'complete', likes: 60, playlists: 4, followed: 1, failedPlaylists: [], reusedPlaylists: 0 });
    expect(typeof j.requests).toBe('number');
    firstRun = j.run as string;
    expect(firstRun.startsWith(join(out, 'alice'))).toBe(true);
    expect(schemaViolations(firstRun)).toEqual([]);
  });

  it('a partial run exits 4 and names the failed playlist', async () => {
    emu.faults.inject({ kind: 'server_error', path: `/v1/playlists/${src.owned[0]}/items`, times: Infinity });
    src.world.append(src.owned[0]!, [{ kind: 'track', id: src.tracks[9]!.id }]); // a new snapshot: must be fetched
    const r = await cli('cassette', ['backup', '--out', out, '--json'], env);
    emu.faults.clear();
    expect(r.code).toBe(4);
    expect(lastJson(r.stdout)).toMatchObject({ status: 'partial', failedPlaylists: [src.owned[0]] });
  });

  it('QUOTA_EXCEEDED exits 5 (paused); --resume finishes the same run and exits 0', async () => {
    src.world.append(src.owned[2]!, [{ kind: 'track', id: src.tracks[9]!.id }]);
    emu.faults.inject({ kind: 'quota_exceeded', path: `/v1/playlists/${src.owned[2]}/items`, times: Infinity });
    const paused = await cli('cassette', ['backup', '--out', out, '--json'], env);
    emu.faults.clear();
    expect(paused.code).toBe(5);
    const p = lastJson(paused.stdout);
    expect(p.status).toBe('paused');
    const resumed = await cli('cassette', ['backup', '--out', out, '--json', '--resume'], env);
    expect(resumed.code).toBe(0);
    expect(lastJson(resumed.stdout)).toMatchObject({ status: 'complete', run: p.run });
  });

  it('a backup killed with SIGKILL mid-run leaves earlier runs intact and no half-written file under its final name', async () => {
    const before = await listAccountRuns(out, 'alice');
    const shas = async (dir: string) => Object.fromEntries(await Promise.all((await readdir(dir)).map(async (n) => [n, sha256(await readFile(join(dir, n)))])));
    const earlier = await Promise.all(before.map(async (r) => [r.dir, await shas(r.dir)] as const));
    for (let i = 0; i < 40; i++) {
      const p = src.world.addPlaylist({ ownerId: 'alice', name: `Extra ${i}` });
      const refs: EmuEntryRef[] = Array.from({ length: 120 }, (_, k) => ({ kind: 'track', id: src.tracks[(i + k) % src.tracks.length]!.id }));
      src.world.append(p.id, refs);
    }
    emu.faults.inject({ kind: 'latency', path: /\/items/, latencyMs: 60, times: Infinity });
    const run = cli('cassette', ['backup', '--out', out, '--json'], env);
    const runDir = await (async () => {
      for (let i = 0; i < 400; i++) {
        const runs = await listAccountRuns(out, 'alice');
        const fresh = runs.find((r) => !before.some((b) => b.dir === r.dir));
        if (fresh && (await readdir(fresh.dir)).filter((n) => n.startsWith('playlist_')).length >= 3) return fresh.dir;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error('the run never got going');
    })();
    run.child.kill('SIGKILL');
    const r = await run;
    emu.faults.clear();
    expect(r.signal).toBe('SIGKILL');
    const names = await readdir(runDir);
    expect(names).not.toContain('metadata.json');
    expect(schemaViolations(runDir)).toEqual([]); // every file under its final name is whole
    expect(names.filter((n) => !n.startsWith('.')).every((n) => n.endsWith('.json') || n.endsWith('.jpg'))).toBe(true);
    for (const [dir, sums] of earlier) expect(await shas(dir)).toEqual(sums);
    const list = await cli('cassette', ['backups', 'list', '--out', out, '--json'], env);
    const rows = JSON.parse(list.stdout) as { run: string; status: string }[];
    expect(rows.find((x) => x.run === runDir)?.status).toBe('interrupted');
    const next = await cli('cassette', ['backup', '--out', out, '--json'], env);
    expect(next.code).toBe(0);
  });

  it('restore --json into the second account, then again with no writes; --dry-run writes nothing', async () => {
    const writes = emu.writes.length;
    const dry = await cli('cassette', ['restore', firstRun, '--account', 'new', '--dry-run', '--json'], env);
    expect(dry.code).toBe(0);
    expect(emu.writes.length).toBe(writes);
    expect(lastJson(dry.stdout)).toMatchObject({ likesAdded: 60, playlistsCreated: 3 });
    const r = await cli('cassette', ['restore', firstRun, '--account', 'new', '--json'], env);
    expect(r.code).toBe(0);
    const j = lastJson(r.stdout);
    expect(Object.keys(j)).toEqual(['likesAdded', 'likesAlreadyThere', 'playlistsCreated', 'playlistsReused', 'itemsAdded', 'itemsAlreadyThere', 'followed', 'unrestorable', 'filesSkipped']);
    expect(j).toMatchObject({ likesAdded: 60, likesAlreadyThere: 0, playlistsCreated: 3, playlistsReused: 0, followed: 2, unrestorable: 2, filesSkipped: [] });
    const afterFirst = emu.writes.length;
    const again = await cli('cassette', ['restore', firstRun, '--account', 'new', '--json'], env);
    expect(again.code).toBe(0);
    expect(emu.writes.length).toBe(afterFirst);
    expect(lastJson(again.stdout)).toMatchObject({ likesAdded: 0, likesAlreadyThere: 60, playlistsCreated: 0, playlistsReused: 3, itemsAdded: 0 });
  });

  it('restore of files with one corrupt exits 4 and lists it with its reason', async () => {
    const copy = join(box, 'loose');
    await rm(copy, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.cp(firstRun, copy, { recursive: true }));
    await writeFile(join(copy, `playlist_${src.owned[1]}.json`), 'not json');
    const r = await cli('cassette', ['restore', join(copy, 'likes.json'), join(copy, `playlist_${src.owned[1]}.json`), '--account', 'new', '--json'], env);
    expect(r.code).toBe(4);
    expect(lastJson(r.stdout).filesSkipped).toEqual([{ file: join(copy, `playlist_${src.owned[1]}.json`), reason: expect.stringMatching(/sha256/) }]);
  });

  it('backups list, diff and export', async () => {
    const list = await cli('cassette', ['backups', 'list', '--out', out, '--json'], env);
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.stdout) as { run: string; status: string }[];
    expect(rows[0]).toMatchObject({ run: firstRun, status: 'complete', likes: 60, playlists: 4, followed: 1 });
    const latest = rows.at(-1)!.run;
    const diff = await cli('cassette', ['backups', 'diff', firstRun, latest, '--json'], env);
    expect(diff.code).toBe(0);
    const d = JSON.parse(diff.stdout) as { playlists: { name: string; change: string; itemsAdded: string[] }[] };
    expect(d.playlists.find((p) => p.name === 'Playlist 0')).toMatchObject({ change: 'changed', itemsAdded: ['Artist 2 – Song 9'] });
    expect(d.playlists.filter((p) => p.change === 'added')).toHaveLength(40);
    const dest = join(box, 'export');
    const exp = await cli('cassette', ['backups', 'export', firstRun, '--format', 'csv', '--out', dest], env);
    expect(exp.code).toBe(0);
    const csv = await readFile(join(dest, 'Playlist 1.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^Track URI,Track Name,Artist URI\(s\),Artist Name\(s\),Album URI,Album Name/);
    expect(csv.trim().split('\r\n')).toHaveLength(71);
    const m3u = await cli('cassette', ['backups', 'export', firstRun, '--format', 'm3u8', '--out', dest], env);
    expect(m3u.code).toBe(0);
    expect((await readFile(join(dest, 'Playlist 0.m3u8'), 'utf8')).startsWith('#EXTM3U\n')).toBe(true);
    expect((await cli('cassette', ['backups', 'export', firstRun, '--format', 'xml'], env)).code).toBe(2);
  });

  it('logout forgets the account', async () => {
    expect((await cli('cassette', ['spotify', 'logout', '--account', 'new'], env)).code).toBe(0);
    expect(JSON.parse((await cli('cassette', ['spotify', 'accounts', '--json'], env)).stdout)).toEqual([{ account: 'main', userId: 'alice', displayName: 'Alice' }]);
  });
});

// The install step that fetches Electron's binary: attempted, and its failure tolerated with one line.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { skipRequestedBy, summariseInstallError } from '../../scripts/desktop/electronBinary.mjs';

const root = join(import.meta.dirname, '..', '..');
const dirs: string[] = [];
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), 'cassette-postinstall-'));
  dirs.push(d);
  return d;
};
const servers: Server[] = [];
afterEach(async () => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A loopback mirror that has no Electron: counts the requests it answers with 404. */
async function emptyMirror(): Promise<{ url: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.writeHead(404).end('not here');
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, requests };
}

/** Runs scripts/postinstall.mjs with the machine's own Electron and caches kept out of the way. */
function postinstall(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const isolated = fresh();
  const base = { ...process.env };
  for (const k of ['CASSETTE_SKIP_ELECTRON', 'ELECTRON_SKIP_BINARY_DOWNLOAD', 'ELECTRON_MIRROR', 'CI']) delete base[k];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'scripts', 'postinstall.mjs')], {
      cwd: root,
      env: {
        ...base,
        // An empty download cache and an empty dist folder: a binary already on this machine must not count.
        electron_config_cache: join(isolated, 'cache'),
        ELECTRON_OVERRIDE_DIST_PATH: join(isolated, 'dist'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('postinstall: fetching Electron', () => {
  it('tries the download, and when the mirror has nothing says so in one line and succeeds', async () => {
    const mirror = await emptyMirror();
    const run = await postinstall({ ELECTRON_MIRROR: mirror.url });
    expect(run.code).toBe(0);
    expect(mirror.requests.some((u) => /electron-v[\d.]+-\w+-\w+\.zip$/.test(u))).toBe(true);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^cassette: Electron [\d.]+ could not be downloaded \(.*404.*\); `npm start` will serve the headless host \(run `npm run setup:desktop` to try again\)\.$/);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('tolerates an unreachable mirror the same way', async () => {
    const run = await postinstall({ ELECTRON_MIRROR: 'http://127.0.0.1:9/' });
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual([expect.stringMatching(/could not be downloaded \(.*ECONNREFUSED.*\)/)]);
  });

  it.each(['CASSETTE_SKIP_ELECTRON', 'ELECTRON_SKIP_BINARY_DOWNLOAD'])('skips the download when %s is set, without a request', async (name) => {
    const mirror = await emptyMirror();
    const run = await postinstall({ ELECTRON_MIRROR: mirror.url, [name]: '1' });
    expect(run.code).toBe(0);
    expect(mirror.requests).toEqual([]);
    expect(run.stdout.trim()).toBe(`cassette: not downloading Electron (${name} is set); \`npm start\` will serve the headless host.`);
  });
});

describe('postinstall helpers', () => {
  it.each([
    [{ CASSETTE_SKIP_ELECTRON: '1' }, 'CASSETTE_SKIP_ELECTRON'],
    [{ ELECTRON_SKIP_BINARY_DOWNLOAD: 'true' }, 'ELECTRON_SKIP_BINARY_DOWNLOAD'],
    [{ CASSETTE_SKIP_ELECTRON: '0' }, undefined],
    [{ CASSETTE_SKIP_ELECTRON: 'false' }, undefined],
    [{ CASSETTE_SKIP_ELECTRON: '' }, undefined],
    [{}, undefined],
  ])('skip requested by %o: %s', (env, expected) => {
    expect(skipRequestedBy(env)).toBe(expected);
  });

  it('keeps the error line of a stack trace', () => {
    const trace = 'HTTPError: Response code 404 (Not Found) for http://127.0.0.1:9/v41.7.1/electron.zip\n    at Request.<anonymous> (/x/got/index.js:1:1)\n    at process.tick (node:internal)\n';
    expect(summariseInstallError(trace)).toBe('HTTPError: Response code 404 (Not Found) for http://127.0.0.1:9/v41.7.1/electron.zip');
    expect(summariseInstallError('')).toBe('its install script failed');
    expect(summariseInstallError(`Error: ${'x'.repeat(400)}`)).toHaveLength(200);
  });
});

// The headless host authorises by the route the router matched: every API route, under every spelling of its path
// (encoded, upper case, trailing slash, #, ;, dot segments), needs a token; /rpc only takes pages of its own
// origin; a `user` token gets on the WebSocket exactly what REST gives it. Raw sockets: fetch would normalise.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { startHeadlessHost, type HeadlessHost } from '../../src/server/headlessHost';
import type { Core } from '../../src/main/core';
import { methods, roles } from '../../src/shared/contract';
import { seedAlbums, type SeededTrack } from '../support/catalogBuilder';
import { openTestCore, tempDir } from '../support/testCore';
import { openSocket, rawRequest, rpcCall, type RawResponse } from '../support/rawHttp';

const ADMIN = 'admin-token-security-1';
const USER = 'user-token-security-22';

let core: Core;
let host: HeadlessHost;
let port: number;
let tracks: SeededTrack[];
let cleanup: () => Promise<void>;
let rendererDir: string;

beforeAll(async () => {
  let dir: string;
  ({ dir, cleanup } = await tempDir());
  core = openTestCore(dir, { reconcileOnStart: false, defaultSource: 'slskd' });
  tracks = seedAlbums(core.catalog, 2, 2);
  // A renderer folder makes the host answer unknown GETs with index.html — the catch-all the old guard fell into.
  rendererDir = await mkdtemp(join(tmpdir(), 'cassette-renderer-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Cassette</title>');
  host = await startHeadlessHost({ core, token: ADMIN, users: [{ name: 'uma', role: 'user', token: USER }], rendererDir });
  port = Number(new URL(host.url).port);
});
afterAll(async () => {
  await host.close();
  await core.close();
  await rm(rendererDir, { recursive: true, force: true });
  await cleanup();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const errorCode = (r: RawResponse) => (r.json as { error?: { code?: string } } | undefined)?.error?.code;

/** Every API route, with the statuses its normal answer may have for the admin. */
const routes = (): { method: string; path: string; ok: number[] }[] => [
  { method: 'GET', path: '/status', ok: [200] },
  { method: 'POST', path: `/v1/download/track/${tracks[0]!.id}`, ok: [200, 201] },
  { method: 'POST', path: '/v1/download/album/1', ok: [201] },
  { method: 'GET', path: '/v1/download/my-requests', ok: [200] },
  { method: 'GET', path: '/v1/download/limits', ok: [200] },
  { method: 'POST', path: '/v1/download/admin/scan', ok: [200] },
  { method: 'POST', path: '/v1/download/admin/queue-all', ok: [200] },
  { method: 'GET', path: '/v1/download/admin/stats', ok: [200] },
  { method: 'GET', path: '/v1/download/admin/failed', ok: [200] },
  { method: 'POST', path: '/v1/download/admin/retry/1', ok: [200, 404] },
  { method: 'GET', path: '/v1/download/admin/audit', ok: [200] },
  { method: 'GET', path: '/v1/covers/key', ok: [200] },
  // Album 1 has no file on disk, so no cover.
  { method: 'GET', path: '/v1/covers/album/1', ok: [404] },
];

/** Spellings of a path that the router (or a browser-like normalisation) takes for the same route. */
const spellings: [string, (p: string) => string][] = [
  ['as is', (p) => p],
  ['first letter of the last segment percent-encoded', (p) => p.replace(/\/([a-z])([^/]*)$/, (_m, c: string, rest: string) => `/%${c.charCodeAt(0).toString(16)}${rest}`)],
  ['first letter percent-encoded', (p) => `/%${p.charCodeAt(1).toString(16)}${p.slice(2)}`],
  ['upper case', (p) => p.toUpperCase()],
  ['trailing slash', (p) => `${p}/`],
  ['fragment', (p) => `${p}#x`],
  ['semicolon', (p) => `${p};x`],
  ['leading dot segment', (p) => `/.${p}`],
  ['dot-dot segment', (p) => `/v1/..${p}`],
  ['encoded dot segment', (p) => `/%2e${p}`],
  ['encoded dot-dot segment', (p) => `/x/%2E%2E${p}`],
  ['double slash', (p) => `/${p}`],
];

describe('every API route needs a token, however its path is spelt', () => {
  for (const [name, spell] of spellings) {
    it(`${name}: 401 without a token, the normal answer with one`, async () => {
      for (const r of routes()) {
        const path = spell(r.path);
        const none = await rawRequest(port, { method: r.method, path });
        expect(none.status, `${r.method} ${path} without a token`).toBe(401);
        expect(errorCode(none), path).toBe('auth_required');
        const withToken = await rawRequest(port, { method: r.method, path, headers: bearer(ADMIN) });
        expect(r.ok, `${r.method} ${path} with the admin token answered ${withToken.status} ${withToken.body.slice(0, 120)}`).toContain(withToken.status);
      }
    });
  }

  it('unknown paths under /v1 (an encoded slash, a typo) answer 401 without a token and 404 with one', async () => {
    for (const path of ['/v1/download/admin/stats%2f', '/v1/download/admin/stats%2F', '/v1/nothing', '/V1/DOWNLOAD/NOPE', '/v1/download/track/1/x']) {
      const none = await rawRequest(port, { path });
      expect(none.status, path).toBe(401);
      const withToken = await rawRequest(port, { path, headers: bearer(ADMIN) });
      expect(withToken.status, path).toBe(404);
      expect(errorCode(withToken)).toBe('not_found');
    }
  });

  it('a token in the query string is not accepted on REST', async () => {
    const r = await rawRequest(port, { path: `/status?token=${ADMIN}` });
    expect(r.status).toBe(401);
    expect((r.json as { error: { message: string } }).error.message).toMatch(/Authorization: Bearer/);
  });

  it('a wrong token or a malformed header is refused', async () => {
    for (const headers of [bearer('nope'), { authorization: ADMIN }, { authorization: 'Basic YWRtaW46YWRtaW4=' }, bearer('')]) {
      expect((await rawRequest(port, { path: '/status', headers })).status).toBe(401);
    }
  });

  it('the static renderer stays public', async () => {
    const r = await rawRequest(port, { path: '/' });
    expect(r.status).toBe(200);
    expect(r.body).toContain('<title>Cassette</title>');
    expect((await rawRequest(port, { path: '/some/client/route' })).body).toContain('<title>Cassette</title>');
  });
});

describe('the /rpc WebSocket', () => {
  const own = () => `http://127.0.0.1:${port}`;
  const rpcSpellings = ['/rpc', '/%72pc', '/RPC', '/rpc/', '/./rpc', '/v1/../rpc', '/rpc#x', '/rpc;x'];

  it('refuses an upgrade without a token, whatever the spelling', async () => {
    for (const path of rpcSpellings) {
      const r = await openSocket(port, path, { origin: own() });
      expect(r.kind, path).toBe('refused');
      if (r.kind === 'refused') expect(r.status, path).toBe(401);
    }
  });

  it('refuses a page from another origin even with a valid token, whatever the spelling', async () => {
    for (const path of rpcSpellings.map((p) => p.replace(/(#x|;x)$/, '') + `?token=${ADMIN}`)) {
      for (const origin of ['https://evil.example', `http://evil.example:${port}`, 'null', `http://127.0.0.1:${port + 1}`]) {
        const r = await openSocket(port, path, { origin });
        expect(r.kind, `${path} from ${origin}`).toBe('refused');
        if (r.kind === 'refused') expect(r.status).toBe(403);
      }
    }
  });

  it('accepts the host’s own pages and non-browser clients that carry a token', async () => {
    const headerSets: Record<string, string>[] = [{ origin: own() }, { origin: `http://localhost:${port}` }, {}];
    for (const headers of headerSets) {
      const r = await openSocket(port, `/rpc?token=${ADMIN}`, headers);
      expect(r.kind).toBe('open');
      if (r.kind === 'open') {
        expect(await rpcCall(r.socket, 'catalog.status')).toMatchObject({ ok: true });
        r.socket.close();
      }
    }
    const viaHeader = await openSocket(port, '/rpc', { ...bearer(ADMIN) });
    expect(viaHeader.kind).toBe('open');
    if (viaHeader.kind === 'open') viaHeader.socket.close();
  });
});

describe('roles', () => {
  const adminRoutes = (): { method: string; path: string }[] => routes().filter((r) => r.path.includes('/admin/'));

  it('REST: a user token gets 403 on admin routes, its own routes work', async () => {
    for (const r of adminRoutes()) {
      const res = await rawRequest(port, { method: r.method, path: r.path, headers: bearer(USER) });
      expect(res.status, r.path).toBe(403);
      expect(errorCode(res)).toBe('forbidden');
    }
    expect((await rawRequest(port, { path: '/v1/download/limits', headers: bearer(USER) })).status).toBe(200);
  });

  it('every contract method declares the role it needs', () => {
    for (const [name, m] of Object.entries(methods)) expect(roles, name).toContain(m.role);
  });

  async function socketFor(token: string): Promise<WebSocket> {
    const r = await openSocket(port, `/rpc?token=${token}`);
    if (r.kind !== 'open') throw new Error(`upgrade refused: ${r.status}`);
    return r.socket;
  }

  it('WebSocket: a user token is refused every admin method with forbidden, and may call the user methods', async () => {
    const ws = await socketFor(USER);
    try {
      // What the page in the issue did with a user's socket: pause the queue, change the Qobuz folder.
      expect(await rpcCall(ws, 'queue.pause')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await rpcCall(ws, 'qobuz.setFolder', { folder: '/tmp' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(core.processor.isPaused).toBe(false);
      for (const [name, m] of Object.entries(methods)) {
        const r = await rpcCall(ws, name, undefined);
        if (m.role === 'admin') expect(r, name).toMatchObject({ ok: false, error: { code: 'forbidden' } });
        else expect(r.error?.code, name).not.toBe('forbidden');
      }
      expect(core.processor.isPaused).toBe(false);
    } finally {
      ws.close();
    }
  });

  it('WebSocket: the admin token may pause and resume the queue', async () => {
    const ws = await socketFor(ADMIN);
    try {
      expect(await rpcCall(ws, 'queue.pause')).toMatchObject({ ok: true, data: { paused: true } });
      expect(await rpcCall(ws, 'queue.resume')).toMatchObject({ ok: true, data: { paused: false } });
    } finally {
      ws.close();
    }
  });

  it('WebSocket: a user socket is not sent the queue rows (other people’s requests and paths)', async () => {
    const user = await socketFor(USER);
    const admin = await socketFor(ADMIN);
    const seen = { user: [] as string[], admin: [] as string[] };
    user.on('message', (d) => seen.user.push((JSON.parse(String(d)) as { event?: string }).event ?? ''));
    admin.on('message', (d) => seen.admin.push((JSON.parse(String(d)) as { event?: string }).event ?? ''));
    try {
      const item = core.queue.enqueueTrack({ trackId: tracks[3]!.id, source: 'slskd' }).item;
      const [row] = (await import('../../src/main/core')).toQueueRows(core.db, [item], Date.now());
      core.events.rowChanged(row!);
      core.events.flush();
      // Both sockets get an answer to a call made after the push: by then the push has been delivered.
      await rpcCall(admin, 'catalog.status');
      await rpcCall(user, 'catalog.status');
      expect(seen.admin).toContain('queue.rows');
      expect(seen.user).not.toContain('queue.rows');
    } finally {
      user.close();
      admin.close();
    }
  });
});

// Loose input must not have real effects: flags, ids and numbers parse exactly or answer 400; slow, oversized and
// malformed requests are cut off; every error has the documented shape and no internals; folders named over the
// WebSocket are checked before anything touches them.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { startHeadlessHost, type HeadlessHost } from '../../src/server/headlessHost';
import type { Core } from '../../src/main/core';
import { seedAlbums, type SeededTrack } from '../support/catalogBuilder';
import { openTestCore, tempDir } from '../support/testCore';
import { openSocket, rawRequest, rpcCall, type RawResponse } from '../support/rawHttp';

const ADMIN = 'admin-token-input-1';

let core: Core;
let host: HeadlessHost;
let port: number;
let tracks: SeededTrack[];
let dir: string;
let cleanup: () => Promise<void>;
const logged: string[] = [];

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  core = openTestCore(dir, { reconcileOnStart: false, defaultSource: 'slskd' });
  tracks = seedAlbums(core.catalog, 2, 10);
  host = await startHeadlessHost({
    core, token: ADMIN,
    // Short enough for a test to watch a stalled upload being cut off.
    timeouts: { requestMs: 1500, headersMs: 1000, checkIntervalMs: 200 },
    logger: { info: () => {}, warn: (m) => logged.push(m), error: (m) => logged.push(m) },
  });
  port = Number(new URL(host.url).port);
});
afterAll(async () => {
  await host.close();
  await core.close();
  await cleanup();
});

const admin = { authorization: `Bearer ${ADMIN}` };
const queued = () => (core.db.prepare('SELECT count(*) AS n FROM queue_items').get() as { n: number }).n;

function expectErrorShape(r: RawResponse, status: number, code?: string): void {
  expect(r.status, r.body.slice(0, 200)).toBe(status);
  expect(r.headers['content-type']).toMatch(/^application\/json/);
  const body = r.json as { error?: { code?: unknown; message?: unknown } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(typeof body.error?.code).toBe('string');
  expect(typeof body.error?.message).toBe('string');
  if (code) expect(body.error?.code).toBe(code);
}

describe('exact parameters', () => {
  it('dryRun takes only 1|0|true|false: anything else is a 400 and queues nothing', async () => {
    const gone = tracks[0]!;
    core.catalog.markDownloaded(gone.id, join(dir, 'vanished.mp3'), 4);
    const before = queued();
    for (const q of ['dryRun=yes', 'dryRun[]=1', 'dryRun=1&dryRun=1', 'dryRun=', 'dryRun=TRUE', 'dryrun=1', 'dryRun=2']) {
      const r = await rawRequest(port, { method: 'POST', path: `/v1/download/admin/scan?${q}`, headers: admin });
      expectErrorShape(r, 400, 'invalid_input');
    }
    expect(queued()).toBe(before);
    expect(core.catalog.getTrack(gone.id)!.status).toBe('downloaded');
    for (const q of ['dryRun=1', 'dryRun=true']) {
      const r = await rawRequest(port, { method: 'POST', path: `/v1/download/admin/scan?${q}`, headers: admin });
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({ dryRun: true, queued: 0 });
    }
    expect(queued()).toBe(before);
  });

  it('ids are ^[1-9][0-9]*$: hex, spaces, signs, exponents, leading zeros and huge numbers are a 400', async () => {
    const id = tracks[15]!.id;
    expect(id).toBe(16); // `0x10` would have queued exactly this track
    const before = queued();
    for (const bad of ['0x10', '1%20', '%201', '+16', '-16', '16.0', '1e1', '016', '0', '99999999999999999999', '16abc']) {
      for (const path of [`/v1/download/track/${bad}`, `/v1/download/album/${bad}`, `/v1/download/admin/retry/${bad}`]) {
        const r = await rawRequest(port, { method: 'POST', path, headers: admin });
        expectErrorShape(r, 400, 'invalid_input');
      }
    }
    expect(queued()).toBe(before);
    expect((await rawRequest(port, { method: 'POST', path: `/v1/download/track/${id}`, headers: admin })).status).toBe(201);
  });

  it('limit and before are checked, not silently replaced by the default', async () => {
    for (const q of ['limit=-1', 'limit=0', 'limit=1001', 'limit=abc', 'limit=1.5', 'before=0', 'limit=5&limit=6', 'nonsense=1']) {
      expectErrorShape(await rawRequest(port, { path: `/v1/download/admin/audit?${q}`, headers: admin }), 400, 'invalid_input');
    }
    const ok = await rawRequest(port, { path: '/v1/download/admin/audit?limit=1', headers: admin });
    expect(ok.status).toBe(200);
    expect((ok.json as { entries: unknown[] }).entries.length).toBeLessThanOrEqual(1);
  });

  it('a body that is not the documented one is a 400', async () => {
    const path = `/v1/download/track/${tracks[1]!.id}`;
    const json = { ...admin, 'content-type': 'application/json' };
    for (const body of ['{"priority":9}', '{"source":"elsewhere"}', '{"extra":1}', '[1]']) {
      expectErrorShape(await rawRequest(port, { method: 'POST', path, headers: json, body }), 400, 'invalid_input');
    }
    const broken = await rawRequest(port, { method: 'POST', path, headers: json, body: '{"priority": secret-value' });
    expectErrorShape(broken, 400, 'invalid_input');
    expect(broken.body).not.toContain('secret-value');
  });
});

describe('one error shape for everything the host refuses', () => {
  it('bad percent-encoding', async () => {
    for (const path of ['/%ff', '/v1/download/track/%ff', '/status%', '/%c0%af']) expectErrorShape(await rawRequest(port, { path, headers: admin }), 400);
  });

  it('over-long URLs and headers', async () => {
    expectErrorShape(await rawRequest(port, { path: `/v1/download/track/${'1'.repeat(150)}`, method: 'POST', headers: admin }), 414, 'too_large');
    expectErrorShape(await rawRequest(port, { path: `/status?x=${'a'.repeat(5000)}`, headers: admin }), 414, 'too_large');
    expectErrorShape(await rawRequest(port, { path: `/${'a'.repeat(20_000)}`, headers: admin }), 431, 'too_large');
  });

  it('a body over 1 MiB, an unknown content type, an unknown route', async () => {
    const path = `/v1/download/track/${tracks[2]!.id}`;
    const big = `{"priority":1,"pad":"${'x'.repeat(1024 * 1024)}"}`;
    expectErrorShape(await rawRequest(port, { method: 'POST', path, headers: { ...admin, 'content-type': 'application/json' }, body: big }), 413, 'too_large');
    expectErrorShape(await rawRequest(port, { method: 'POST', path, headers: { ...admin, 'content-type': 'text/x-weird' }, body: 'hi' }), 415);
    expectErrorShape(await rawRequest(port, { method: 'DELETE', path: '/status', headers: admin }), 404, 'not_found');
    expectErrorShape(await rawRequest(port, { path: '/nothing-here', headers: admin }), 404, 'not_found');
  });

  it('uploads stalled after their headers are answered 408 and closed, all of them', async () => {
    const stalled = Array.from({ length: 40 }, () =>
      rawRequest(port, {
        method: 'POST', path: `/v1/download/track/${tracks[3]!.id}`,
        headers: { ...admin, 'content-type': 'application/json', 'content-length': '1000' }, body: '{"prio', stallAfterHeaders: true,
      }),
    );
    // rawRequest resolves when the server closes the connection: each one must be closed by the host.
    const answers = await Promise.all(stalled);
    for (const r of answers) expectErrorShape(r, 408, 'request_timeout');
    // And the host still answers.
    expect((await rawRequest(port, { path: '/status', headers: admin })).status).toBe(200);
  });

  it('an internal failure answers a generic message and logs the details', async () => {
    const ws = await adminSocket();
    try {
      // A handler that throws something other than an AppError, with a path in its message.
      const original = core.handlers['catalog.reconcile'];
      core.handlers['catalog.reconcile'] = async () => {
        throw new Error('EIO: i/o error, open /srv/private/catalog-internals.db');
      };
      try {
        const r = await rpcCall(ws, 'catalog.reconcile');
        expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
        expect(JSON.stringify(r)).not.toContain('/srv/private');
      } finally {
        core.handlers['catalog.reconcile'] = original;
      }
    } finally {
      ws.close();
    }
  });
});

async function adminSocket(): Promise<WebSocket> {
  const r = await openSocket(port, `/rpc?token=${ADMIN}`);
  if (r.kind !== 'open') throw new Error(`upgrade refused: ${r.status}`);
  return r.socket;
}

describe('the WebSocket', () => {
  it('closes a connection that sends a message over 1 MiB (1009), and answers smaller ones', async () => {
    const ws = await adminSocket();
    expect(await rpcCall(ws, 'catalog.status')).toMatchObject({ ok: true });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(JSON.stringify({ id: 1, method: 'catalog.status', input: { pad: 'x'.repeat(1024 * 1024 + 10) } }));
    expect(await closed).toBe(1009);
  });

  it('refuses folders that are not real, writable folders, and saves none of them', async () => {
    const ws = await adminSocket();
    try {
      const file = join(dir, 'a-file.txt');
      await import('node:fs/promises').then((fs) => fs.writeFile(file, 'x'));
      for (const folder of ['/proc', '/proc/sys', '/sys/kernel', '/dev', '/dev/shm/music', `${dir}/a\u0000b`, 'relative/music', file, `${file}/below`]) {
        for (const [method, input] of [['qobuz.setFolder', { folder }], ['qobuz.sync.start', { folder }], ['qobuz.preview', { folder }], ['catalog.import', { folder }]] as const) {
          const r = await rpcCall(ws, method, input);
          expect(r, `${method} ${JSON.stringify(folder)}`).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
        }
      }
      const status = await rpcCall(ws, 'qobuz.status');
      expect(status).toMatchObject({ ok: true, data: { folder: null, syncing: false } });
      // A real folder is accepted (and created when missing, only later, by the sync).
      expect(await rpcCall(ws, 'qobuz.setFolder', { folder: join(dir, 'Qobuz', 'New') })).toMatchObject({ ok: true, data: { folder: join(dir, 'Qobuz', 'New') } });
      await rm(file);
    } finally {
      ws.close();
    }
  });
});

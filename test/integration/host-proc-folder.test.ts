// A client that names /proc/sys must not hang the host: the real host in a child process, on a real socket, keeps
// answering /status while downloads try to create their folders under /proc and a client asks to sync there,
// and SIGTERM still stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAlbums } from '../support/catalogBuilder';
import { openTestCore, tempDir } from '../support/testCore';
import { openSocket, rawRequest, rpcCall } from '../support/rawHttp';

const TOKEN = 'proc-folder-token-1';
const PROC_LIBRARY = '/proc/sys/cassette-test-library';

let dir: string;
let cleanup: () => Promise<void>;
let child: ChildProcess | undefined;
let port: number;

function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms (the host is blocked)`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  const seed = openTestCore(dir, { reconcileOnStart: false });
  for (const t of seedAlbums(seed.catalog, 1, 3)) seed.queue.enqueueTrack({ trackId: t.id, source: 'slskd' });
  await seed.close();
  child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '../support/procHostChild.ts'), dir, TOKEN, PROC_LIBRARY], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await within(
    30_000, 'host start',
    new Promise<string>((resolve, reject) => {
      let buf = '';
      child!.stdout!.on('data', (d: Buffer) => {
        buf += d.toString();
        const m = /LISTENING (\S+)\n/.exec(buf);
        if (m) resolve(m[1]!);
      });
      child!.once('exit', (code) => reject(new Error(`host exited early (${code})`)));
    }),
  );
  port = Number(new URL(url).port);
});
afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
  }
  await cleanup();
});

const status = () => within(5_000, 'GET /status', rawRequest(port, { path: '/status', headers: { authorization: `Bearer ${TOKEN}` } }));

describe('a folder under /proc', () => {
  it('downloads that must create their folder under /proc fail as a storage error and the host keeps answering', async () => {
    for (let i = 0; i < 10; i++) expect((await status()).status).toBe(200);
    const r = await openSocket(port, `/rpc?token=${TOKEN}`);
    if (r.kind !== 'open') throw new Error(`upgrade refused: ${r.status}`);
    try {
      let rows: { status: string; errorType: string | null }[] = [];
      for (let i = 0; i < 100; i++) {
        const list = await within(5_000, 'queue.list', rpcCall(r.socket, 'queue.list', { view: 'all' }));
        rows = (list.data as { items: { status: string; errorType: string | null }[] }).items;
        if (rows.length === 3 && rows.every((x) => x.status === 'retry_waiting')) break;
        await new Promise((res) => setTimeout(res, 100));
      }
      expect(rows.map((x) => [x.status, x.errorType])).toEqual([['retry_waiting', 'storage'], ['retry_waiting', 'storage'], ['retry_waiting', 'storage']]);
    } finally {
      r.socket.close();
    }
  });

  it('qobuz.sync.start and qobuz.preview with /proc/sys are refused at once, and /status still answers', async () => {
    const r = await openSocket(port, `/rpc?token=${TOKEN}`);
    if (r.kind !== 'open') throw new Error(`upgrade refused: ${r.status}`);
    try {
      for (const method of ['qobuz.sync.start', 'qobuz.preview', 'qobuz.setFolder']) {
        const answer = await within(5_000, method, rpcCall(r.socket, method, { folder: '/proc/sys' }));
        expect(answer, method).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
        expect(answer.error?.message).toMatch(/\/proc/);
        expect((await status()).status).toBe(200);
      }
    } finally {
      r.socket.close();
    }
  });

  it('SIGTERM still stops the host', async () => {
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child!.kill('SIGTERM');
    expect(await within(15_000, 'exit after SIGTERM', exited)).toBe(0);
  });
});

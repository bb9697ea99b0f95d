// A sync survives what Qobuz and its CDN throw at it (429 with Retry-After, 5xx, resets, truncated bodies,
// 1-byte-then-EOF, 403 expired URLs, WAF pages, slow answers); an error while listing purchases aborts instead
// of passing for "nothing bought"; a full disk stops the run cleanly; an interrupted run leaves no partial file
// and the next one resumes.
import { appendFile } from 'node:fs';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { catalogStatus } from '../../src/main/catalog';
import type { Core } from '../../src/main/core';
import type { SyncEvent } from '../../src/main/flows/qobuzSync';
import { qobuzLibrary, startQobuzEmulator, type QobuzEmulator, type QobuzFaultKind } from '../emulators/qobuz';
import { FAST_TRANSFER, filesUnder, openSyncCore, playableDuration, syncSandbox, type SyncSandbox } from '../support/qobuzSync';

let emu: QobuzEmulator;
const boxes: SyncSandbox[] = [];
const cores: Core[] = [];

function library() {
  const tracks = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ title: `${prefix} ${i + 1}`, durationSec: 31 + (i % 4) }));
  return qobuzLibrary()
    .album({ title: 'Storm Front', artist: 'Gale Force', tracks: tracks('Gust', 5) })
    .album({ title: 'Low Tide', artist: 'Gale Force', tracks: tracks('Ebb', 4) })
    .track({ title: 'Squall', durationSec: 32, album: { title: 'Weather Singles', artist: 'Gale Force' } })
    .build();
}

async function sandbox(): Promise<SyncSandbox> {
  const b = await syncSandbox(emu);
  boxes.push(b);
  return b;
}

function core(box: SyncSandbox, transfer = FAST_TRANSFER): Core {
  const c = openSyncCore(box, { transfer });
  cores.push(c);
  return c;
}

async function allPlayable(box: SyncSandbox): Promise<string[]> {
  const files = await filesUnder(box.musicDir);
  for (const f of files) {
    expect(f.endsWith('.mp3'), f).toBe(true);
    await playableDuration(`${box.musicDir}/${f}`);
  }
  return files;
}

beforeAll(async () => {
  emu = await startQobuzEmulator({ library: library() });
});
afterEach(async () => {
  emu.clearFaults();
  emu.resetCounts();
  emu.setBandwidth({});
  await Promise.all(cores.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  await emu.close();
  await Promise.all(boxes.map((b) => b.cleanup()));
});

describe('faults', () => {
  it('every kind of API and CDN fault is survived: all tracks arrive whole and playable', async () => {
    const lib = emu.library;
    const id = (t: string) => lib.trackByTitle(t).id;
    const cdn: [QobuzFaultKind, string, object?][] = [
      ['reset', 'Gust 1'], ['truncate', 'Gust 2'], ['one_byte_eof', 'Gust 3'], ['server_error', 'Gust 4', { status: 503 }],
      ['forbidden', 'Gust 5'], ['waf_html', 'Ebb 1'], ['rate_limit', 'Ebb 2', { retryAfterSec: 1 }], ['latency', 'Ebb 3', { latencyMs: 300 }],
    ];
    for (const [kind, title, extra] of cdn) emu.inject({ kind, target: 'cdn', trackId: id(title), ...extra });
    emu.inject({ kind: 'rate_limit', target: 'api', endpoint: 'purchase/getUserPurchases', retryAfterSec: 1 });
    emu.inject({ kind: 'truncate', target: 'api', endpoint: 'purchase/getUserPurchases', when: (q) => q.get('type') === 'tracks' });
    emu.inject({ kind: 'server_error', target: 'api', endpoint: 'album/get' });
    emu.inject({ kind: 'reset', target: 'api', endpoint: 'album/get' });
    emu.inject({ kind: 'one_byte_eof', target: 'api', endpoint: 'user/get' });
    emu.inject({ kind: 'server_error', target: 'api', endpoint: 'track/getFileUrl', trackId: id('Ebb 4') });
    emu.inject({ kind: 'rate_limit', target: 'api', endpoint: 'track/getFileUrl', trackId: id('Squall'), retryAfterSec: 1 });

    const box = await sandbox();
    const s = await core(box).qobuz.sync({ folder: box.musicDir });
    expect(s.failed).toEqual([]);
    expect(s.downloaded).toHaveLength(10);
    for (const kind of ['reset', 'truncate', 'one_byte_eof', 'server_error', 'forbidden', 'waf_html', 'rate_limit', 'latency'] as const) {
      expect(emu.fired(kind), kind).toBeGreaterThan(0);
    }
    for (const d of s.downloaded) {
      expect(Math.abs((await playableDuration(d.path)) - lib.track(d.trackId)!.durationSec), d.title).toBeLessThan(1);
    }
    expect((await filesUnder(box.musicDir)).filter((f) => !f.endsWith('.mp3'))).toEqual([]);
  });

  it('an error while listing purchases aborts the sync: never taken for "nothing bought"', async () => {
    emu.inject({ kind: 'server_error', target: 'api', endpoint: 'purchase/getUserPurchases', when: (q) => q.get('type') === 'tracks', times: Infinity });
    const box = await sandbox();
    const c = core(box);
    await expect(c.qobuz.sync({ folder: box.musicDir })).rejects.toThrow(/server error on purchase\/getUserPurchases/);
    expect(catalogStatus(c.db).songs).toBe(0);
    expect(await filesUnder(box.musicDir)).toEqual([]);
    expect(emu.count('track/getFileUrl')).toBe(0);
  });

  it('a WAF page instead of the purchase list is reported as a block', async () => {
    emu.inject({ kind: 'waf_html', target: 'api', endpoint: 'purchase/getUserPurchases', times: Infinity });
    const box = await sandbox();
    await expect(core(box).qobuz.sync({ folder: box.musicDir })).rejects.toThrow(/firewall/);
  });
});

describe('stopping cleanly', () => {
  it('out of disk space: reported, no partial file, the rest left queued; the next run resumes', async () => {
    const box = await sandbox();
    let budget = 2_500_000;
    // A disk that fills up after 2.5 MB, whichever file is being written.
    const diskFull = (path: string, flags: 'w' | 'a') => {
      let flag: 'w' | 'a' = flags;
      return new Writable({
        write(chunk: Buffer, _enc, cb) {
          if (budget - chunk.length < 0) return cb(Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), { code: 'ENOSPC' }));
          budget -= chunk.length;
          appendFile(path, chunk, { flag }, cb);
          flag = 'a';
        },
      });
    };
    const events: SyncEvent[] = [];
    const c = core(box, { ...FAST_TRANSFER, createWriteStream: diskFull });
    const s = await c.qobuz.sync({ folder: box.musicDir, onEvent: (e) => events.push(e) });
    expect(s.stopped).toBe('disk_full');
    expect(s.failed.length).toBeGreaterThan(0);
    for (const f of s.failed) expect(f.reason).toMatch(/disk space/i);
    expect(s.leftQueued).toBeGreaterThan(0);
    expect(s.downloaded.length + s.failed.length + s.leftQueued).toBe(10);
    expect(events.some((e) => e.type === 'stopping' && e.reason === 'disk_full')).toBe(true);
    expect(c.processor.isPaused).toBe(true);
    // Nothing half-written anywhere: what is there plays whole.
    expect((await allPlayable(box)).length).toBe(s.downloaded.length);
    await c.close();

    const again = await core(box).qobuz.sync({ folder: box.musicDir });
    expect(again.failed).toEqual([]);
    expect(again.downloaded.length).toBe(10 - s.downloaded.length);
    expect((await allPlayable(box)).length).toBe(10);
  });

  it('an interrupted sync stops its transfers, leaves no partial file, and the next run resumes', async () => {
    const box = await sandbox();
    emu.setBandwidth({ bytesPerSec: 250_000 });
    const controller = new AbortController();
    const c = core(box);
    const s = await c.qobuz.sync({
      folder: box.musicDir,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'progress' && e.bytes > 100_000) controller.abort();
      },
    });
    expect(s.stopped).toBe('interrupted');
    expect(s.leftQueued).toBeGreaterThan(0);
    expect(await filesUnder(box.musicDir)).toEqual([]);
    expect(c.queue.stats()).toMatchObject({ in_progress: 0, pending: 10 });
    await c.close();
    emu.setBandwidth({});

    const again = await core(box).qobuz.sync({ folder: box.musicDir });
    expect(again.downloaded).toHaveLength(10);
    expect((await allPlayable(box)).length).toBe(10);
  });
});

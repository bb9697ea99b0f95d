// Downloading purchases against the emulator's CDN: the format ladder, previews, every injected fault, the
// FLAC → MP3 320 fallback, ENOSPC, and the DownloadSource wrapper.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFile, existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  downloadQobuzTrack,
  QobuzClient,
  QobuzSource,
  type QobuzDownloadResult,
  type QobuzTransferOptions,
} from '../../src/main/sources';
import { DownloadError, type AudioClaim, type FetchContext } from '../../src/main/base';
import { startQobuzEmulator, type QobuzEmulator, type QobuzFaultKind } from '../emulators/qobuz';

const run = promisify(execFile);
let emu: QobuzEmulator;
let client: QobuzClient;
let dir: string;
const FAST: QobuzTransferOptions = { backoff: { baseMs: 5, maxMs: 40 }, maxAttempts: 4, idleTimeoutMs: 5_000 };

beforeAll(async () => {
  emu = await startQobuzEmulator();
  client = new QobuzClient({ apiBase: emu.apiBase, webBase: emu.webBase, requestsPerSecond: 200, backoffLimitMs: 20, retries: 2 });
  await client.loginWithToken(emu.token);
});
afterAll(async () => {
  await emu.close();
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qobuz-dl-'));
  emu.clearFaults();
  emu.resetCounts();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function download(title: string, transfer: QobuzTransferOptions = FAST): Promise<QobuzDownloadResult> {
  const t = emu.library.trackByTitle(title);
  return downloadQobuzTrack({ client, trackId: t.id, trackDurationSec: t.durationSec, partPath: join(dir, `${t.id}.mp3.part`), transfer });
}

async function failure(p: Promise<unknown>): Promise<DownloadError> {
  const e: unknown = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof DownloadError)) throw new Error(`expected a DownloadError, got ${String(e)}`);
  return e;
}

interface Probe {
  codec: string;
  bitRate: number;
  duration: number;
}

/** ffprobe plus a full decode: proves the file is a complete, playable MP3. */
async function probe(path: string): Promise<Probe> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name,bit_rate:format=duration', '-of', 'json', path]);
  const j = JSON.parse(stdout) as { streams: { codec_name: string; bit_rate: string }[]; format: { duration: string } };
  const { stderr } = await run('ffmpeg', ['-v', 'error', '-i', path, '-f', 'null', '-']);
  expect(stderr.trim()).toBe('');
  return { codec: j.streams[0]?.codec_name ?? '', bitRate: Number(j.streams[0]?.bit_rate), duration: Number(j.format.duration) };
}

/** The bytes the CDN serves for this track's MP3, fetched in one go, for byte-exact comparison. */
async function cdnSha(trackId: number): Promise<string> {
  const f = await client.getFileUrl(trackId, 5, 'stream');
  const res = await fetch(f.url ?? '');
  return createHash('sha256').update(Buffer.from(await res.arrayBuffer())).digest('hex');
}

async function fileSha(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

async function expectFullMp3(r: QobuzDownloadResult, seconds: number): Promise<void> {
  const p = await probe(r.path);
  expect(p.codec).toBe('mp3');
  expect(p.bitRate).toBe(320_000);
  expect(Math.abs(p.duration - seconds)).toBeLessThan(0.5);
}

describe('the format ladder', () => {
  it('a normal purchase comes as the MP3 320 from download/5, with no note', async () => {
    const r = await download('Hells Bells');
    expect(r).toMatchObject({ rung: 'download/5', formatId: 5, transcoded: false, ext: 'mp3' });
    expect(r.note).toBeUndefined();
    await expectFullMp3(r, 36);
  });

  it('download intent refused → the stream MP3, said in the note', async () => {
    const r = await download('What*If|Not');
    expect(r.rung).toBe('stream/5');
    expect(r.note).toMatch(/stream intent/);
    await expectFullMp3(r, 40);
  });

  it('FLAC-only purchase → transcoded locally to a playable MP3 320 CBR, with a note; no FLAC left behind', async () => {
    const r = await download('Lossless Only');
    expect(r).toMatchObject({ rung: 'download/6', formatId: 6, transcoded: true });
    expect(r.note).toMatch(/offered no MP3 320.*transcoded it locally to MP3 320 CBR/);
    await expectFullMp3(r, 39);
    expect(await readdir(dir)).toEqual([`${emu.library.trackByTitle('Lossless Only').id}.mp3.part`]);
  });

  it('a preview-only purchase is rejected, not saved as a 30 s file', async () => {
    const e = await failure(download('Teaser'));
    expect(e.type).toBe('rejected');
    expect(e.message).toMatch(/only a 30-second preview/);
    expect(e.tried).toEqual(['download/5: preview', 'stream/5: preview', 'download/6: preview']);
    expect(await readdir(dir)).toEqual([]);
    expect(emu.count('cdn/file')).toBe(0);
  });

  it('an unflagged 30 s file of a 2-minute track is caught by its duration', async () => {
    const e = await failure(download('Sneaky Teaser'));
    expect(e.message).toMatch(/only a 30-second preview/);
  });
});

describe('CDN faults are survived', () => {
  const cuts: QobuzFaultKind[] = ['reset', 'truncate', 'one_byte_eof'];

  it.each(cuts)('%s mid-body: resumed with Range on a fresh signed URL', async (kind) => {
    const t = emu.library.trackByTitle('Ebb');
    emu.inject({ kind, target: 'cdn', trackId: t.id });
    const r = await download('Ebb');
    expect(emu.fired(kind)).toBe(1);
    await expectFullMp3(r, t.durationSec);
    const cdn = emu.log.filter((x) => x.endpoint === 'cdn/file');
    expect(cdn).toHaveLength(2);
    expect(cdn[0]?.range).toBeUndefined();
    expect(Number(/^bytes=(\d+)-$/.exec(cdn[1]?.range ?? '')?.[1])).toBeGreaterThan(0);
    expect(cdn[1]?.path).not.toBe(cdn[0]?.path);
    expect(await fileSha(r.path)).toBe(await cdnSha(t.id));
  });

  it.each([
    ['rate_limit', { retryAfterSec: 1 }],
    ['server_error', { status: 503 }],
    ['forbidden', {}],
    ['waf_html', {}],
  ] as const)('%s once: retried with a fresh URL', async (kind, extra) => {
    const t = emu.library.trackByTitle('Flow');
    emu.inject({ kind, target: 'cdn', trackId: t.id, ...extra });
    const r = await download('Flow');
    expect(emu.fired(kind)).toBe(1);
    await expectFullMp3(r, t.durationSec);
    const cdn = emu.log.filter((x) => x.endpoint === 'cdn/file');
    expect(new Set(cdn.map((x) => x.path)).size).toBe(cdn.length);
  });

  it('an expired URL (short TTL) is replaced by a fresh one', async () => {
    emu.setUrlTtl(-1);
    try {
      const e = await failure(download('Flow'));
      expect(e.message).toMatch(/403/);
    } finally {
      emu.setUrlTtl(60_000);
    }
    await expect(download('Flow')).resolves.toMatchObject({ rung: 'download/5' });
  });

  it('API hiccups while signing a URL are retried', async () => {
    const t = emu.library.trackByTitle('Undertow');
    emu.inject({ kind: 'server_error', target: 'api', endpoint: 'track/getFileUrl', trackId: t.id });
    emu.inject({ kind: 'rate_limit', target: 'api', endpoint: 'track/getFileUrl', trackId: t.id, retryAfterSec: 0 });
    await expectFullMp3(await download('Undertow'), t.durationSec);
  });

  it('a persistent WAF block is reported clearly and leaves no part file', async () => {
    const t = emu.library.trackByTitle('Slack Water');
    emu.inject({ kind: 'waf_html', target: 'cdn', trackId: t.id, times: Infinity });
    const e = await failure(download('Slack Water'));
    expect(e.type).toBe('connection');
    expect(e.message).toMatch(/web page instead of audio.*firewall \(WAF\)/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('several cuts in a row on a throttled connection still end in the whole file', async () => {
    const t = emu.library.trackByTitle('Sunburn');
    emu.setBandwidth({ bytesPerSec: 4_000_000 });
    try {
      emu.inject({ kind: 'one_byte_eof', target: 'cdn', trackId: t.id });
      emu.inject({ kind: 'truncate', target: 'cdn', trackId: t.id, afterBytes: 300_000 });
      emu.inject({ kind: 'reset', target: 'cdn', trackId: t.id, afterBytes: 100_000 });
      const r = await download('Sunburn');
      await expectFullMp3(r, t.durationSec);
      expect(await fileSha(r.path)).toBe(await cdnSha(t.id));
    } finally {
      emu.setBandwidth({});
    }
    expect(emu.log.filter((x) => x.endpoint === 'cdn/file' && x.query.get('eid') === String(t.id) && x.range)).toHaveLength(3);
  });
});

describe('cancellation', () => {
  it('aborting mid-transfer stops with a cancelled error and leaves no part file', async () => {
    const t = emu.library.trackByTitle('Ebb');
    const partPath = join(dir, 'ebb.mp3.part');
    const controller = new AbortController();
    emu.setBandwidth({ bytesPerSec: 200_000 });
    try {
      const e = await failure(
        downloadQobuzTrack({
          client,
          trackId: t.id,
          partPath,
          signal: controller.signal,
          transfer: FAST,
          onProgress: (p) => {
            if (p.bytesDownloaded > 50_000) controller.abort();
          },
        }),
      );
      expect(e.type).toBe('cancelled');
    } finally {
      emu.setBandwidth({});
    }
    expect(existsSync(partPath)).toBe(false);
  });
});

describe('storage', () => {
  it('ENOSPC: a storage error and the part file removed', async () => {
    const t = emu.library.trackByTitle('Salt');
    const partPath = join(dir, 'salt.mp3.part');
    const e = await failure(
      downloadQobuzTrack({
        client,
        trackId: t.id,
        partPath,
        trackDurationSec: t.durationSec,
        transfer: { ...FAST, createWriteStream: (path) => diskFullAfter(path, 64 * 1024) },
      }),
    );
    expect(e.type).toBe('storage');
    expect(e.message).toMatch(/^Out of disk space/);
    expect(existsSync(partPath)).toBe(false);
  });
});

/** A write stream onto the real file that fails like a full disk once `limit` bytes are written. */
function diskFullAfter(path: string, limit: number): Writable {
  let written = 0;
  return new Writable({
    write(chunk: Buffer, _enc, cb) {
      if (written + chunk.length > limit) {
        const err = Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), { code: 'ENOSPC' });
        return cb(err);
      }
      written += chunk.length;
      appendFile(path, chunk, cb);
    },
  });
}

describe('QobuzSource', () => {
  function ctx(partPath: string, claims: AudioClaim[]): FetchContext {
    return {
      signal: new AbortController().signal,
      partPath,
      onProgress: () => undefined,
      setExternalRef: () => undefined,
      validate: async (_path, claim) => {
        claims.push(claim);
      },
      isQuarantined: () => false,
      quarantine: () => undefined,
    };
  }

  it('fetches by externalIds.qobuz into the part file and validates it as MP3 320 before returning', async () => {
    const t = emu.library.trackByTitle('The End.');
    const source = new QobuzSource({ client, transfer: FAST });
    const claims: AudioClaim[] = [];
    const partPath = join(dir, 'end.mp3.part');
    const got = await source.fetch(
      { trackId: 1, title: t.title, artist: 'Dots.', durationSec: t.durationSec, externalIds: { qobuz: String(t.id) } },
      ctx(partPath, claims),
    );
    expect(source.id).toBe('qobuz');
    expect(got).toMatchObject({ path: partPath, ext: 'mp3' });
    // The size claim is the CDN's Content-Length, checked against what landed on disk.
    expect(claims).toEqual([{ ext: 'mp3', expectedSize: got.sizeBytes, durationSec: t.durationSec, bitrateKbps: 320 }]);
    expect(emu.log.some((r) => r.endpoint === 'cdn/file' && r.trackId === t.id)).toBe(true);
    await expectFullMp3({ path: partPath } as QobuzDownloadResult, t.durationSec);
  });

  it('a track without a Qobuz id is not_found', async () => {
    const source = new QobuzSource({ client });
    const e = await failure(source.fetch({ trackId: 2, title: 'Nope', artist: 'X', externalIds: {} }, ctx(join(dir, 'n.part'), [])));
    expect(e.type).toBe('not_found');
  });

  it('an unknown Qobuz track id is not_found', async () => {
    const source = new QobuzSource({ client });
    const e = await failure(source.fetch({ trackId: 3, title: 'Ghost', artist: 'X', externalIds: { qobuz: '999' } }, ctx(join(dir, 'g.part'), [])));
    expect(e.type).toBe('not_found');
  });
});

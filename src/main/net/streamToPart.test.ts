// The streamed download against a small local file server whose every answer the test controls: resume on a
// matching validator, restart when the file changed or the server ignored the range, idle timeout, short bodies,
// abort, and a fresh URL per attempt.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { Writable } from 'node:stream';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DownloadError } from '../base';
import { resumeRecordPath, streamToPart, type StreamToPartOptions } from './streamToPart';

/** What one request does instead of a plain, correct answer. */
type Quirk =
  | { kind: 'cut'; after: number } // sends `after` bytes of the body, then drops the connection
  | { kind: 'stall'; after: number } // sends `after` bytes, then goes silent with the connection open
  | { kind: 'ignoreRange' } // answers 200 with the whole file however it was asked
  | { kind: 'wrongStart' } // answers a Range request with 206 from byte 0
  | { kind: 'ignoreIfRange' } // honours any Range, even when If-Range names another version
  | { kind: 'status'; status: number; headers?: Record<string, string> };

interface Seen {
  path: string;
  range?: string;
  ifRange?: string;
  status: number;
  /** Body bytes sent. */
  sent: number;
}

interface RemoteFile {
  content: Buffer;
  etag?: string;
  lastModified?: string;
}

let server: Server;
let base: string;
let file: RemoteFile;
let quirks: Quirk[];
let seen: Seen[];
const stalled = new Set<ServerResponse>();
let dir: string;
let part: string;

function newFile(size = 200_000, validators: Partial<RemoteFile> = {}): RemoteFile {
  const content = randomBytes(size);
  return { content, etag: `"${createHash('sha1').update(content).digest('hex').slice(0, 16)}"`, lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT', ...validators };
}

function serve(req: IncomingMessage, res: ServerResponse): void {
  const quirk = quirks.shift();
  const rec: Seen = { path: req.url ?? '', range: req.headers.range, ifRange: req.headers['if-range'] as string | undefined, status: 0, sent: 0 };
  seen.push(rec);
  if (quirk?.kind === 'status') {
    rec.status = quirk.status;
    res.writeHead(quirk.status, { 'Content-Type': 'text/plain', ...quirk.headers }).end('no');
    return;
  }
  const { content } = file;
  const validators: Record<string, string> = {};
  if (file.etag) validators.ETag = file.etag;
  if (file.lastModified) validators['Last-Modified'] = file.lastModified;
  // RFC 9110 §13.1.5: a Range is honoured only when If-Range (if sent) matches the current validator.
  const ifRangeOk = quirk?.kind === 'ignoreIfRange' || rec.ifRange === undefined || rec.ifRange === file.etag || rec.ifRange === file.lastModified;
  const m = /^bytes=(\d+)-$/.exec(rec.range ?? '');
  let start = 0;
  let status = 200;
  if (m && ifRangeOk && quirk?.kind !== 'ignoreRange') {
    start = quirk?.kind === 'wrongStart' ? 0 : Number(m[1]);
    if (start >= content.length) {
      rec.status = 416;
      res.writeHead(416, { 'Content-Range': `bytes */${content.length}`, ...validators }).end();
      return;
    }
    status = 206;
  }
  const body = content.subarray(start);
  const headers: Record<string, string | number> = { 'Content-Type': 'audio/flac', 'Content-Length': body.length, 'Accept-Ranges': 'bytes', ...validators };
  if (status === 206) headers['Content-Range'] = `bytes ${start}-${content.length - 1}/${content.length}`;
  rec.status = status;
  res.writeHead(status, headers);
  const limit = quirk?.kind === 'cut' || quirk?.kind === 'stall' ? quirk.after : body.length;
  const piece = body.subarray(0, limit);
  rec.sent = piece.length;
  if (quirk?.kind === 'stall') {
    res.write(piece);
    stalled.add(res);
    return;
  }
  if (quirk?.kind === 'cut') {
    res.write(piece, () => setTimeout(() => res.socket?.destroy(), 10));
    return;
  }
  res.end(piece);
}

beforeAll(async () => {
  server = createServer(serve);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(async () => {
  file = newFile();
  quirks = [];
  seen = [];
  dir = await mkdtemp(join(tmpdir(), 'cassette-stream-'));
  part = join(dir, '.01 Song.flac.host-1.cassette-part');
});
afterEach(async () => {
  for (const res of stalled) res.destroy();
  stalled.clear();
  await rm(dir, { recursive: true, force: true });
});

function run(o: Partial<StreamToPartOptions> = {}) {
  return streamToPart({
    url: async (attempt) => `${base}/file?attempt=${attempt}`,
    partPath: part,
    server: 'The test server',
    backoff: { baseMs: 1, maxMs: 5 },
    maxAttempts: 3,
    idleTimeoutMs: 5_000,
    ...o,
  });
}

async function failure(p: Promise<unknown>): Promise<DownloadError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof DownloadError)) throw new Error(`expected a DownloadError, got ${String(e)}`);
  return e;
}

/** An earlier call that got `bytes` of the file and then lost the connection for good. */
async function interruptedAfter(bytes: number): Promise<void> {
  // The cut gains bytes, the 503 gains none: one attempt without progress ends this call.
  quirks = [{ kind: 'cut', after: bytes }, { kind: 'status', status: 503 }];
  const e = await failure(run({ maxAttempts: 1 }));
  expect(e.type).toBe('connection');
  expect((await readFile(part)).length).toBe(bytes);
  quirks = [];
  seen = [];
}

describe('streamToPart', () => {
  it('streams the whole file, reports progress against the announced length and leaves no resume record', async () => {
    const progress: [number, number | undefined][] = [];
    const got = await run({ onProgress: (b, t) => progress.push([b, t]) });
    expect(got).toMatchObject({ bytes: file.content.length, total: file.content.length, attempts: 1, resumedFrom: 0, contentType: 'audio/flac' });
    expect((await readFile(part)).equals(file.content)).toBe(true);
    expect(progress.at(-1)).toEqual([file.content.length, file.content.length]);
    expect(existsSync(resumeRecordPath(part))).toBe(false);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.range).toBeUndefined();
  });

  it('resumes a part left by an earlier call when the server confirms the same file (If-Range with its ETag)', async () => {
    await interruptedAfter(70_000);
    expect(existsSync(resumeRecordPath(part))).toBe(true);
    const got = await run();
    expect(seen).toMatchObject([{ range: 'bytes=70000-', ifRange: file.etag, status: 206, sent: file.content.length - 70_000 }]);
    expect(got.resumedFrom).toBe(70_000);
    expect((await readFile(part)).equals(file.content)).toBe(true);
    expect(existsSync(resumeRecordPath(part))).toBe(false);
  });

  it('uses Last-Modified as the validator when the server sends no strong ETag', async () => {
    file = newFile(200_000, { etag: 'W/"weak"' });
    await interruptedAfter(50_000);
    await run();
    expect(seen[0]).toMatchObject({ range: 'bytes=50000-', ifRange: file.lastModified, status: 206 });
    expect((await readFile(part)).equals(file.content)).toBe(true);
  });

  it('starts over when the remote file changed since the part was written (new ETag: the server answers 200)', async () => {
    await interruptedAfter(70_000);
    const oldEtag = file.etag;
    file = newFile(180_000);
    const got = await run();
    expect(seen).toMatchObject([{ range: 'bytes=70000-', ifRange: oldEtag, status: 200 }]);
    expect(got).toMatchObject({ bytes: 180_000, total: 180_000 });
    expect((await readFile(part)).equals(file.content)).toBe(true);
  });

  it.each([
    ['a server that ignores If-Range resumes a file whose ETag changed', 'ignoreIfRange', true],
    ['a 206 begins at another byte than asked', 'wrongStart', false],
  ] as const)('starts over when %s: the bad 206 is dropped and the whole file fetched again', async (_what, kind, fileChanged) => {
    await interruptedAfter(70_000);
    if (fileChanged) file = newFile(200_000);
    quirks = [{ kind }];
    const got = await run();
    expect(seen.map((s) => [s.range, s.status])).toEqual([
      ['bytes=70000-', 206],
      [undefined, 200],
    ]);
    expect(got.bytes).toBe(file.content.length);
    expect((await readFile(part)).equals(file.content)).toBe(true);
  });

  it('starts over when the server answers a Range request with the whole file (200 instead of 206)', async () => {
    await interruptedAfter(70_000);
    quirks = [{ kind: 'ignoreRange' }];
    const got = await run();
    expect(seen).toMatchObject([{ range: 'bytes=70000-', status: 200, sent: file.content.length }]);
    expect(got.bytes).toBe(file.content.length);
    expect((await readFile(part)).equals(file.content)).toBe(true);
  });

  it('never appends to a part it cannot prove belongs to this file (no resume record)', async () => {
    await writeFile(part, randomBytes(60_000));
    await run();
    expect(seen[0]!.range).toBeUndefined();
    expect((await readFile(part)).equals(file.content)).toBe(true);
  });

  it('a part exactly as long as the confirmed file is complete (416 to the Range) without fetching it again', async () => {
    await writeFile(part, file.content);
    await writeFile(resumeRecordPath(part), JSON.stringify({ etag: file.etag, total: file.content.length }));
    const got = await run();
    expect(seen).toMatchObject([{ range: `bytes=${file.content.length}-`, status: 416, sent: 0 }]);
    expect(got).toMatchObject({ bytes: file.content.length, resumedFrom: file.content.length });
    expect(existsSync(resumeRecordPath(part))).toBe(false);
  });

  it('a connection that goes silent mid-file is abandoned after the idle timeout and resumed', async () => {
    quirks = [{ kind: 'stall', after: 40_000 }];
    const got = await run({ idleTimeoutMs: 150 });
    expect(seen.map((s) => s.range)).toEqual([undefined, 'bytes=40000-']);
    expect(got.attempts).toBe(2);
    expect((await readFile(part)).equals(file.content)).toBe(true);
  });

  it('a server that keeps going silent fails with a retryable timeout, keeping what arrived for a later resume', async () => {
    quirks = [{ kind: 'stall', after: 40_000 }, { kind: 'stall', after: 0 }, { kind: 'stall', after: 0 }];
    const e = await failure(run({ idleTimeoutMs: 150, maxAttempts: 2 }));
    expect(e.type).toBe('timeout');
    expect(e.message).toMatch(/sent nothing for/);
    expect((await readFile(part)).length).toBe(40_000);
    expect(existsSync(resumeRecordPath(part))).toBe(true);
  });

  it('a body shorter than its Content-Length is resumed from where it stopped', async () => {
    quirks = [{ kind: 'cut', after: 123_456 }];
    const got = await run();
    expect(seen.map((s) => s.range)).toEqual([undefined, 'bytes=123456-']);
    expect(got).toMatchObject({ bytes: file.content.length, total: file.content.length });
  });

  it('a body that stays short fails on the size check, saying how much arrived', async () => {
    quirks = [{ kind: 'cut', after: 10_000 }, { kind: 'cut', after: 0 }, { kind: 'cut', after: 0 }, { kind: 'cut', after: 0 }];
    const e = await failure(run({ maxAttempts: 3 }));
    expect(e.type).toBe('connection');
    expect(e.message).toMatch(/after 10000 of 200000 bytes/);
  });

  it('a complete file of another size than the caller was told is corruption, and nothing is kept', async () => {
    const e = await failure(run({ expectedBytes: file.content.length + 1 }));
    expect(e.type).toBe('corruption');
    expect(existsSync(part)).toBe(false);
    expect(existsSync(resumeRecordPath(part))).toBe(false);
  });

  it('stops on abort with a cancelled error and keeps the part and its record for a later resume', async () => {
    const controller = new AbortController();
    quirks = [{ kind: 'stall', after: 30_000 }];
    const e = await failure(
      run({
        signal: controller.signal,
        onProgress: (b) => {
          if (b >= 30_000) controller.abort();
        },
      }),
    );
    expect(e.type).toBe('cancelled');
    expect(seen).toHaveLength(1);
    expect((await readFile(part)).length).toBe(30_000);
    expect(JSON.parse(await readFile(resumeRecordPath(part), 'utf8'))).toMatchObject({ etag: file.etag, total: file.content.length });
  });

  it('asks for a fresh URL on every attempt and sends the caller’s headers with each', async () => {
    quirks = [{ kind: 'status', status: 403 }, { kind: 'cut', after: 1 }, { kind: 'status', status: 503, headers: { 'Retry-After': '0' } }];
    const asked: number[] = [];
    const got = await run({
      maxAttempts: 4,
      url: async (attempt) => {
        asked.push(attempt);
        return `${base}/file?sig=${attempt}`;
      },
    });
    expect(asked).toEqual([1, 2, 3, 4]);
    expect(seen.map((s) => s.path)).toEqual(['/file?sig=1', '/file?sig=2', '/file?sig=3', '/file?sig=4']);
    expect(seen[3]).toMatchObject({ range: 'bytes=1-', status: 206 });
    expect(got.attempts).toBe(4);
    expect((await readFile(part)).equals(file.content)).toBe(true);
  });

  it('a disk slower than the network holds the body back without piling up listeners', async () => {
    file = newFile(12 * 1024 * 1024);
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const got = await run({
        createWriteStream: (path) =>
          new Writable({
            highWaterMark: 16 * 1024,
            write(chunk: Buffer, _enc, cb) {
              setTimeout(() => appendFile(path, chunk).then(() => cb(), cb), 1);
            },
          }),
      });
      await new Promise((resolve) => setImmediate(resolve));
      expect(got.bytes).toBe(file.content.length);
      expect((await readFile(part)).equals(file.content)).toBe(true);
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('a missing file is not_found at once, and a refused token is rejected without retries', async () => {
    quirks = [{ kind: 'status', status: 404 }];
    expect((await failure(run())).type).toBe('not_found');
    quirks = [{ kind: 'status', status: 401 }];
    expect((await failure(run())).type).toBe('rejected');
    expect(seen).toHaveLength(2);
  });
});

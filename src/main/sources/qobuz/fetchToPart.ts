// Streams a CDN file into a part file and survives the CDN's known faults: every attempt asks for a FRESH signed
// URL and resumes with Range from the bytes already on disk; 5xx, resets, timeouts, premature EOF (even after one
// byte) and transient WAF pages are retried with backoff + jitter, 429 waits Retry-After, and the result is
// length-checked. Node's fetch speaks HTTP/1.1 only (no HTTP/2 stream resets).
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { HttpClient, HttpStatusError } from '../../net';
import { DownloadError, type DownloadErrorType } from '../../base';

export interface FetchToPartOptions {
  /** A fresh signed URL for attempt n (1-based). Throw a DownloadError to stop. */
  freshUrl(attempt: number): Promise<string>;
  path: string;
  signal?: AbortSignal;
  onProgress?(bytes: number, total: number | undefined): void;
  /** Attempts that gain no bytes before giving up (default 6). */
  maxAttempts?: number;
  backoff?: { baseMs: number; maxMs: number };
  /** Longest Retry-After honoured before failing as rate limited (default 120 s). */
  maxRetryAfterMs?: number;
  /** Time allowed for response headers (default 30 s). */
  headersTimeoutMs?: number;
  /** Longest silence inside a body before the attempt is abandoned (default 30 s). */
  idleTimeoutMs?: number;
  /** Injection point for tests (e.g. a stream that fails with ENOSPC). */
  createWriteStream?: (path: string, flags: 'w' | 'a') => Writable;
}

export interface FetchedPart {
  bytes: number;
  /** Announced length, when the CDN sent one. */
  total?: number;
  attempts: number;
  contentType?: string;
}

class AttemptError extends Error {
  constructor(
    readonly type: DownloadErrorType,
    message: string,
    readonly waitMs?: number,
    /** Drop what is on disk and start over. */
    readonly restart = false,
  ) {
    super(message);
  }
}

export async function fetchToPart(o: FetchToPartOptions): Promise<FetchedPart> {
  const maxFailures = o.maxAttempts ?? 6;
  const backoff = o.backoff ?? { baseMs: 500, maxMs: 20_000 };
  const open = o.createWriteStream ?? ((p: string, flags: 'w' | 'a') => createWriteStream(p, { flags }) as WriteStream);
  let offset = 0;
  let total: number | undefined;
  let failures = 0;
  let attempts = 0;
  let contentType: string | undefined;
  let last: AttemptError | undefined;
  // A part left by an earlier run may be of another format or file: never resume into it. The path is this
  // writer's own (the queue names part files after the process writing them), so this never deletes the live
  // part of another process fetching the same track.
  await rm(o.path, { force: true });

  // Progress never loops forever: a hard cap on all attempts, generous for big files cut many times.
  while (failures < maxFailures && attempts < maxFailures * 5) {
    throwIfAborted(o.signal);
    attempts++;
    const before = offset;
    try {
      const url = await o.freshUrl(attempts);
      const r = await attempt(url, offset, total);
      contentType = r.contentType;
      total = r.total;
      offset = r.bytes;
      if (total === undefined || offset === total) return { bytes: offset, total, attempts, contentType };
      if (offset > total) throw new AttemptError('corruption', `The CDN sent ${offset} bytes of a ${total}-byte file.`, 0, true);
      throw new AttemptError('connection', `The CDN closed the connection after ${offset} of ${total} bytes.`);
    } catch (e) {
      if (e instanceof DownloadError) throw e;
      if (isAbort(o.signal)) throw new DownloadError('cancelled', 'Download cancelled.');
      last = e instanceof AttemptError ? e : new AttemptError('connection', `CDN connection failed: ${message(e)}`);
      if (last.restart) {
        offset = 0;
        total = undefined;
      } else {
        offset = await sizeOf(o.path);
      }
      if (offset <= before) failures++;
      if (failures >= maxFailures) break;
      const maxWait = o.maxRetryAfterMs ?? 120_000;
      if (last.waitMs !== undefined && last.waitMs > maxWait) {
        throw new DownloadError('connection', `The Qobuz CDN asked us to wait ${Math.ceil(last.waitMs / 1000)} s before retrying; try again later.`);
      }
      const wait = last.waitMs ?? jittered(backoff, failures);
      if (wait > 0) await sleep(wait, o.signal);
    }
  }
  throw new DownloadError(last?.type ?? 'connection', last?.message ?? 'The CDN download failed.');

  async function attempt(url: string, from: number, knownTotal: number | undefined): Promise<FetchedPart> {
    const u = new URL(url);
    const cdn = new HttpClient({ baseUrl: u.origin, timeoutMs: o.headersTimeoutMs ?? 30_000, retries: 0 });
    const idle = new AbortController();
    const signal = o.signal ? AbortSignal.any([o.signal, idle.signal]) : idle.signal;
    let res: Response;
    try {
      res = await cdn.raw(`${u.pathname}${u.search}`, { headers: from > 0 ? { Range: `bytes=${from}-` } : {}, retries: 0, signal });
    } catch (e) {
      throw statusFailure(e, from, knownTotal);
    }
    const type = res.headers.get('content-type') ?? undefined;
    if (type && /text\/html/i.test(type)) {
      await res.body?.cancel().catch(() => undefined);
      throw new AttemptError(
        'connection',
        `The Qobuz CDN answered with a web page instead of audio (HTTP ${res.status}, text/html): its firewall (WAF) is blocking this network. Wait a few hours or try another connection.`,
      );
    }
    let start = 0;
    let length: number | undefined;
    if (res.status === 206) {
      const m = /bytes (\d+)-(\d+)\/(\d+|\*)/.exec(res.headers.get('content-range') ?? '');
      if (!m) throw new AttemptError('parse', 'The CDN sent a partial answer without a usable Content-Range.', 0, true);
      start = Number(m[1]);
      length = m[3] === '*' ? undefined : Number(m[3]);
      if (start !== from) throw new AttemptError('connection', `The CDN resumed at byte ${start} instead of ${from}.`, 0, true);
    } else {
      const cl = res.headers.get('content-length');
      length = cl === null ? undefined : Number(cl);
      // 200 to a Range request: the whole file again, so write it from the start.
    }
    if (knownTotal !== undefined && length !== undefined && length !== knownTotal) {
      throw new AttemptError('corruption', 'The file on the CDN changed size between attempts.', 0, true);
    }
    if (!res.body) throw new AttemptError('connection', 'The CDN sent no body.');

    let written = start;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => idle.abort(new Error('the CDN went silent')), o.idleTimeoutMs ?? 30_000);
    };
    const count = new Transform({
      transform(chunk: Buffer, _enc, done) {
        written += chunk.length;
        arm();
        o.onProgress?.(written, length);
        done(null, chunk);
      },
    });
    // A broken body ends the source quietly so the pipeline still flushes every byte received to disk;
    // the break is reported afterwards and the next attempt resumes from there.
    let broken: unknown;
    const body = Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
    async function* received(): AsyncGenerator<Buffer> {
      try {
        for await (const chunk of body) yield chunk as Buffer;
      } catch (e) {
        broken = e;
      }
    }
    arm();
    try {
      await pipeline(received(), count, open(o.path, start === 0 ? 'w' : 'a'));
    } catch (e) {
      body.destroy();
      if (isNoSpace(e)) {
        await rm(o.path, { force: true });
        throw new DownloadError('storage', `Out of disk space while writing ${o.path}; free some space and retry.`);
      }
      throw new AttemptError('connection', `Could not write ${o.path}: ${message(e)}`);
    } finally {
      clearTimeout(timer);
    }
    if (broken !== undefined) {
      if (idle.signal.aborted && !isAbort(o.signal)) throw new AttemptError('timeout', 'The CDN stopped sending data mid-file.');
      throw new AttemptError('connection', `The CDN connection broke mid-file: ${message(broken)}`);
    }
    return { bytes: await sizeOf(o.path), total: length, attempts: 0, contentType: type };
  }
}

function statusFailure(e: unknown, from: number, knownTotal: number | undefined): AttemptError {
  if (!(e instanceof HttpStatusError)) {
    return new AttemptError(/timed out/i.test(message(e)) ? 'timeout' : 'connection', `CDN connection failed: ${message(e)}`);
  }
  switch (true) {
    case e.status === 429:
      return new AttemptError('connection', 'The CDN asked us to slow down (HTTP 429).', e.retryAfterMs);
    case e.status === 416:
      // Asked past the end: what we have is either complete (caught by the length check) or wrong.
      return new AttemptError('corruption', `The CDN refused to resume at byte ${from}${knownTotal ? ` of ${knownTotal}` : ''}.`, 0, true);
    case e.status === 403:
      return new AttemptError('connection', 'The CDN refused the signed URL (HTTP 403: expired or blocked).', 0);
    case e.status === 404 || e.status === 410:
      return new AttemptError('not_found', `The CDN has no such file (HTTP ${e.status}).`);
    default:
      return new AttemptError('connection', `The CDN answered HTTP ${e.status}.`);
  }
}

function jittered(b: { baseMs: number; maxMs: number }, failures: number): number {
  const d = Math.min(b.maxMs, b.baseMs * 2 ** Math.max(0, failures - 1));
  return d / 2 + Math.random() * (d / 2);
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

function isNoSpace(e: unknown): boolean {
  return !!e && typeof e === 'object' && 'code' in e && (e.code === 'ENOSPC' || e.code === 'EDQUOT');
}

function isAbort(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DownloadError('cancelled', 'Download cancelled.');
}

function message(e: unknown): string {
  if (e instanceof Error) {
    const cause = e.cause instanceof Error ? ` (${e.cause.message})` : '';
    return `${e.message}${cause}`;
  }
  return String(e);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

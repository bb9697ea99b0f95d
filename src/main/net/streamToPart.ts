// The one streamed download: a remote file into the part file the caller names, never held in memory, resumed
// with `Range` only when the bytes on disk provably came from the same remote file. Every attempt asks for a
// fresh URL (signed CDN URLs expire); what the first answer said about the file (ETag or Last-Modified, and its
// length) is kept in a small resume record beside the part and sent back as `If-Range`, so a server whose file
// changed answers 200 and we start over. Cuts, resets, 5xx, timeouts and silences are retried with backoff, 429
// waits Retry-After, and the result is length-checked. Failures are DownloadErrors.
import { createWriteStream } from 'node:fs';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { PassThrough, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { z } from 'zod';
import { DownloadError, type DownloadErrorType } from '../base';
import { parseRetryAfter } from './http';

/** Ending of the resume record kept beside a part file (`<part>.resume`). */
export const RESUME_RECORD_SUFFIX = '.resume';

export function resumeRecordPath(partPath: string): string {
  return `${partPath}${RESUME_RECORD_SUFFIX}`;
}

/** Removes a part file and its resume record: what every caller that gives up on a part should call. */
export async function discardPart(partPath: string): Promise<void> {
  await Promise.all([rm(partPath, { force: true }), rm(resumeRecordPath(partPath), { force: true })]);
}

export interface StreamToPartOptions {
  /** The URL for attempt n (1-based): a fresh one each time. Throw a DownloadError to stop. */
  url(attempt: number): Promise<string>;
  /** Where the bytes go (the caller names it, see `library/partFile.ts`). */
  partPath: string;
  /** Sent with every request (e.g. Authorization); never shown in errors. */
  headers?: Record<string, string>;
  /** What the caller was told the size is: a file of another size is corruption, however complete it looks. */
  expectedBytes?: number;
  /** Who answers, for messages: "The Qobuz CDN", "The ticket service". */
  server?: string;
  signal?: AbortSignal;
  onProgress?(bytes: number, total: number | undefined): void;
  /** Attempts that gain no bytes before giving up (default 6). */
  maxAttempts?: number;
  backoff?: { baseMs: number; maxMs: number };
  /** Longest Retry-After honoured before failing (default 120 s). */
  maxRetryAfterMs?: number;
  /** Time allowed for response headers (default 30 s). */
  headersTimeoutMs?: number;
  /** Longest silence inside a body before the attempt is abandoned (default 30 s). */
  idleTimeoutMs?: number;
  /** Injection point for tests (e.g. a stream that fails with ENOSPC). Called on an existing file, to append. */
  createWriteStream?: (path: string, flags: 'a') => Writable;
}

export interface StreamedPart {
  bytes: number;
  /** The length the server announced, when it did. */
  total?: number;
  attempts: number;
  contentType?: string;
  /** Bytes that were already in the part file from an earlier call and were kept. */
  resumedFrom: number;
}

/** What the first answer said about the remote file, as kept in the resume record. */
const ResumeRecordSchema = z.object({
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  total: z.number().int().nonnegative().optional(),
});
type ResumeRecord = z.infer<typeof ResumeRecordSchema>;

class AttemptError extends Error {
  constructor(
    readonly type: DownloadErrorType,
    message: string,
    readonly options: { waitMs?: number; restart?: boolean } = {},
  ) {
    super(message);
  }
}

interface AttemptResult {
  bytes: number;
  total?: number;
  contentType?: string;
}

export async function streamToPart(o: StreamToPartOptions): Promise<StreamedPart> {
  const server = o.server ?? 'The server';
  const maxFailures = o.maxAttempts ?? 6;
  const backoff = o.backoff ?? { baseMs: 500, maxMs: 20_000 };
  const append = o.createWriteStream ?? ((p: string, flags: 'a') => createWriteStream(p, { flags }));
  const recordPath = resumeRecordPath(o.partPath);

  // What is on disk is kept only when its record names a validator the server can confirm (If-Range).
  let record: ResumeRecord | undefined = await readRecord(recordPath);
  let offset = await sizeOf(o.partPath);
  const keep =
    offset > 0 &&
    record !== undefined &&
    ifRangeValue(record) !== undefined &&
    (record.total === undefined || offset <= record.total) &&
    (o.expectedBytes === undefined || record.total === undefined || record.total === o.expectedBytes);
  if (!keep) {
    await discardPart(o.partPath);
    record = undefined;
    offset = 0;
  }
  const resumedFrom = offset;
  /** True while `record` was learnt in this call: bytes may then be resumed by size alone (no validator). */
  let learntHere = false;

  let failures = 0;
  let attempts = 0;
  let last: AttemptError | undefined;
  while (failures < maxFailures && attempts < maxFailures * 5) {
    throwIfAborted(o.signal);
    attempts++;
    const before = offset;
    try {
      const url = await o.url(attempts);
      const r = await attempt(url);
      offset = r.bytes;
      if (r.total === undefined || offset === r.total) {
        if (o.expectedBytes !== undefined && offset !== o.expectedBytes) {
          await discardPart(o.partPath);
          throw new DownloadError('corruption', `${server} sent ${offset} bytes of a file announced as ${o.expectedBytes} bytes.`);
        }
        await rm(recordPath, { force: true });
        return { bytes: offset, total: r.total, attempts, contentType: r.contentType, resumedFrom };
      }
      if (offset > r.total) throw new AttemptError('corruption', `${server} sent ${offset} bytes of a ${r.total}-byte file.`, { restart: true });
      throw new AttemptError('connection', `${server} closed the connection after ${offset} of ${r.total} bytes.`);
    } catch (e) {
      if (e instanceof DownloadError) throw e;
      if (o.signal?.aborted) throw new DownloadError('cancelled', 'Download cancelled.');
      last = e instanceof AttemptError ? e : new AttemptError('connection', `${server} could not be reached: ${message(e)}`);
      if (last.options.restart) {
        await discardPart(o.partPath);
        record = undefined;
        offset = 0;
      } else {
        offset = await sizeOf(o.partPath);
      }
      if (offset <= before) failures++;
      if (failures >= maxFailures) break;
      const maxWait = o.maxRetryAfterMs ?? 120_000;
      if (last.options.waitMs !== undefined && last.options.waitMs > maxWait) {
        throw new DownloadError('connection', `${server} asked us to wait ${Math.ceil(last.options.waitMs / 1000)} s before retrying; try again later.`);
      }
      const wait = last.options.waitMs ?? (last.options.restart ? 0 : jittered(backoff, failures));
      if (wait > 0) await sleep(wait, o.signal);
    }
  }
  throw new DownloadError(last?.type ?? 'connection', `${last?.message ?? `${server} did not deliver the file.`} (gave up after ${attempts} attempts)`);

  async function attempt(url: string): Promise<AttemptResult> {
    const headers: Record<string, string> = { ...o.headers };
    const resuming = offset > 0 && record !== undefined;
    if (resuming) {
      headers.Range = `bytes=${offset}-`;
      const validator = ifRangeValue(record!);
      if (validator) headers['If-Range'] = validator;
    }
    // One controller ends the attempt on a silence (headers late, or no bytes for a while) or the caller's abort.
    const idle = new AbortController();
    const signal = o.signal ? AbortSignal.any([o.signal, idle.signal]) : idle.signal;
    let timer: NodeJS.Timeout | undefined;
    const arm = (ms: number, why: string) => {
      clearTimeout(timer);
      timer = setTimeout(() => idle.abort(new Error(why)), ms);
    };
    try {
      arm(o.headersTimeoutMs ?? 30_000, 'no answer');
      let res: Response;
      try {
        res = await fetch(url, { headers, signal });
      } catch (e) {
        if (idle.signal.aborted && !o.signal?.aborted) {
          throw new AttemptError('timeout', `${server} did not answer within ${Math.round((o.headersTimeoutMs ?? 30_000) / 1000)} s.`);
        }
        throw e;
      }
      const contentType = res.headers.get('content-type') ?? undefined;
      const answer = classify(res, resuming);
      if (answer.kind !== 'body') {
        await res.body?.cancel().catch(() => undefined);
        if (answer.kind === 'complete') return { bytes: offset, total: offset, contentType };
        throw answer.error;
      }
      if (!res.body) throw new AttemptError('connection', `${server} sent no body.`);

      // The body is read from now on, before any file work: a web stream that errors (the connection broke)
      // drops the chunks still queued in it, and those are exactly the bytes a resume needs. What arrives waits
      // in `received` until the part file is ready; a broken body ends it quietly, so every byte that came is
      // flushed to disk and the break is reported afterwards.
      const idleMs = o.idleTimeoutMs ?? 30_000;
      const received = new PassThrough({ highWaterMark: 1 << 20 });
      let broken: unknown;
      const body = res.body as WebReadableStream<Uint8Array>;
      arm(idleMs, 'silent');
      const pump = (async () => {
        try {
          for await (const chunk of body) {
            arm(idleMs, 'silent');
            if (received.destroyed) break;
            if (!received.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)) && !received.destroyed) {
              await drainedOrClosed(received);
            }
          }
        } catch (e) {
          broken = e;
        } finally {
          received.end();
        }
      })();

      const start = answer.start;
      let written = start;
      const count = new Transform({
        transform(chunk: Buffer, _enc, done) {
          written += chunk.length;
          o.onProgress?.(written, answer.total);
          done(null, chunk);
        },
      });
      try {
        if (start === 0) {
          // A new file (or the same one again from its start): the part restarts, and its record says what it holds.
          await writeFile(o.partPath, '');
          record = { ...validatorsOf(res), ...(answer.total !== undefined ? { total: answer.total } : {}) };
          learntHere = true;
          if (record.etag !== undefined || record.lastModified !== undefined) await writeFile(recordPath, JSON.stringify(record));
          else await rm(recordPath, { force: true });
          offset = 0;
        }
        await pipeline(received, count, append(o.partPath, 'a'));
        await pump;
      } catch (e) {
        // Stop the transfer (ending the pump) before reporting the write failure.
        received.destroy();
        idle.abort(new Error('the part file could not be written'));
        await pump;
        if (isNoSpace(e)) {
          await discardPart(o.partPath);
          throw new DownloadError('storage', `Out of disk space while writing ${o.partPath}; free some space and retry.`);
        }
        throw new AttemptError('storage', `Could not write ${o.partPath}: ${message(e)}`);
      }
      if (broken !== undefined) {
        if (idle.signal.aborted && !o.signal?.aborted) {
          throw new AttemptError('timeout', `${server} sent nothing for ${Math.round(idleMs / 1000)} s in the middle of the file.`);
        }
        const of = answer.total === undefined ? '' : ` of ${answer.total}`;
        throw new AttemptError('connection', `${server} broke the connection after ${written}${of} bytes (${message(broken)}).`);
      }
      return { bytes: await sizeOf(o.partPath), total: answer.total, contentType };
    } finally {
      clearTimeout(timer);
    }
  }

  type Answer =
    | { kind: 'body'; start: number; total?: number }
    | { kind: 'complete' }
    | { kind: 'fail'; error: AttemptError | DownloadError };

  /** What a response means for the part on disk. */
  function classify(res: Response, resuming: boolean): Answer {
    const fail = (error: AttemptError | DownloadError): Answer => ({ kind: 'fail', error });
    const type = res.headers.get('content-type') ?? '';
    if (res.ok && /text\/html/i.test(type)) {
      return fail(
        new AttemptError(
          'connection',
          `${server} answered with a web page instead of audio (HTTP ${res.status}, text/html): its firewall (WAF) is blocking this network. Wait a few hours or try another connection.`,
        ),
      );
    }
    if (res.status === 200) {
      // The whole file: the first answer, a server without Range, or one whose file changed (If-Range failed).
      const total = contentLength(res);
      if (o.expectedBytes !== undefined && total !== undefined && total !== o.expectedBytes) {
        return fail(new DownloadError('corruption', `${server} offers ${total} bytes for a file announced as ${o.expectedBytes} bytes.`));
      }
      return { kind: 'body', start: 0, total };
    }
    if (res.status === 206) {
      const range = parseContentRange(res.headers.get('content-range'));
      const now = validatorsOf(res);
      const changed =
        !resuming ||
        range === undefined ||
        range.start !== offset ||
        (record?.total !== undefined && range.total !== undefined && range.total !== record.total) ||
        (record?.etag !== undefined && now.etag !== undefined && now.etag !== record.etag) ||
        (!learntHere && ifRangeValue(record!) === undefined);
      if (changed) {
        const why = range === undefined ? 'without a usable Content-Range' : range.start !== offset ? `from byte ${range.start} instead of ${offset}` : 'of a file that changed';
        return fail(new AttemptError('connection', `${server} sent a partial answer ${why}; starting over.`, { restart: true }));
      }
      return { kind: 'body', start: offset, total: range.total ?? record?.total };
    }
    if (res.status === 416) {
      // Asked from past the end. With a matching If-Range, a part exactly as long as the file is complete.
      const total = parseUnsatisfiedTotal(res.headers.get('content-range'));
      if (resuming && total !== undefined && total === offset && record?.total === total) return { kind: 'complete' };
      return fail(new AttemptError('connection', `${server} refused to resume at byte ${offset}; starting over.`, { restart: true }));
    }
    const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
    switch (true) {
      case res.status === 429:
        return fail(new AttemptError('connection', `${server} asked us to slow down (HTTP 429).`, { waitMs: retryAfter ?? undefined }));
      case res.status === 401:
        return fail(new DownloadError('rejected', `${server} refused our credentials (HTTP 401); check the token in the settings.`));
      case res.status === 403:
        return fail(new AttemptError('connection', `${server} refused the URL (HTTP 403: expired or blocked).`));
      case res.status === 404 || res.status === 410:
        return fail(new DownloadError('not_found', `${server} has no such file (HTTP ${res.status}).`));
      case res.status === 408 || res.status === 409 || res.status === 425 || res.status >= 500:
        return fail(new AttemptError('connection', `${server} answered HTTP ${res.status}.`, { waitMs: retryAfter }));
      default:
        return fail(new DownloadError('rejected', `${server} refused the download (HTTP ${res.status}).`));
    }
  }
}

/** The value to send as If-Range: a strong ETag, else Last-Modified; a weak ETag cannot be used. */
function ifRangeValue(r: ResumeRecord): string | undefined {
  if (r.etag !== undefined && !r.etag.startsWith('W/')) return r.etag;
  return r.lastModified;
}

function validatorsOf(res: Response): Pick<ResumeRecord, 'etag' | 'lastModified'> {
  const etag = res.headers.get('etag') ?? undefined;
  const lastModified = res.headers.get('last-modified') ?? undefined;
  return { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
}

function contentLength(res: Response): number | undefined {
  // A compressed body's length is not the file's.
  if (res.headers.get('content-encoding')) return undefined;
  const v = res.headers.get('content-length');
  return v !== null && /^\d+$/.test(v) ? Number(v) : undefined;
}

/** `bytes a-b/n` (n may be `*`). */
export function parseContentRange(v: string | null): { start: number; end: number; total?: number } | undefined {
  const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(v?.trim() ?? '');
  if (!m) return undefined;
  return { start: Number(m[1]), end: Number(m[2]), ...(m[3] === '*' ? {} : { total: Number(m[3]) }) };
}

/** `bytes *\/n` of a 416. */
function parseUnsatisfiedTotal(v: string | null): number | undefined {
  const m = /^bytes \*\/(\d+)$/.exec(v?.trim() ?? '');
  return m ? Number(m[1]) : undefined;
}

/** Resolves when `stream` can take more, or is gone; leaves no listener behind (one wait per full buffer). */
function drainedOrClosed(stream: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

async function readRecord(path: string): Promise<ResumeRecord | undefined> {
  try {
    const parsed = ResumeRecordSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
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

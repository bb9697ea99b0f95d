// Streams a remote file into a `.part` file without holding it in memory: appends with a Range request when the
// part already has bytes, and resumes the same way when the connection breaks off mid-transfer.
import { createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { DownloadError } from '../../base';

export interface StreamToPartOptions {
  /** Opens the remote file from byte `offset` (0 = whole file). 200, 206 and 416 are all acceptable answers. */
  open(offset: number, signal: AbortSignal): Promise<Response>;
  partPath: string;
  /** The size the source announced; a part already this big is not fetched again. */
  expectedSize: number;
  signal: AbortSignal;
  /** Bytes in the part file so far (including those from an earlier attempt). */
  onBytes(total: number): void;
  /** Times to resume a transfer that broke off. */
  resumeAttempts: number;
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

/** Where a 206 starts, from `Content-Range: bytes a-b/n`. */
function rangeStart(res: Response): number | undefined {
  const m = /^bytes (\d+)-/.exec(res.headers.get('content-range') ?? '');
  return m ? Number(m[1]) : undefined;
}

/** Fetches until the server has sent all it has; returns the part file's final size. */
export async function streamToPart(o: StreamToPartOptions): Promise<number> {
  let offset = await sizeOf(o.partPath);
  if (offset > o.expectedSize) {
    await rm(o.partPath, { force: true });
    offset = 0;
  }
  if (offset > 0 && offset === o.expectedSize) return offset;

  let lastError: unknown;
  for (let attempt = 0; attempt <= o.resumeAttempts; attempt++) {
    const res = await o.open(offset, o.signal);
    if (res.status === 416) {
      // The server's file is not as long as our part claims: start over.
      await res.body?.cancel();
      await rm(o.partPath, { force: true });
      offset = 0;
      continue;
    }
    if (offset > 0 && (res.status !== 206 || rangeStart(res) !== offset)) offset = 0; // Range ignored: whole file
    if (!res.body) throw new DownloadError('connection', 'The ticket service sent no file body.');

    let written = offset;
    const counter = new Transform({
      transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
        written += chunk.length;
        o.onBytes(written);
        done(null, chunk);
      },
    });
    try {
      await pipeline(
        Readable.fromWeb(res.body as unknown as NodeReadableStream<Uint8Array>),
        counter,
        createWriteStream(o.partPath, { flags: offset > 0 ? 'a' : 'w' }),
        { signal: o.signal },
      );
      return await sizeOf(o.partPath);
    } catch (e) {
      if (o.signal.aborted) throw e;
      lastError = e;
      offset = await sizeOf(o.partPath);
      if (offset >= o.expectedSize) return offset;
    }
  }
  const why = lastError instanceof Error ? lastError.message : 'the server kept refusing the range';
  throw new DownloadError('connection', `The file transfer broke off ${o.resumeAttempts + 1} times (${why}).`);
}

// Streams a completed ticket's file: Content-Length, ETag and Last-Modified, single-range `Range` requests
// (206/416) honoured only when an `If-Range` names this version of the file, and the faults the tests ask for
// (a file cut short, a connection dropped half-way, a slow transfer).
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileValidators, ifRangeAllows } from '../fileValidators';

const CONTENT_TYPES: Record<string, string> = {
  flac: 'audio/flac',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  ogg: 'audio/ogg',
};

export interface ServeOptions {
  path: string;
  /** Bytes on disk. */
  sizeBytes: number;
  format: string;
  /** Serve only the first half, as if the stored file were damaged. */
  cutInHalf: boolean;
  /** Drop the connection after half of the requested bytes. */
  dropHalfway: boolean;
  chunkDelayMs?: number;
}

/** Parses `bytes=a-b` / `bytes=a-` / `bytes=-n` against `size`; null = unsatisfiable, undefined = no range. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return null;
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || end < start) return null;
  return { start, end };
}

export async function serveFile(req: IncomingMessage, res: ServerResponse, o: ServeOptions): Promise<void> {
  const size = o.cutInHalf ? Math.floor(o.sizeBytes / 2) : o.sizeBytes;
  const version = await fileValidators(o.path, size);
  const ifRange = req.headers['if-range'];
  const range = ifRangeAllows(typeof ifRange === 'string' ? ifRange : undefined, version) ? parseRange(req.headers.range, size) : undefined;
  const headers: Record<string, string | number> = {
    'Content-Type': CONTENT_TYPES[o.format] ?? 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    ETag: version.etag,
    'Last-Modified': version.lastModified,
  };
  if (range === null) {
    res.writeHead(416, { ...headers, 'Content-Range': `bytes */${size}` });
    res.end();
    return;
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? size - 1;
  const length = end - start + 1;
  headers['Content-Length'] = length;
  if (range) headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
  res.writeHead(range ? 206 : 200, headers);
  if (req.method === 'HEAD' || length <= 0) {
    res.end();
    return;
  }

  const stopAfter = o.dropHalfway ? Math.floor(length / 2) : length;
  const stream = createReadStream(o.path, { start, end, highWaterMark: 16 * 1024 });
  let sent = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (res.destroyed) return;
      const piece = sent + chunk.length > stopAfter ? chunk.subarray(0, stopAfter - sent) : chunk;
      sent += piece.length;
      if (piece.length > 0 && !res.write(piece)) {
        await new Promise<void>((resolve) => {
          res.once('drain', resolve);
          res.once('close', resolve);
        });
      }
      if (sent >= stopAfter && o.dropHalfway) {
        // Content-Length promised more: the client sees the connection end early.
        res.socket?.destroy();
        return;
      }
      if (o.chunkDelayMs) await sleep(o.chunkDelayMs);
    }
    res.end();
  } finally {
    stream.destroy();
  }
}

// What a static-file server (nginx, a CDN edge) says about the version of a file it serves, and how it judges an
// `If-Range` against it (RFC 9110 §13.1.5): a strong ETag `"<mtime>-<size>"` in hex as nginx makes it, and
// Last-Modified. Shared by the emulators that serve audio files with Range support.
import { stat } from 'node:fs/promises';

export interface FileValidators {
  etag: string;
  lastModified: string;
}

/** Validators of the file at `path` as served with `size` bytes (a file served cut short is another version). */
export async function fileValidators(path: string, size?: number): Promise<FileValidators> {
  const st = await stat(path);
  const bytes = size ?? st.size;
  return { etag: `"${Math.floor(st.mtimeMs / 1000).toString(16)}-${bytes.toString(16)}"`, lastModified: st.mtime.toUTCString() };
}

/**
 * Whether a Range request may be honoured: no If-Range, or one naming this version (an ETag, compared strongly,
 * or the exact Last-Modified date). Otherwise the server sends the whole file with 200.
 */
export function ifRangeAllows(ifRange: string | undefined, v: FileValidators): boolean {
  if (ifRange === undefined) return true;
  const value = ifRange.trim();
  if (value.startsWith('"') || value.startsWith('W/')) return value === v.etag;
  return value === v.lastModified;
}

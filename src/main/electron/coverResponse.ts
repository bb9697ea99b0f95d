// Electron's answer to `app://cassette/v1/covers/album/<id>?size=<n>`: the same core function and the same strict
// rules as the headless host's route, without a token (only the app's own window loads app:// pages). Pure: takes
// the core's function, returns a web Response, so it is tested under plain Node.
import { COVER_SIZES, DEFAULT_COVER_SIZE, isCoverSize, type CoverSize } from '../../shared/coverUrl';
import type { Result } from '../../shared/result';

export type CoverSource = (albumId: number, size: CoverSize) => Promise<Result<{ data: Buffer; mime: string; etag: string }>>;

const COVER_PATH = /^\/v1\/covers\/album\/([1-9][0-9]{0,15})\/?$/i;

export function isCoverRequest(pathname: string): boolean {
  return /^\/v1\//i.test(pathname);
}

function json(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error: { code, message } }), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
}

/** Parses the request exactly (unknown or repeated parameters are refused) and answers with the cover or an error. */
export async function coverResponse(url: URL, ifNoneMatch: string | null, covers: CoverSource): Promise<Response> {
  const m = COVER_PATH.exec(url.pathname);
  if (!m || !Number.isSafeInteger(Number(m[1]))) return json(404, 'not_found', 'No such cover.');
  const keys = [...url.searchParams.keys()];
  const unknown = keys.find((k) => k !== 'size');
  if (unknown !== undefined) return json(400, 'invalid_input', `unknown parameter ${JSON.stringify(unknown)}`);
  const sizes = url.searchParams.getAll('size');
  if (sizes.length > 1) return json(400, 'invalid_input', 'size: give it once');
  let size: CoverSize = DEFAULT_COVER_SIZE;
  if (sizes.length === 1) {
    const n = /^[1-9][0-9]{0,3}$/.test(sizes[0]!) ? Number(sizes[0]) : NaN;
    if (!isCoverSize(n)) return json(400, 'invalid_input', `size: must be one of ${COVER_SIZES.join(', ')}`);
    size = n;
  }
  const r = await covers(Number(m[1]), size);
  if (!r.ok) {
    if (r.error.code === 'not_found') return json(404, 'not_found', r.error.message, { 'cache-control': 'private, max-age=60' });
    return json(r.error.code === 'unavailable' ? 503 : 500, r.error.code, r.error.message);
  }
  const headers = { etag: r.data.etag, 'cache-control': 'private, max-age=600' };
  const tags = (ifNoneMatch ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (tags.includes(r.data.etag) || tags.includes('*')) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(r.data.data), { status: 200, headers: { ...headers, 'content-type': r.data.mime } });
}

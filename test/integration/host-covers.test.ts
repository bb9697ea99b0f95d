// GET /v1/covers/*: the album cover thumbnails the headless host serves — behind the same auth as every /v1 route,
// with strict parameters, validators for the browser's cache, and a cover key for <img> tags that a foreign page
// can neither obtain nor use.
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { startHeadlessHost, type HeadlessHost } from '../../src/server/headlessHost';
import { makeTone } from '../support/audio';
import { embedPicture, makeImage } from '../support/pictures';
import { openTestCore, tempDir } from '../support/testCore';

const ADMIN = 'admin-token-covers-1';
const USER = 'user-token-covers-22';

let core: Core;
let host: HeadlessHost;
let cleanup: () => Promise<void>;
let withCover: number;
let withoutCover: number;

beforeAll(async () => {
  let dir: string;
  ({ dir, cleanup } = await tempDir('cassette-covers-'));
  core = openTestCore(dir, { reconcileOnStart: false });
  const file = await makeTone(join(dir, 'music', 'Artist', 'Album', '01.mp3'), { seconds: 1, format: 'mp3' });
  await embedPicture(file, await makeImage({ width: 500, height: 500, format: 'jpeg', color: '#c02020' }));
  withCover = core.catalog.upsertAlbum({ title: 'Album', artist: { name: 'Artist' } });
  core.catalog.upsertTrack({ title: 'One', artist: { name: 'Artist' }, albumId: withCover, trackNumber: 1, localPath: file });
  const bare = await makeTone(join(dir, 'music', 'Artist', 'Bare', '01.mp3'), { seconds: 1, format: 'mp3' });
  withoutCover = core.catalog.upsertAlbum({ title: 'Bare', artist: { name: 'Artist' } });
  core.catalog.upsertTrack({ title: 'Two', artist: { name: 'Artist' }, albumId: withoutCover, trackNumber: 1, localPath: bare });
  host = await startHeadlessHost({ core, token: ADMIN, users: [{ name: 'uma', role: 'user', token: USER }] });
});
afterAll(async () => {
  await host?.close();
  await core?.close();
  await cleanup();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${host.url}${path}`, { headers });
const admin = { authorization: `Bearer ${ADMIN}` };
const coverPath = (id: number, query = '?size=96') => `/v1/covers/album/${id}${query}`;
async function errorOf(res: Response): Promise<{ code: string; message: string }> {
  return ((await res.json()) as { error: { code: string; message: string } }).error;
}

describe('GET /v1/covers/album/:id', () => {
  it('needs a token: none, a token in the query and a wrong one are 401; a user token is 403', async () => {
    expect((await get(coverPath(withCover))).status).toBe(401);
    expect((await get(`${coverPath(withCover)}&token=${ADMIN}`)).status).toBe(401);
    expect((await get(coverPath(withCover), { authorization: 'Bearer nope' })).status).toBe(401);
    const user = await get(coverPath(withCover), { authorization: `Bearer ${USER}` });
    expect(user.status).toBe(403);
    expect((await errorOf(user)).code).toBe('forbidden');
  });

  it('serves the album’s thumbnail as a JPEG of the asked size, with cache validators', async () => {
    const res = await get(coverPath(withCover), admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{32}-v\d+-96"$/);
    expect(res.headers.get('cache-control')).toBe('private, max-age=600');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 96, 96]);
    const big = await get(coverPath(withCover, ''), admin);
    expect((await sharp(Buffer.from(await big.arrayBuffer())).metadata()).width).toBe(300);
  });

  it('answers 304 without a body when the browser already has it', async () => {
    const etag = (await get(coverPath(withCover), admin)).headers.get('etag')!;
    for (const inm of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const res = await get(coverPath(withCover), { ...admin, 'if-none-match': inm });
      expect(res.status, inm).toBe(304);
      expect(res.headers.get('etag')).toBe(etag);
      expect((await res.arrayBuffer()).byteLength).toBe(0);
    }
    expect((await get(coverPath(withCover), { ...admin, 'if-none-match': '"stale"' })).status).toBe(200);
    const other = await get(coverPath(withCover, '?size=300'), { ...admin, 'if-none-match': etag });
    expect(other.status).toBe(200);
  });

  it('answers 404 for an album without a cover and for an unknown one', async () => {
    const none = await get(coverPath(withoutCover), admin);
    expect(none.status).toBe(404);
    expect(none.headers.get('cache-control')).toBe('private, max-age=60');
    expect(await errorOf(none)).toMatchObject({ code: 'not_found', message: expect.stringMatching(/has no cover/) });
    const unknown = await get(coverPath(987654), admin);
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).message).toMatch(/No album 987654/);
  });

  it('takes only exact parameters', async () => {
    const bad = [
      coverPath(withCover, '?size=97'), coverPath(withCover, '?size=096'), coverPath(withCover, '?size=96&size=96'),
      coverPath(withCover, '?size=96&foo=1'), coverPath(withCover, '?size[]=96'), coverPath(withCover, '?size='),
      '/v1/covers/album/0x10?size=96', '/v1/covers/album/01?size=96', '/v1/covers/album/0?size=96', '/v1/covers/album/-1',
    ];
    for (const path of bad) {
      const res = await get(path, admin);
      expect(res.status, path).toBe(400);
      expect((await errorOf(res)).code).toBe('invalid_input');
    }
    expect((await errorOf(await get(coverPath(withCover, '?size=97'), admin))).message).toBe('size: must be one of 96, 300');
  });
});

describe('cover keys for <img> tags', () => {
  it('are handed out for the admin token only, never cached', async () => {
    expect((await get('/v1/covers/key')).status).toBe(401);
    expect((await get('/v1/covers/key', { authorization: `Bearer ${USER}` })).status).toBe(403);
    const res = await get('/v1/covers/key', admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { key: string; expiresAt: number };
    expect(body.key).toMatch(/^[0-9a-z]+\.[A-Za-z0-9_-]{43}$/);
    expect(body.expiresAt).toBeGreaterThan(Date.now());
  });

  it('open the cover route without a header, and no other route', async () => {
    const { key } = (await (await get('/v1/covers/key', admin)).json()) as { key: string };
    const res = await get(coverPath(withCover, `?size=96&key=${key}`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect((await get(coverPath(withCover, `?size=96&key=${key.slice(0, -2)}xx`))).status).toBe(401);
    for (const path of [`/status?key=${key}`, `/v1/download/my-requests?key=${key}`, `/v1/covers/key?key=${key}`]) {
      expect((await get(path)).status, path).toBe(401);
    }
  });

  it('do not work from a foreign page: requests a browser marks cross-site or same-site are refused', async () => {
    const { key } = (await (await get('/v1/covers/key', admin)).json()) as { key: string };
    for (const site of ['cross-site', 'same-site']) {
      const res = await get(coverPath(withCover, `?size=96&key=${key}`), { 'sec-fetch-site': site });
      expect(res.status, site).toBe(403);
      expect((await errorOf(res)).code).toBe('forbidden');
      expect((await get(coverPath(withCover), { ...admin, 'sec-fetch-site': site })).status).toBe(403);
    }
    for (const site of ['same-origin', 'none']) {
      expect((await get(coverPath(withCover, `?size=96&key=${key}`), { 'sec-fetch-site': site })).status, site).toBe(200);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { err, ok } from '../../shared/result';
import type { CoverSize } from '../../shared/coverUrl';
import { coverResponse, isCoverRequest, type CoverSource } from './coverResponse';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xd9]);
const asked: [number, CoverSize][] = [];
const covers: CoverSource = async (id, size) => {
  asked.push([id, size]);
  if (id === 7) return ok({ data: JPEG, mime: 'image/jpeg', etag: `"abc-v1-${size}"` });
  if (id === 8) return err('unavailable', 'Cover thumbnails need sharp');
  return err('not_found', `Album ${id} has no cover.`);
};
const at = (path: string) => new URL(`app://cassette${path}`);

describe('app:// covers', () => {
  it('tells cover paths from renderer files', () => {
    expect(isCoverRequest('/v1/covers/album/1')).toBe(true);
    expect(isCoverRequest('/V1/covers/album/1')).toBe(true);
    expect(isCoverRequest('/index.html')).toBe(false);
    expect(isCoverRequest('/assets/v1.js')).toBe(false);
  });

  it('serves the core’s thumbnail with its validators, and 304 when the window has it', async () => {
    const res = await coverResponse(at('/v1/covers/album/7?size=96'), null, covers);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('etag')).toBe('"abc-v1-96"');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(JPEG);
    expect(asked.at(-1)).toEqual([7, 96]);
    expect((await coverResponse(at('/v1/covers/album/7?size=96'), 'W/"abc-v1-96"', covers)).status).toBe(304);
    await coverResponse(at('/v1/covers/album/7'), null, covers);
    expect(asked.at(-1)).toEqual([7, 300]);
  });

  it('answers 404 without a cover, 503 when thumbnails cannot be made', async () => {
    const none = await coverResponse(at('/v1/covers/album/3?size=96'), null, covers);
    expect(none.status).toBe(404);
    expect(await none.json()).toEqual({ error: { code: 'not_found', message: 'Album 3 has no cover.' } });
    expect((await coverResponse(at('/v1/covers/album/8?size=96'), null, covers)).status).toBe(503);
  });

  it('takes only exact parameters, before asking the core', async () => {
    const before = asked.length;
    for (const q of ['?size=97', '?size=096', '?size=96&size=96', '?size=96&key=x', '?size=', '?size=9e1']) {
      expect((await coverResponse(at(`/v1/covers/album/7${q}`), null, covers)).status, q).toBe(400);
    }
    for (const p of ['/v1/covers/album/0', '/v1/covers/album/01', '/v1/covers/album/0x10', '/v1/covers/album/7/x', '/v1/other']) {
      expect((await coverResponse(at(p), null, covers)).status, p).toBe(404);
    }
    expect(asked.length).toBe(before);
  });
});

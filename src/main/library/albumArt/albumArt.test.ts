import { copyFile, mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTone } from '../../../../test/support/audio';
import { embedPicture, makeImage, pngClaiming, writeImage } from '../../../../test/support/pictures';
import { AlbumArt, type AlbumCoverImage } from './albumArt';

const RED = '#d02010';
const BLUE = '#1030d0';
const GREEN = '#10b040';

// One tone per format, made once with ffmpeg and copied per test (spawning ffmpeg per track is the slow part).
let templates: string;
const template: Partial<Record<'mp3' | 'flac', string>> = {};
beforeAll(async () => {
  templates = await mkdtemp(join(tmpdir(), 'cassette-albumart-tones-'));
  template.mp3 = await makeTone(join(templates, 'tone.mp3'), { seconds: 1, format: 'mp3' });
  template.flac = await makeTone(join(templates, 'tone.flac'), { seconds: 1, format: 'flac' });
});
afterAll(async () => {
  await rm(templates, { recursive: true, force: true });
});

let dir: string;
let problems: string[];
let albums: Map<number, string[]>;
let art: AlbumArt;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cassette-albumart-'));
  problems = [];
  albums = new Map();
  art = new AlbumArt({ dir: join(dir, 'cache'), albumFiles: (id) => albums.get(id), onProblem: (m) => problems.push(m) });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function track(name: string, format: 'mp3' | 'flac' = 'mp3'): Promise<string> {
  const path = join(dir, 'music', name);
  await mkdir(dirname(path), { recursive: true });
  await copyFile(template[format]!, path);
  return path;
}

/** The thumbnail's size and the colour at its centre. */
async function look(image: AlbumCoverImage): Promise<{ width: number; height: number; format: string; rgb: number[] }> {
  const meta = await sharp(image.data).metadata();
  const { data } = await sharp(image.data).extract({ left: Math.floor(meta.width! / 2), top: Math.floor(meta.height! / 2), width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
  return { width: meta.width!, height: meta.height!, format: meta.format!, rgb: [...data] };
}

function near(rgb: number[], hex: string): boolean {
  const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return want.every((v, i) => Math.abs(v - rgb[i]!) < 40);
}

async function cover(id: number, size: 96 | 300 = 96): Promise<AlbumCoverImage> {
  const r = await art.cover(id, size);
  if (!r.ok) throw new Error(`expected a cover, got ${r.error.code}: ${r.error.message}`);
  return r.data;
}

// Real ffmpeg, mutagen and libvips work: generous limits for a busy machine (no timing is asserted).
describe('AlbumArt', { timeout: 30_000 }, () => {
  it('takes the picture embedded in an MP3 and serves square JPEG thumbnails at each size', async () => {
    const a = await track('A/01.mp3');
    await embedPicture(a, await makeImage({ width: 640, height: 480, format: 'jpeg', color: RED }));
    albums.set(1, [a]);
    const small = await look(await cover(1, 96));
    expect(small).toMatchObject({ width: 96, height: 96, format: 'jpeg' });
    expect(near(small.rgb, RED)).toBe(true);
    expect(await look(await cover(1, 300))).toMatchObject({ width: 300, height: 300 });
  });

  it('takes the picture embedded in a FLAC (PNG)', async () => {
    const a = await track('A/01.flac', 'flac');
    await embedPicture(a, await makeImage({ width: 200, height: 200, format: 'png', color: BLUE }), 'image/png');
    albums.set(2, [a]);
    expect(near((await look(await cover(2))).rgb, BLUE)).toBe(true);
  });

  it('prefers cover.jpg beside the files over an embedded picture', async () => {
    const a = await track('B/01.mp3');
    await embedPicture(a, await makeImage({ width: 100, height: 100, format: 'jpeg', color: RED }));
    await writeImage(join(dir, 'music', 'B', 'Cover.JPG'), { width: 500, height: 500, format: 'jpeg', color: GREEN });
    albums.set(3, [a]);
    expect(near((await look(await cover(3))).rgb, GREEN)).toBe(true);
  });

  it('finds folder.jpg / front.png when the tracks carry no picture', async () => {
    const a = await track('C/01.mp3');
    await writeImage(join(dir, 'music', 'C', 'front.png'), { width: 64, height: 64, format: 'png', color: BLUE });
    albums.set(4, [a]);
    const c = await look(await cover(4, 300));
    expect(c).toMatchObject({ width: 300, height: 300 });
    expect(near(c.rgb, BLUE)).toBe(true);
  });

  it('answers not_found for an album without a cover and for an unknown album, with different messages', async () => {
    albums.set(5, [await track('D/01.mp3')]);
    const none = await art.cover(5, 96);
    expect(none).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(!none.ok && none.error.message).toMatch(/has no cover/);
    const unknown = await art.cover(99, 96);
    expect(!unknown.ok && unknown.error.message).toMatch(/No album 99/);
  });

  it('remembers "no cover" and works it out again when a cover.jpg appears or a track changes', async () => {
    const a = await track('E/01.mp3');
    albums.set(6, [a]);
    expect((await art.cover(6, 96)).ok).toBe(false);
    const manifest = JSON.parse(await readFile(join(dir, 'cache', 'albums', '6.json'), 'utf8')) as { cover: unknown };
    expect(manifest.cover).toBeNull();

    // Retagged with a picture (size and mtime change): found.
    await embedPicture(a, await makeImage({ width: 50, height: 50, format: 'jpeg', color: RED }));
    await utimes(a, new Date(), new Date(Date.now() + 5_000));
    expect(near((await look(await cover(6))).rgb, RED)).toBe(true);

    // A cover.jpg added beside it wins from then on.
    await writeImage(join(dir, 'music', 'E', 'cover.jpg'), { width: 50, height: 50, format: 'jpeg', color: GREEN });
    expect(near((await look(await cover(6))).rgb, GREEN)).toBe(true);
  });

  it('serves a remembered cover from the cache without reading the files again while they are unchanged', async () => {
    const a = await track('F/01.mp3');
    await embedPicture(a, await makeImage({ width: 50, height: 50, format: 'jpeg', color: RED }));
    albums.set(7, [a]);
    const first = await cover(7);
    // Swap the cached thumbnail for another image: if the files were read again, the red one would come back.
    const thumb = join(dir, 'cache', 'thumbs', `${first.etag.slice(1).split('-')[0]}-v1-96.jpg`);
    await writeFile(thumb, await sharp({ create: { width: 96, height: 96, channels: 3, background: BLUE } }).jpeg().toBuffer());
    expect(near((await look(await cover(7))).rgb, BLUE)).toBe(true);
    expect((await cover(7)).etag).toBe(first.etag);

    // A deleted thumbnail is made again.
    await rm(thumb);
    expect(near((await look(await cover(7))).rgb, RED)).toBe(true);
  });

  it('skips a truncated and a garbage picture (saying why) and takes the next track’s good one', async () => {
    const good = await makeImage({ width: 300, height: 300, format: 'jpeg', color: GREEN });
    const [t1, t2, t3] = [await track('G/01.mp3'), await track('G/02.mp3'), await track('G/03.mp3')];
    await embedPicture(t1, good.subarray(0, Math.floor(good.length / 2)));
    await embedPicture(t2, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4000, 0x5a)]));
    await embedPicture(t3, good);
    albums.set(8, [t1, t2, t3]);
    expect(near((await look(await cover(8))).rgb, GREEN)).toBe(true);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('01.mp3');
    expect(problems[1]).toContain('02.mp3');
  });

  it('answers "no cover" for an album whose only picture is garbage', async () => {
    const t = await track('H/01.mp3');
    await embedPicture(t, Buffer.from('this is not an image at all'), 'image/jpeg');
    albums.set(9, [t]);
    expect(await art.cover(9, 96)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(problems.join('\n')).toMatch(/neither JPEG nor PNG/);
  });

  it('refuses a picture whose header claims billions of pixels before decoding it', async () => {
    const t = await track('I/01.mp3');
    await embedPicture(t, pngClaiming(60_000, 60_000), 'image/png');
    albums.set(10, [t]);
    expect(await art.cover(10, 96)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(problems.join('\n')).toMatch(/60000×60000 pixels \(at most 100 megapixels\)/);
  });

  it('thumbnails a real 50-megapixel cover.jpg', async () => {
    const t = await track('J/01.mp3');
    await writeImage(join(dir, 'music', 'J', 'folder.jpg'), { width: 8660, height: 5774, format: 'jpeg', color: RED });
    albums.set(11, [t]);
    const c = await look(await cover(11, 300));
    expect(c).toMatchObject({ width: 300, height: 300 });
    expect(near(c.rgb, RED)).toBe(true);
  });

  it('gives up on an album that takes too long to work out, with a message, and frees its slot', async () => {
    const t = await track('L/01.mp3');
    await embedPicture(t, await makeImage({ width: 80, height: 80, format: 'jpeg', color: BLUE }));
    albums.set(14, [t]);
    const hurried = new AlbumArt({ dir: join(dir, 'cache2'), albumFiles: (id) => albums.get(id), onProblem: (m) => problems.push(m), workTimeoutMs: 1, concurrency: 1 });
    const r = await hurried.cover(14, 96);
    expect(r).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/took longer than 0.001 s/) } });
    expect(problems.join('\n')).toMatch(/gave up after/);
    // The one slot is free again: the next album is worked out (and fails the same way) instead of waiting for ever.
    albums.set(15, [t]);
    expect(await hurried.cover(15, 96)).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('treats an album whose files are all gone as one without a cover', async () => {
    albums.set(12, [join(dir, 'music', 'gone', '01.mp3')]);
    expect(await art.cover(12, 96)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('works an album out once for concurrent requests, and remembers the answer', async () => {
    const t = await track('K/01.mp3');
    await embedPicture(t, Buffer.from('garbage, reported once per look at the files'));
    albums.set(13, [t]);
    const all = await Promise.all([art.cover(13, 96), art.cover(13, 300), art.cover(13, 96)]);
    expect(all.every((r) => !r.ok && r.error.code === 'not_found')).toBe(true);
    expect(problems).toHaveLength(1);
    await art.cover(13, 300);
    expect(problems).toHaveLength(1);
  });
});

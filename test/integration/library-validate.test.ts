// validateAudioFile against real generated audio and the usual bad downloads.
import { copyFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasFfmpegTools, validateAudioFile, type ValidationEngine } from '../../src/main/library';
import { DownloadError } from '../../src/main/base';
import { makeTone } from '../support/audio';

let dir: string;
const SECONDS = 8;
const f = (name: string): string => join(dir, name);

async function truncate(src: string, dest: string, fraction: number): Promise<void> {
  const data = await readFile(src);
  await writeFile(dest, data.subarray(0, Math.floor(data.length * fraction)));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cassette-validate-'));
  await Promise.all([
    makeTone(f('good.mp3'), { seconds: SECONDS, format: 'mp3' }),
    makeTone(f('good.flac'), { seconds: SECONDS, format: 'flac' }),
    makeTone(f('hires.flac'), { seconds: 2, format: 'flac', bitDepth: 24, sampleRate: 96000 }),
    makeTone(f('good.m4a'), { seconds: SECONDS, format: 'm4a' }),
  ]);
  await truncate(f('good.mp3'), f('truncated.mp3'), 0.4);
  await truncate(f('good.flac'), f('truncated.flac'), 0.4);
  await copyFile(f('good.flac'), f('really-flac.mp3'));
  await copyFile(f('good.mp3'), f('really-mp3.flac'));
  await writeFile(
    f('error-page.mp3'),
    '<!DOCTYPE html>\n<html><head><title>403 Forbidden</title></head><body><h1>Access denied</h1></body></html>\n',
  );
  await writeFile(f('error.flac'), '{"status":"error","code":404,"message":"Not found"}');
  await writeFile(f('empty.mp3'), '');
  await writeFile(f('noise.mp3'), Buffer.alloc(64 * 1024, 7));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function rejection(p: Promise<unknown>): Promise<DownloadError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(DownloadError);
    expect((err as DownloadError).type).toBe('corruption');
    return err as DownloadError;
  }
  throw new Error('expected the file to be rejected');
}

describe('ffmpeg is available in this environment', () => {
  it('detects ffprobe and ffmpeg', async () => {
    expect(await hasFfmpegTools()).toBe(true);
  });
});

describe.each<ValidationEngine>(['ffmpeg', 'music-metadata'])('validateAudioFile with %s', (engine) => {
  const opts = { engine };

  it('accepts a good MP3 and reports what it is', async () => {
    const info = await validateAudioFile(f('good.mp3'), { ext: 'mp3', durationSec: SECONDS }, opts);
    expect(info.codec).toBe('mp3');
    expect(info.container).toBe('mp3');
    expect(info.bitrateKbps).toBe(320);
    expect(info.sampleRate).toBe(44100);
    expect(info.durationSec).toBeGreaterThan(SECONDS - 0.5);
    expect(info.durationSec).toBeLessThan(SECONDS + 0.5);
    expect(info.bitDepth).toBeUndefined();
  });

  it('accepts a good FLAC with its bit depth', async () => {
    const info = await validateAudioFile(f('good.flac'), { ext: 'flac', durationSec: SECONDS }, opts);
    expect(info).toMatchObject({ codec: 'flac', container: 'flac', sampleRate: 44100, bitDepth: 16 });
  });

  it('reports 24-bit 96 kHz FLAC', async () => {
    const info = await validateAudioFile(f('hires.flac'), { ext: 'flac' }, opts);
    expect(info).toMatchObject({ codec: 'flac', sampleRate: 96000, bitDepth: 24 });
  });

  it('accepts AAC in .m4a', async () => {
    const info = await validateAudioFile(f('good.m4a'), { ext: 'm4a', durationSec: SECONDS }, opts);
    expect(info).toMatchObject({ codec: 'aac', container: 'mp4' });
  });

  it('accepts an exact expected size and rejects a wrong one', async () => {
    const { size } = await stat(f('good.mp3'));
    await expect(validateAudioFile(f('good.mp3'), { ext: 'mp3', expectedSize: size }, opts)).resolves.toBeDefined();
    const err = await rejection(validateAudioFile(f('good.mp3'), { ext: 'mp3', expectedSize: size + 1000 }, opts));
    expect(err.message).toMatch(/bytes but the source announced/);
  });

  it('rejects an MP3 cut off at 40 %', async () => {
    const err = await rejection(validateAudioFile(f('truncated.mp3'), { ext: 'mp3' }, opts));
    expect(err.message).toMatch(/truncated/i);
  });

  it('rejects a FLAC file named .mp3', async () => {
    const err = await rejection(validateAudioFile(f('really-flac.mp3'), { ext: 'mp3' }, opts));
    expect(err.message).toMatch(/named \.mp3/);
  });

  it('rejects an MP3 file named .flac', async () => {
    await rejection(validateAudioFile(f('really-mp3.flac'), { ext: 'flac' }, opts));
  });

  it('rejects an HTML error page named .mp3, saying so', async () => {
    const err = await rejection(validateAudioFile(f('error-page.mp3'), { ext: 'mp3' }, opts));
    expect(err.message).toMatch(/web page/);
  });

  it('rejects a JSON error body named .flac', async () => {
    const err = await rejection(validateAudioFile(f('error.flac'), { ext: 'flac' }, opts));
    expect(err.message).toMatch(/JSON/);
  });

  it('rejects bytes that are not audio at all', async () => {
    await rejection(validateAudioFile(f('noise.mp3'), { ext: 'mp3' }, opts));
  });

  it('rejects a file whose length is far from the track (preview or wrong track)', async () => {
    const err = await rejection(validateAudioFile(f('good.mp3'), { ext: 'mp3', durationSec: 215 }, opts));
    expect(err.message).toMatch(/plays 8(\.\d)? s but the track lasts 215 s/);
  });

  it('allows ±3 s on short tracks and ±3 % on long ones', async () => {
    await expect(validateAudioFile(f('good.mp3'), { ext: 'mp3', durationSec: SECONDS + 2.5 }, opts)).resolves.toBeDefined();
    await rejection(validateAudioFile(f('good.mp3'), { ext: 'mp3', durationSec: SECONDS + 4 }, opts));
  });

  it('rejects empty and missing files', async () => {
    expect((await rejection(validateAudioFile(f('empty.mp3'), { ext: 'mp3' }, opts))).message).toMatch(/empty/);
    expect((await rejection(validateAudioFile(f('absent.mp3'), { ext: 'mp3' }, opts))).message).toMatch(/missing/);
  });
});

describe('decoding with ffmpeg', () => {
  it('rejects a FLAC cut off at 40 % (decoder errors)', async () => {
    const err = await rejection(validateAudioFile(f('truncated.flac'), { ext: 'flac' }, { engine: 'ffmpeg' }));
    expect(err.message).toMatch(/decode|truncated/i);
  });
});

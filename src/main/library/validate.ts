// Decides whether a fetched file is the audio it claims to be: present, the announced size, the right
// container and codec for its extension, decodable to the end, and about as long as the track.
// Uses ffprobe + ffmpeg when installed (checked once), otherwise music-metadata.
import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { parseStream } from 'music-metadata';
import { z } from 'zod';
import { DownloadError, type AudioClaim } from '../base';

const run = promisify(execFile);

export interface AudioInfo {
  /** Normalised codec: mp3, flac, aac, alac, vorbis, opus, ... */
  codec: string;
  /** Normalised container: mp3, flac, mp4, ogg, ... */
  container: string;
  durationSec: number;
  bitrateKbps: number;
  sampleRate: number;
  bitDepth?: number;
}

export type ValidationEngine = 'ffmpeg' | 'music-metadata';

export interface ValidateOptions {
  /** Force an engine (tests, or a user setting); default: ffmpeg when installed. */
  engine?: ValidationEngine;
  /** Timeout for each ffprobe/ffmpeg run. */
  timeoutMs?: number;
}

/** What each extension may contain. Unknown extensions are only checked for decoding and duration. */
const EXPECTED_FORMATS: Record<string, { containers: string[]; codecs: string[] }> = {
  mp3: { containers: ['mp3'], codecs: ['mp3'] },
  flac: { containers: ['flac'], codecs: ['flac'] },
  m4a: { containers: ['mp4'], codecs: ['aac', 'alac'] },
  ogg: { containers: ['ogg'], codecs: ['vorbis', 'opus', 'flac'] },
  opus: { containers: ['ogg'], codecs: ['opus'] },
};

/** ±3 s or ±3 %, whichever is larger. */
export function durationToleranceSec(expectedSec: number): number {
  return Math.max(3, expectedSec * 0.03);
}

let ffmpegAvailable: Promise<boolean> | undefined;

/** Whether ffprobe and ffmpeg can be run; checked once per process. */
export function hasFfmpegTools(): Promise<boolean> {
  ffmpegAvailable ??= Promise.all([run('ffprobe', ['-version']), run('ffmpeg', ['-version'])]).then(
    () => true,
    () => false,
  );
  return ffmpegAvailable;
}

function corruption(message: string): DownloadError {
  return new DownloadError('corruption', message);
}

function round(n: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** A server error page or JSON body saved under an audio name is the most common "corrupt download". */
async function sniffNonAudio(path: string): Promise<string | undefined> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(512), 0, 512, 0);
    const head = buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
    if (head.startsWith('<')) {
      return 'it is a web page (HTML/XML), not audio: the server probably sent an error page';
    }
    if (head.startsWith('{') || head.startsWith('[')) return 'it is a JSON document, not audio';
    return undefined;
  } finally {
    await handle.close();
  }
}

// ffprobe -print_format json: only what we read; everything else passes through.
const ffprobeOutput = z.object({
  streams: z
    .array(
      z.object({
        codec_name: z.string().optional(),
        sample_rate: z.string().optional(),
        bits_per_raw_sample: z.string().optional(),
        bits_per_sample: z.number().optional(),
        bit_rate: z.string().optional(),
        duration: z.string().optional(),
      }),
    )
    .default([]),
  format: z.object({
    format_name: z.string(),
    duration: z.string().optional(),
    bit_rate: z.string().optional(),
  }),
});

function normaliseFfmpegContainer(formatName: string): string {
  const names = formatName.split(',');
  if (names.includes('mp4') || names.includes('mov')) return 'mp4';
  return names[0] ?? formatName;
}

function toNumber(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

interface Probed extends AudioInfo {
  /** Duration the headers announce, before decoding. */
  headerDurationSec: number;
}

function execErrorText(err: unknown): string {
  const e = err as { stderr?: unknown; message?: unknown };
  const stderr = typeof e.stderr === 'string' ? e.stderr.trim() : '';
  return stderr !== '' ? stderr : String(e.message ?? err);
}

function firstLine(s: string): string {
  return s.split('\n').find((l) => l.trim() !== '')?.trim() ?? s;
}

async function probeWithFfprobe(path: string, timeout: number): Promise<Probed> {
  let stdout: string;
  try {
    ({ stdout } = await run(
      'ffprobe',
      ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '-select_streams', 'a:0', '-i', `file:${path}`],
      { timeout, maxBuffer: 8 * 1024 * 1024 },
    ));
  } catch (err) {
    throw corruption(`The file is not readable audio (${firstLine(execErrorText(err))}).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    json = undefined;
  }
  const parsed = ffprobeOutput.safeParse(json);
  if (!parsed.success) throw corruption('The file is not readable audio (unexpected ffprobe output).');
  const { streams, format } = parsed.data;
  const stream = streams[0];
  if (!stream?.codec_name) throw corruption('The file contains no audio stream.');
  const duration = toNumber(format.duration) ?? toNumber(stream.duration) ?? 0;
  const bitRate = toNumber(stream.bit_rate) ?? toNumber(format.bit_rate) ?? 0;
  const bitDepth = toNumber(stream.bits_per_raw_sample) || stream.bits_per_sample || undefined;
  return {
    codec: stream.codec_name,
    container: normaliseFfmpegContainer(format.format_name),
    durationSec: duration,
    headerDurationSec: duration,
    bitrateKbps: Math.round(bitRate / 1000),
    sampleRate: toNumber(stream.sample_rate) ?? 0,
    ...(bitDepth ? { bitDepth } : {}),
  };
}

/** Decodes the whole first audio stream; returns the decoded length, throws on decoder errors. */
async function decodeWithFfmpeg(path: string, timeout: number): Promise<number> {
  const args = ['-nostdin', '-hide_banner', '-v', 'error', '-i', `file:${path}`, '-map', '0:a:0', '-f', 'null',
    '-progress', 'pipe:1', '-nostats', '-'];
  let stdout: string;
  let stderr: string;
  try {
    ({ stdout, stderr } = await run('ffmpeg', args, { timeout, maxBuffer: 16 * 1024 * 1024 }));
  } catch (err) {
    throw corruption(`The file does not decode (${firstLine(execErrorText(err))}).`);
  }
  if (stderr.trim() !== '') throw corruption(`The file does not decode cleanly (${firstLine(stderr)}).`);
  const times = [...stdout.matchAll(/^out_time_us=(\d+)$/gm)];
  const last = times.at(-1)?.[1];
  return last === undefined ? 0 : Number(last) / 1e6;
}

function normaliseMmCodec(codec: string | undefined): string {
  const c = (codec ?? '').toLowerCase();
  if (/layer 3/.test(c)) return 'mp3';
  if (/layer [12]/.test(c)) return 'mp2';
  if (c.includes('alac')) return 'alac';
  if (c.includes('aac')) return 'aac';
  if (c.startsWith('vorbis')) return 'vorbis';
  if (c.startsWith('opus')) return 'opus';
  if (c.startsWith('flac')) return 'flac';
  return c;
}

function normaliseMmContainer(container: string | undefined, codec: string): string {
  const c = (container ?? '').toLowerCase();
  if (c === 'mpeg') return codec === 'mp3' ? 'mp3' : 'mpeg';
  if (c.startsWith('m4a') || c.startsWith('mp4') || c.startsWith('isom') || c.startsWith('m4b')) return 'mp4';
  return c.split('/')[0] ?? c;
}

async function probeWithMusicMetadata(path: string, sizeBytes: number): Promise<Probed> {
  // A stream without a file name: music-metadata then detects the format from the bytes, not the extension.
  const file = createReadStream(path);
  const anonymous = file.pipe(new PassThrough());
  let meta;
  try {
    meta = await parseStream(anonymous, { size: sizeBytes }, { duration: true, skipCovers: true });
  } catch (err) {
    throw corruption(`The file is not readable audio (${err instanceof Error ? err.message : String(err)}).`);
  } finally {
    file.destroy();
    anonymous.destroy();
  }
  const f = meta.format;
  const codec = normaliseMmCodec(f.codec);
  const container = normaliseMmContainer(f.container, codec);
  const duration = f.duration ?? 0;
  if (!f.container || !f.codec) throw corruption('The file is not readable audio (unknown format).');
  if (!(duration > 0)) throw corruption('The file does not decode (no playable audio found).');
  // Constant-bitrate MP3: the frames announce the bitrate, so a cut-off file is visibly too small.
  if (codec === 'mp3' && f.codecProfile === 'CBR' && f.bitrate) {
    const expectedBytes = (f.bitrate / 8) * duration;
    if (sizeBytes < expectedBytes * 0.9) {
      throw corruption(
        `The file is truncated: ${sizeBytes} bytes where ${Math.round(expectedBytes)} are needed for ${round(duration, 1)} s.`,
      );
    }
  }
  return {
    codec,
    container,
    durationSec: duration,
    headerDurationSec: duration,
    bitrateKbps: Math.round((f.bitrate ?? 0) / 1000),
    sampleRate: f.sampleRate ?? 0,
    ...(f.bitsPerSample && f.lossless ? { bitDepth: f.bitsPerSample } : {}),
  };
}

/**
 * Throws DownloadError('corruption') unless the file at `path` holds what `claim` says; returns what it found.
 */
export async function validateAudioFile(path: string, claim: AudioClaim, options: ValidateOptions = {}): Promise<AudioInfo> {
  const file = resolve(path);
  const timeout = options.timeoutMs ?? 120_000;
  let sizeBytes: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw corruption('The downloaded file is not a regular file.');
    sizeBytes = info.size;
  } catch (err) {
    if (err instanceof DownloadError) throw err;
    throw corruption('The downloaded file is missing.');
  }
  if (sizeBytes === 0) throw corruption('The downloaded file is empty.');
  if (claim.expectedSize !== undefined && sizeBytes !== claim.expectedSize) {
    throw corruption(`The file has ${sizeBytes} bytes but the source announced ${claim.expectedSize}.`);
  }
  const notAudio = await sniffNonAudio(file);
  if (notAudio) throw corruption(`The file named .${claim.ext} is not audio: ${notAudio}.`);

  const engine = options.engine ?? ((await hasFfmpegTools()) ? 'ffmpeg' : 'music-metadata');
  const probed = engine === 'ffmpeg' ? await probeWithFfprobe(file, timeout) : await probeWithMusicMetadata(file, sizeBytes);

  const ext = claim.ext.toLowerCase().replace(/^\./, '');
  const expected = EXPECTED_FORMATS[ext];
  if (expected && (!expected.containers.includes(probed.container) || !expected.codecs.includes(probed.codec))) {
    throw corruption(
      `The file is named .${ext} but contains ${probed.codec.toUpperCase()} audio in a ${probed.container} container.`,
    );
  }

  let durationSec = probed.durationSec;
  if (engine === 'ffmpeg') {
    const decoded = await decodeWithFfmpeg(file, timeout);
    if (!(decoded > 0)) throw corruption('The file does not decode (no audio frames).');
    // Headers (Xing/Info, STREAMINFO) give the full length; a cut-off file decodes to less.
    if (probed.headerDurationSec > 0 && probed.headerDurationSec - decoded > durationToleranceSec(probed.headerDurationSec)) {
      throw corruption(
        `The file is truncated: it plays ${round(decoded, 1)} s of the ${round(probed.headerDurationSec, 1)} s its header announces.`,
      );
    }
    durationSec = decoded;
  }

  if (claim.durationSec !== undefined && claim.durationSec > 0) {
    if (Math.abs(durationSec - claim.durationSec) > durationToleranceSec(claim.durationSec)) {
      throw corruption(
        `The file plays ${round(durationSec, 1)} s but the track lasts ${round(claim.durationSec, 1)} s (wrong track, preview or cut-off file).`,
      );
    }
  }

  return {
    codec: probed.codec,
    container: probed.container,
    durationSec: round(durationSec),
    bitrateKbps: probed.bitrateKbps,
    sampleRate: probed.sampleRate,
    ...(probed.bitDepth !== undefined ? { bitDepth: probed.bitDepth } : {}),
  };
}

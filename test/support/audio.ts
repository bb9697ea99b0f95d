// Makes real, playable audio files for tests and emulators with ffmpeg (a sine tone of a chosen length).
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ToneOptions {
  seconds: number;
  /** mp3 (320k CBR by default), flac (16-bit 44.1 kHz) or m4a/ogg. */
  format: 'mp3' | 'flac' | 'ogg' | 'm4a';
  bitrateKbps?: number;
  frequencyHz?: number;
  sampleRate?: number;
  bitDepth?: 16 | 24;
}

export async function makeTone(path: string, o: ToneOptions): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  const args = ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i',
    `sine=frequency=${o.frequencyHz ?? 440}:sample_rate=${o.sampleRate ?? 44100}:duration=${o.seconds}`];
  if (o.format === 'mp3') args.push('-c:a', 'libmp3lame', '-b:a', `${o.bitrateKbps ?? 320}k`);
  if (o.format === 'flac') args.push('-c:a', 'flac', '-sample_fmt', o.bitDepth === 24 ? 's32' : 's16');
  if (o.format === 'ogg') args.push('-c:a', 'libvorbis');
  if (o.format === 'm4a') args.push('-c:a', 'aac', '-b:a', `${o.bitrateKbps ?? 256}k`);
  args.push(path);
  await run('ffmpeg', args);
  return path;
}

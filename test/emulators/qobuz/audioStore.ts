// Real, playable files for the emulated CDN, made with makeTone on first request and kept in a temp dir.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTone } from '../../support/audio';

export type EmuAudioFormat = 'mp3' | 'flac';

export interface AudioFile {
  path: string;
  size: number;
}

export class AudioStore {
  private readonly files = new Map<string, Promise<AudioFile>>();
  private dir: Promise<string> | undefined;

  /** perTrack=false shares one file per (format, duration): a benchmark of thousands of tracks stays cheap. */
  constructor(private readonly perTrack = true) {}

  file(trackId: number, format: EmuAudioFormat, seconds: number): Promise<AudioFile> {
    const freq = this.perTrack ? 220 + (trackId % 50) * 10 : 440;
    const key = `${format}-${seconds}s-${freq}hz`;
    let f = this.files.get(key);
    if (!f) {
      f = this.make(key, format, seconds, freq);
      this.files.set(key, f);
      f.catch(() => this.files.delete(key));
    }
    return f;
  }

  /** One 600x600 JPEG for every cover URL. */
  cover(): Promise<AudioFile> {
    let f = this.files.get('cover');
    if (!f) {
      f = (async () => {
        const dir = await this.ensureDir();
        const path = join(dir, 'cover.jpg');
        await new Promise<void>((resolve, reject) =>
          execFile('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=0x3060a0:s=600x600', '-frames:v', '1', path], (e) =>
            e ? reject(e) : resolve(),
          ),
        );
        return { path, size: (await stat(path)).size };
      })();
      this.files.set('cover', f);
    }
    return f;
  }

  async close(): Promise<void> {
    if (this.dir) await rm(await this.dir, { recursive: true, force: true });
  }

  private ensureDir(): Promise<string> {
    this.dir ??= mkdtemp(join(tmpdir(), 'qobuz-emu-audio-'));
    return this.dir;
  }

  private async make(key: string, format: EmuAudioFormat, seconds: number, freq: number): Promise<AudioFile> {
    const path = join(await this.ensureDir(), `${key}.${format}`);
    await makeTone(path, { seconds, format, frequencyHz: freq });
    return { path, size: (await stat(path)).size };
  }
}

// Real audio files for the ticket emulator, made once per (format, length) with ffmpeg and served from disk.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTone } from '../../support/audio';
import type { AudioFormat } from './wire';

export class ToneFiles {
  private readonly made = new Map<string, Promise<string>>();
  private dir: Promise<string> | undefined;

  /** `dir`: where to write; by default a fresh temp folder removed by `close()`. */
  constructor(private readonly sharedDir?: string) {}

  /** Path of a playable file of this format and length, generated on first use. */
  path(format: AudioFormat, seconds: number): Promise<string> {
    const key = `${format}-${seconds}`;
    let entry = this.made.get(key);
    if (!entry) {
      entry = this.generate(key, format, seconds);
      this.made.set(key, entry);
      entry.catch(() => this.made.delete(key));
    }
    return entry;
  }

  async close(): Promise<void> {
    // Let running ffmpeg processes finish before the folder goes.
    await Promise.allSettled(this.made.values());
    if (this.dir && !this.sharedDir) await rm(await this.dir, { recursive: true, force: true });
  }

  private async generate(key: string, format: AudioFormat, seconds: number): Promise<string> {
    this.dir ??= this.sharedDir ? Promise.resolve(this.sharedDir) : mkdtemp(join(tmpdir(), 'tickets-emu-'));
    const path = join(await this.dir, `${key.replace(/[^\w.-]/g, '_')}.${format}`);
    return makeTone(path, { format, seconds });
  }
}

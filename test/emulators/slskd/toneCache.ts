// Generates each distinct audio spec once (ffmpeg via makeTone) and hands out its bytes.
import { mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTone } from '../../support/audio';
import type { AudioSpec } from './catalogue';

export class ToneCache {
  private readonly entries = new Map<string, Promise<Buffer>>();
  private dir: Promise<string> | undefined;

  constructor(private readonly sharedDir?: string) {}

  /** The bytes of a real audio file matching `spec`, generated on first use. */
  bytes(spec: AudioSpec): Promise<Buffer> {
    const key = specKey(spec);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = this.generate(key, spec);
      this.entries.set(key, entry);
      entry.catch(() => this.entries.delete(key));
    }
    return entry;
  }

  /** Removes the generated files (unless the directory was shared in by the caller). */
  async close(): Promise<void> {
    if (this.dir && !this.sharedDir) await rm(await this.dir, { recursive: true, force: true });
  }

  private async generate(key: string, spec: AudioSpec): Promise<Buffer> {
    this.dir ??= this.sharedDir ? Promise.resolve(this.sharedDir) : mkdtemp(join(tmpdir(), 'slskd-emu-tones-'));
    const path = join(await this.dir, `${key}.${spec.format}`);
    const existing = await readFile(path).catch(() => undefined);
    if (existing) return existing;
    // Generate beside the final name, then rename: another emulator sharing the directory never reads half a file.
    const temp = join(await this.dir, `.${process.pid}-${Math.random().toString(36).slice(2)}-${key}.${spec.format}`);
    await makeTone(temp, {
      seconds: spec.seconds,
      format: spec.format,
      bitrateKbps: spec.bitrateKbps,
      bitDepth: spec.bitDepth,
      sampleRate: spec.sampleRate,
      frequencyHz: spec.frequencyHz,
    });
    await rename(temp, path);
    return readFile(path);
  }
}

function specKey(s: AudioSpec): string {
  return [s.format, s.seconds, s.bitrateKbps ?? '', s.bitDepth ?? '', s.sampleRate ?? '', s.frequencyHz ?? '']
    .join('_')
    .replace(/[^\w.-]/g, '');
}

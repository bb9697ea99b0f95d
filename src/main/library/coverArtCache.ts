// Album covers for tagging, for every download flow: fetched once per URL with the project's HTTP client, kept in
// a small in-memory LRU while an album's tracks are tagged and, when given a folder, on disk across runs (an
// album fetched track by track from Soulseek over days asks for its cover once). A cover is never worth failing
// a track for: any problem is reported and the track is tagged without one.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HttpClient, type HttpClientOptions } from '../net';
import type { CoverArt } from './tags';

const MAX_COVER_BYTES = 10 * 1024 * 1024;

export interface CoverArtCacheOptions {
  /** Folder for covers kept across runs (e.g. `<cache>/covers`); memory only when absent. */
  dir?: string;
  /** Covers kept in memory. */
  capacity?: number;
  onProblem?: (message: string) => void;
  http?: Pick<HttpClientOptions, 'timeoutMs' | 'retries' | 'backoffLimitMs'>;
}

/** The image type by its first bytes; content types of CDNs are not to be trusted. */
export function sniffImageMime(data: Uint8Array): 'image/jpeg' | 'image/png' | undefined {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (data.length >= png.length && png.every((b, i) => data[i] === b)) return 'image/png';
  return undefined;
}

export class CoverArtCache {
  private readonly entries = new Map<string, Promise<CoverArt | undefined>>();
  private readonly clients = new Map<string, HttpClient>();
  private readonly capacity: number;
  private readonly onProblem: (message: string) => void;

  constructor(private readonly options: CoverArtCacheOptions = {}) {
    this.capacity = options.capacity ?? 8;
    this.onProblem = options.onProblem ?? (() => {});
  }

  /** The cover at `url`, or undefined when it cannot be had. */
  get(url: string | undefined | null): Promise<CoverArt | undefined> {
    if (!url) return Promise.resolve(undefined);
    const hit = this.entries.get(url);
    if (hit) {
      this.entries.delete(url);
      this.entries.set(url, hit);
      return hit;
    }
    const p = this.load(url);
    this.entries.set(url, p);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return p;
  }

  private async load(url: string): Promise<CoverArt | undefined> {
    const file = this.options.dir ? join(this.options.dir, createHash('sha256').update(url).digest('hex').slice(0, 40)) : undefined;
    if (file) {
      const kept = await readFile(file).catch(() => undefined);
      const mime = kept ? sniffImageMime(kept) : undefined;
      if (kept && mime && kept.length <= MAX_COVER_BYTES) return { data: kept, mime };
    }
    const cover = await this.fetch(url);
    if (cover && file && this.options.dir) await this.keep(this.options.dir, file, cover.data);
    return cover;
  }

  private async fetch(url: string): Promise<CoverArt | undefined> {
    try {
      const u = new URL(url);
      if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error(`unsupported address (${u.protocol})`);
      let client = this.clients.get(u.origin);
      if (!client) {
        client = new HttpClient({ baseUrl: u.origin, timeoutMs: 20_000, retries: 3, backoffLimitMs: 5_000, ...this.options.http });
        this.clients.set(u.origin, client);
      }
      const res = await client.raw(`${u.pathname}${u.search}`, { headers: { Accept: 'image/jpeg,image/png' } });
      const data = Buffer.from(await res.arrayBuffer());
      if (data.length === 0 || data.length > MAX_COVER_BYTES) throw new Error(`unexpected size ${data.length} bytes`);
      const mime = sniffImageMime(data);
      if (!mime) throw new Error(`not a JPEG or PNG image (${res.headers.get('content-type') || 'no content type'})`);
      return { data, mime };
    } catch (e) {
      this.onProblem(`Could not fetch the cover ${url}: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  /** Written beside and renamed, so a crash never leaves half an image under the cover's name. */
  private async keep(dir: string, file: string, data: Buffer): Promise<void> {
    const temp = `${file}.${process.pid}.tmp`;
    try {
      await mkdir(dir, { recursive: true });
      await writeFile(temp, data);
      await rename(temp, file);
    } catch (e) {
      await rm(temp, { force: true }).catch(() => undefined);
      this.onProblem(`Could not keep the cover in ${dir}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

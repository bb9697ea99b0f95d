// Album covers for tagging: fetched once per album and kept while that album's tracks are being tagged
// (a small LRU, so a sync of thousands of albums never holds thousands of images).
import { HttpClient } from '../../net';
import type { CoverArt } from '../../library';

const MAX_COVER_BYTES = 10 * 1024 * 1024;

export class CoverCache {
  private readonly entries = new Map<string, Promise<CoverArt | undefined>>();
  private readonly clients = new Map<string, HttpClient>();

  constructor(
    private readonly onProblem: (message: string) => void = () => {},
    private readonly capacity = 8,
  ) {}

  /** The cover at `url`, or undefined when it cannot be had (a track is never failed for its cover). */
  get(url: string | undefined | null): Promise<CoverArt | undefined> {
    if (!url) return Promise.resolve(undefined);
    const hit = this.entries.get(url);
    if (hit) {
      this.entries.delete(url);
      this.entries.set(url, hit);
      return hit;
    }
    const p = this.fetch(url);
    this.entries.set(url, p);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return p;
  }

  private async fetch(url: string): Promise<CoverArt | undefined> {
    try {
      const u = new URL(url);
      let client = this.clients.get(u.origin);
      if (!client) {
        client = new HttpClient({ baseUrl: u.origin, timeoutMs: 20_000, retries: 3, backoffLimitMs: 5_000 });
        this.clients.set(u.origin, client);
      }
      const res = await client.raw(`${u.pathname}${u.search}`, { headers: { Accept: 'image/jpeg,image/png' } });
      const mime = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      const data = Buffer.from(await res.arrayBuffer());
      if (mime !== 'image/jpeg' && mime !== 'image/png') throw new Error(`not an image (${mime || 'no content type'})`);
      if (data.length === 0 || data.length > MAX_COVER_BYTES) throw new Error(`unexpected size ${data.length} bytes`);
      return { data, mime };
    } catch (e) {
      this.onProblem(`Could not fetch the cover ${url}: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }
}

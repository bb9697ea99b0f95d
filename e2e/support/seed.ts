// Builders for e2e catalog and queue states: downloaded tracks with real files, queued, running, failed and
// finished downloads. They go through the core's own stores, as the app would.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Core } from '../../src/main/core';

const pad = (n: number) => String(n).padStart(5, '0');

export interface SeededTrack {
  id: number;
  title: string;
  artist: string;
  path?: string;
}

/** Tracks on disk: small files whose size the catalog records (reconcile compares it). */
export async function seedDownloadedTracks(core: Core, dir: string, count: number, opts: { artists?: number } = {}): Promise<SeededTrack[]> {
  await mkdir(dir, { recursive: true });
  const out: SeededTrack[] = [];
  for (let i = 1; i <= count; i++) {
    const artist = `Artist ${((i - 1) % (opts.artists ?? 3)) + 1}`;
    const title = `Song ${pad(i)}`;
    const path = join(dir, `${artist} - ${title}.mp3`);
    const bytes = Buffer.alloc(2048 + i, i % 251);
    await writeFile(path, bytes);
    const albumId = core.catalog.upsertAlbum({ title: `Album ${((i - 1) % 2) + 1}`, artist: { name: artist } });
    const id = core.catalog.upsertTrack({ title, artist: { name: artist }, albumId, trackNumber: i, localPath: path, sizeBytes: bytes.length });
    out.push({ id, title, artist, path });
  }
  core.events.catalogChanged();
  return out;
}

/** Missing tracks with a pending request each, in one transaction (10,000 take well under a second). */
export function seedQueuedTracks(core: Core, count: number, opts: { prefix?: string; source?: 'slskd' | 'qobuz' | 'tickets'; priority?: 1 | 2 | 3 | 4 } = {}): SeededTrack[] {
  const out: SeededTrack[] = [];
  core.db.transaction(() => {
    for (let i = 1; i <= count; i++) {
      const artist = `Queued Artist ${((i - 1) % 50) + 1}`;
      const title = `${opts.prefix ?? 'Track'} ${pad(i)}`;
      const id = core.catalog.upsertTrack({ title, artist: { name: artist } });
      core.queue.enqueueTrack({ trackId: id, source: opts.source ?? 'slskd', priority: opts.priority ?? 4, requestSource: 'reconcile', requestedBy: 'system' });
      out.push({ id, title, artist });
    }
  })();
  core.events.catalogChanged();
  return out;
}

/** One request that ran and failed for good (not_found is never retried), with the candidates it tried. */
export function seedFailedDownload(core: Core, o: { title: string; artist: string; message: string; tried: string[] }): SeededTrack {
  const id = core.catalog.upsertTrack({ title: o.title, artist: { name: o.artist } });
  const { item } = core.queue.enqueueTrack({ trackId: id, source: 'slskd', priority: 1 });
  const claimed = core.queue.claimNext('slskd');
  if (claimed?.id !== item.id) throw new Error('seedFailedDownload: expected to claim the urgent request first');
  core.queue.markFailed(item.id, { type: 'not_found', message: o.message, tried: o.tried });
  core.events.catalogChanged();
  return { id, title: o.title, artist: o.artist };
}

/** One request in progress with some bytes in (it stays "running": the processor is off in tests). */
export function seedActiveDownload(core: Core, o: { title: string; artist: string; bytes: number; total: number; detail?: string; source?: 'slskd' | 'qobuz' | 'tickets' }): SeededTrack {
  const id = core.catalog.upsertTrack({ title: o.title, artist: { name: o.artist } });
  const source = o.source ?? 'slskd';
  const { item } = core.queue.enqueueTrack({ trackId: id, source, priority: 1 });
  const claimed = core.queue.claimNext(source);
  if (claimed?.id !== item.id) throw new Error('seedActiveDownload: expected to claim the urgent request first');
  core.queue.heartbeat(item.id, { bytesDownloaded: o.bytes, bytesTotal: o.total, detail: o.detail });
  core.events.catalogChanged();
  return { id, title: o.title, artist: o.artist };
}

/** One request that completed into `path`. */
export async function seedFinishedDownload(core: Core, dir: string, o: { title: string; artist: string }): Promise<SeededTrack> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${o.artist} - ${o.title}.flac`);
  const bytes = Buffer.alloc(40_000, 7);
  await writeFile(path, bytes);
  const id = core.catalog.upsertTrack({ title: o.title, artist: { name: o.artist } });
  const { item } = core.queue.enqueueTrack({ trackId: id, source: 'qobuz', priority: 1 });
  const claimed = core.queue.claimNext('qobuz');
  if (claimed?.id !== item.id) throw new Error('seedFinishedDownload: expected to claim the urgent request first');
  core.queue.markCompleted(item.id, { path, sizeBytes: bytes.length });
  core.events.catalogChanged();
  return { id, title: o.title, artist: o.artist, path };
}

/** One request whose attempt failed with a retryable error: it waits for its cooldown. */
export function seedRetryWaiting(core: Core, o: { title: string; artist: string; message: string; tried?: string[] }): SeededTrack {
  const id = core.catalog.upsertTrack({ title: o.title, artist: { name: o.artist } });
  const { item } = core.queue.enqueueTrack({ trackId: id, source: 'slskd', priority: 1 });
  const claimed = core.queue.claimNext('slskd');
  if (claimed?.id !== item.id) throw new Error('seedRetryWaiting: expected to claim the urgent request first');
  core.queue.markFailed(item.id, { type: 'timeout', message: o.message, tried: o.tried });
  core.events.catalogChanged();
  return { id, title: o.title, artist: o.artist };
}

// npm run bench:queue — enqueue 100,000 items, then claim/complete them with 8 concurrent workers against a
// no-op source: (1) the real QueueProcessor running 8 jobs at once in one process (how the app runs), and
// (2) 8 threads with separate SQLite connections (how two processes sharing a catalog would contend).
// JSON result on the last line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { openDatabase } from '../src/main/db';
import { CatalogStore } from '../src/main/catalog';
import { QueueStore } from '../src/main/queue';
import { systemClock, silentLogger } from '../src/main/base';
import { QueueProcessor } from '../src/main/queue';
import type { DownloadSource } from '../src/main/base';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 8);
const root = mkdtempSync(join(tmpdir(), 'cassette-bench-queue-'));
try {
  const build = (dbPath: string) => {
  const db = openDatabase(dbPath);
  const catalog = new CatalogStore(db, systemClock);
  const store = new QueueStore(db, systemClock, catalog);
  const now = Date.now();
  const artist = catalog.upsertArtist({ name: 'Bench' });
  const insertTrack = db.prepare(`INSERT INTO tracks (title, artist_id, track_key, status, created_at, updated_at) VALUES (?, ?, ?, 'missing', ?, ?)`);
  const t0 = performance.now();
  db.transaction(() => {
    for (let i = 0; i < ITEMS; i++) {
      const id = Number(insertTrack.run(`T${i}`, artist, `k${i}`, now, now).lastInsertRowid);
      store.enqueueTrack({ trackId: id, source: 'slskd', priority: ((i % 4) + 1) as 1 | 2 | 3 | 4 });
    }
  })();
  const enqueueMs = performance.now() - t0;
  return { db, store, catalog, enqueueMs };
  };

  // (1) In-process: the processor with 8 concurrent no-op jobs.
  const a = build(join(root, 'a.db'));
  const claimLat: number[] = [];
  const claimedIds: number[] = [];
  const claimBatch = a.store.claimBatch.bind(a.store);
  a.store.claimBatch = (max, source) => {
    const t = performance.now();
    const items = claimBatch(max, source);
    const per = (performance.now() - t) / Math.max(1, items.length);
    for (const item of items) {
      claimLat.push(per);
      claimedIds.push(item.id);
    }
    return items;
  };
  const slskd: DownloadSource = {
    id: 'slskd',
    fetch: async (_track, ctx) => ({ path: ctx.partPath, ext: 'mp3', sizeBytes: 1, description: 'slskd' }),
  };
  const processor = new QueueProcessor({
    store: a.store, catalog: a.catalog, sources: { slskd }, concurrency: { slskd: 8 }, clock: systemClock, logger: silentLogger,
    planDestination: (t) => `/bench/${t.trackId}.mp3`, validate: async () => undefined, moveFile: async () => undefined,
    onChange: () => {}, tickMs: 50,
  });
  const ta = performance.now();
  processor.start();
  await processor.whenIdle();
  const processorMs = performance.now() - ta;
  await processor.stop();
  const completed = (a.db.prepare(`SELECT count(*) AS n FROM queue_items WHERE status='completed'`).get() as { n: number }).n;
  a.db.close();
  claimLat.sort((x, y) => x - y);

  // (2) Threads: 8 connections contending for the write lock.
  const dbPath = join(root, 'b.db');
  const b = build(dbPath);
  const enqueueMs = b.enqueueMs;
  b.db.close();

  const t1 = performance.now();
  const results = await Promise.all(
    Array.from({ length: WORKERS }, () =>
      new Promise<{ claimed: number[]; latencies: number[] }>((resolve, reject) => {
        const w = new Worker(new URL('./tsWorker.mjs', import.meta.url), { workerData: { dbPath, entry: new URL('./queueWorker.ts', import.meta.url).href } });
        w.once('message', resolve);
        w.once('error', reject);
      }),
    ),
  );
  const claimMs = performance.now() - t1;
  const all = results.flatMap((r) => r.claimed);
  const lat = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const p99 = lat[Math.floor(lat.length * 0.99)] ?? 0;
  process.stdout.write(
    `${JSON.stringify({
      items: ITEMS, workers: WORKERS, enqueueMs: Math.round(enqueueMs), enqueuePerSecond: Math.round(ITEMS / (enqueueMs / 1000)),
      claimsPerSecond: Math.round(claimedIds.length / (processorMs / 1000)),
      p99ClaimMs: Number((claimLat[Math.floor(claimLat.length * 0.99)] ?? 0).toFixed(3)),
      claimed: claimedIds.length, completed, duplicates: claimedIds.length - new Set(claimedIds).size,
      threads: {
        claimMs: Math.round(claimMs), claimsPerSecond: Math.round(all.length / (claimMs / 1000)), p99ClaimMs: Number(p99.toFixed(3)),
        claimed: all.length, duplicates: all.length - new Set(all).size,
      },
    })}\n`,
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}

// npm run bench:queue — a queue of 100,000 items; the first 3,000 claimed and completed two ways, with the real
// change notifications (processor onChange → queue rows + catalog counters pushed to a subscriber, as createCore
// wires them; every completed row flushes the counters, one catalogStatus query each — `statusQueryMs` says what
// one costs at this catalog size, and it is why the run measures 3,000 claims (BENCH_CLAIMS) rather than draining 100,000):
//   (1) processor: the app's QueueProcessor running 8 jobs at once in one process against a source that returns at
//       once (validation and the move are skipped: this measures the queue, not audio I/O). Throughput, and the
//       time of each claim call the processor makes (it fills free slots with claimBatch: the p99 is per call, with
//       the items per call beside it — never a call's time divided by its size).
//   (2) multiConnection: 8 processes, each with its own SQLite connection on one database file, released at once,
//       each claiming one item at a time with QueueStore.claimNext and completing it (3,000 / 8 each). Every single
//       claimNext is timed; `duplicates` counts items that more than one process claimed, and the database's count
//       of completed items must equal the distinct items claimed.
// The top-level p99ClaimMs and duplicates are those of (2). JSON result on the last line.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/main/db';
import { CatalogStore, catalogStatus } from '../src/main/catalog';
import { QueueProcessor, QueueStore, type ProcessorOptions } from '../src/main/queue';
import { silentLogger, systemClock } from '../src/main/core';
import { queueNotifier } from './queueNotifier';
import type { WorkerResult } from './queueWorker';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const CLAIMS = Math.min(ITEMS, Number(process.env.BENCH_CLAIMS ?? 3_000));
const WORKERS = Number(process.env.BENCH_WORKERS ?? 8);
// A real source id: the benchmark injects its own source under it, as tests do.
const SOURCE = 'slskd';
const root = mkdtempSync(join(tmpdir(), 'cassette-bench-queue-'));

function seed(dbPath: string) {
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
      store.enqueueTrack({ trackId: id, source: SOURCE, priority: ((i % 4) + 1) as 1 | 2 | 3 | 4 });
    }
  })();
  return { db, catalog, store, enqueueMs: performance.now() - t0 };
}

function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
}
const ms = (n: number) => Number(n.toFixed(3));

/** Median time of the counters query that every terminal row's notification runs. */
function timeStatusQuery(db: ReturnType<typeof openDatabase>): number {
  const times: number[] = [];
  for (let i = 0; i < 21; i++) {
    const t = performance.now();
    catalogStatus(db);
    times.push(performance.now() - t);
  }
  return ms(quantile(times.sort((x, y) => x - y), 0.5));
}
const count = (db: ReturnType<typeof openDatabase>, status: string) =>
  (db.prepare(`SELECT count(*) AS n FROM queue_items WHERE status=?`).get(status) as { n: number }).n;

async function processorRun() {
  const a = seed(join(root, 'processor.db'));
  const notifier = queueNotifier(a.db);
  const callMs: number[] = [];
  const callSizes: number[] = [];
  const claimBatch = a.store.claimBatch.bind(a.store);
  a.store.claimBatch = (max, source) => {
    const t = performance.now();
    const items = claimBatch(max, source);
    callMs.push(performance.now() - t);
    callSizes.push(items.length);
    return items;
  };
  type Source = NonNullable<ProcessorOptions['sources'][typeof SOURCE]>;
  const instant: Source = {
    id: SOURCE,
    fetch: async (_track, ctx) => ({ path: ctx.partPath, ext: 'mp3', sizeBytes: 1, description: 'bench' }),
  };
  const processor = new QueueProcessor({
    store: a.store, catalog: a.catalog, sources: { [SOURCE]: instant }, concurrency: { [SOURCE]: WORKERS }, clock: systemClock,
    logger: silentLogger, planDestination: (t) => join(root, 'lib', `${t.trackId}.mp3`), validate: async () => undefined,
    moveFile: async () => undefined,
    onChange: (item) => {
      notifier.onChange(item);
      if (item.status === 'completed' && ++completions === CLAIMS) enough();
    },
  });
  let completions = 0;
  let enough = () => {};
  const reached = new Promise<void>((resolve) => (enough = resolve));
  const t0 = performance.now();
  processor.start();
  await Promise.race([reached, processor.whenIdle()]);
  const elapsed = performance.now() - t0;
  // Claims made while the last jobs wind down are not timed.
  a.store.claimBatch = claimBatch;
  await processor.stop();
  notifier.close();
  const completed = count(a.db, 'completed');
  const statusQueryMs = timeStatusQuery(a.db);
  a.db.close();
  const claimedItems = callSizes.reduce((n, s) => n + s, 0);
  const sorted = [...callMs].sort((x, y) => x - y);
  return {
    enqueueMs: Math.round(a.enqueueMs),
    enqueuePerSecond: Math.round(ITEMS / (a.enqueueMs / 1000)),
    concurrency: WORKERS,
    ms: Math.round(elapsed),
    itemsPerSecond: Math.round(completed / (elapsed / 1000)),
    completed,
    claimCalls: callMs.length,
    itemsPerClaimCall: Number((claimedItems / Math.max(1, callMs.filter((_, i) => callSizes[i]! > 0).length)).toFixed(2)),
    p50ClaimCallMs: ms(quantile(sorted, 0.5)),
    p99ClaimCallMs: ms(quantile(sorted, 0.99)),
    maxClaimCallMs: ms(sorted.at(-1) ?? 0),
    notifications: { ...notifier.received, statusQueryMs },
  };
}

function startWorker(dbPath: string): Promise<ChildProcess> {
  const quota = String(Math.ceil(CLAIMS / WORKERS));
  const child = fork(fileURLToPath(new URL('./queueWorker.ts', import.meta.url)), [dbPath, SOURCE, quota], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => (m === 'ready' ? resolve(child) : reject(new Error(`worker said ${String(m)}`))));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`worker exited ${code} before it was ready`)));
  });
}

async function multiConnectionRun() {
  const dbPath = join(root, 'shared.db');
  seed(dbPath).db.close();
  const children = await Promise.all(Array.from({ length: WORKERS }, () => startWorker(dbPath)));
  const t0 = performance.now();
  const results = await Promise.all(
    children.map(
      (c) =>
        new Promise<WorkerResult>((resolve, reject) => {
          c.removeAllListeners('exit');
          c.once('message', (m) => resolve(m as WorkerResult));
          c.once('exit', (code) => reject(new Error(`worker exited ${code} without a result`)));
          c.send('go');
        }),
    ),
  );
  const elapsed = performance.now() - t0;
  const claims = results.flatMap((r) => r.claimed);
  const unique = new Set(claims);
  const lat = results.flatMap((r) => r.latenciesMs).sort((x, y) => x - y);
  const db = openDatabase(dbPath);
  const completed = count(db, 'completed');
  db.close();
  return {
    processes: WORKERS,
    ms: Math.round(elapsed),
    claimsPerSecond: Math.round(claims.length / (elapsed / 1000)),
    claimed: claims.length,
    duplicates: claims.length - unique.size,
    // Every claim completed exactly once: the database agrees with what the processes say they claimed.
    completed,
    completedMatchesClaims: completed === unique.size,
    claimCalls: lat.length,
    p50ClaimMs: ms(quantile(lat, 0.5)),
    p99ClaimMs: ms(quantile(lat, 0.99)),
    maxClaimMs: ms(lat.at(-1) ?? 0),
    busyErrors: results.reduce((n, r) => n + r.busyErrors, 0),
    claimsPerProcess: results.map((r) => r.claimed.length),
    notifications: results.reduce(
      (s, r) => ({ rowBatches: s.rowBatches + r.received.rowBatches, rows: s.rows + r.received.rows, statusEvents: s.statusEvents + r.received.statusEvents }),
      { rowBatches: 0, rows: 0, statusEvents: 0 },
    ),
  };
}

try {
  const processor = await processorRun();
  process.stderr.write(`(1) processor: ${JSON.stringify(processor)}\n`);
  const multi = await multiConnectionRun();
  process.stderr.write(`(2) multi-connection: ${JSON.stringify(multi)}\n`);
  process.stdout.write(
    `${JSON.stringify({ queueSize: ITEMS, claimsMeasured: CLAIMS, p99ClaimMs: multi.p99ClaimMs, duplicates: multi.duplicates, processor, multiConnection: multi })}\n`,
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}

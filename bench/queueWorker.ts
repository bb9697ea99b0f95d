// One process of the multi-connection run (bench/queue.bench.ts): its own SQLite connection on the shared
// catalog, claiming one item at a time (each claimNext timed alone) and completing it, `quota` times or until the
// queue is empty,
// with the change notifications a real process sends. It waits for "go" so that every process contends at once.
import { dirname, join } from 'node:path';
import { openDatabase } from '../src/main/db';
import { CatalogStore } from '../src/main/catalog';
import { QueueStore } from '../src/main/queue';
import { systemClock } from '../src/main/core';
import { queueNotifier } from './queueNotifier';

export interface WorkerResult {
  claimed: number[];
  latenciesMs: number[];
  busyErrors: number;
  received: { rowBatches: number; rows: number; statusEvents: number };
}

const [dbPath, source, quotaArg] = process.argv.slice(2) as [string, string, string];
const quota = Number(quotaArg);
// Completed items point into the benchmark's temp folder (no file is written: the queue is what is measured).
const libDir = join(dirname(dbPath), 'lib');
const db = openDatabase(dbPath);
const store = new QueueStore(db, systemClock, new CatalogStore(db, systemClock));
const notifier = queueNotifier(db);

function run(): WorkerResult {
  const claimed: number[] = [];
  const latenciesMs: number[] = [];
  let busyErrors = 0;
  while (claimed.length < quota) {
    const t0 = performance.now();
    let item;
    try {
      item = store.claimNext(source as Parameters<QueueStore['claimNext']>[0]);
    } catch (e) {
      // busy_timeout ran out: the claim did not happen; try again (counted, it should not occur).
      if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
        busyErrors++;
        continue;
      }
      throw e;
    }
    latenciesMs.push(performance.now() - t0);
    if (!item) break;
    claimed.push(item.id);
    notifier.onChange(item);
    const done = store.markCompleted(item.id, { path: join(libDir, `${item.id}.mp3`), sizeBytes: 1 });
    if (done) notifier.onChange(done);
  }
  notifier.close();
  db.close();
  return { claimed, latenciesMs, busyErrors, received: notifier.received };
}

process.on('message', (m) => {
  if (m !== 'go') return;
  process.send!(run(), () => process.exit(0));
});
process.send!('ready');

// One benchmark worker: its own SQLite connection, claiming and completing until the queue is empty.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../src/main/db';
import { CatalogStore } from '../src/main/catalog';
import { QueueStore } from '../src/main/queue';
import { systemClock } from '../src/main/base';

const db = openDatabase(workerData.dbPath as string);
const store = new QueueStore(db, systemClock, new CatalogStore(db, systemClock));
const claimed: number[] = [];
const latencies: number[] = [];
for (;;) {
  const t0 = performance.now();
  const item = store.claimNext('slskd');
  latencies.push(performance.now() - t0);
  if (!item) break;
  claimed.push(item.id);
  store.markCompleted(item.id, { path: `/bench/${item.id}.mp3`, sizeBytes: 1 });
}
db.close();
parentPort!.postMessage({ claimed, latencies });

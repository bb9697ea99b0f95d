// A second process-like worker with its own SQLite connection, claiming until the queue is empty.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.dbPath);
db.pragma('busy_timeout = 5000');
const claim = db.prepare(`UPDATE queue_items SET status='in_progress', started_at=@now
  WHERE id = (SELECT id FROM queue_items WHERE status='pending' AND kind='track' ORDER BY priority, sort_at, id LIMIT 1)
  AND status='pending' RETURNING id`);
const claimed = [];
for (;;) {
  const row = claim.get({ now: Date.now() });
  if (!row) break;
  claimed.push(row.id);
}
db.close();
parentPort.postMessage(claimed);

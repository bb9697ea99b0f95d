// The queue's change notifications as createCore wires them (processor onChange → toQueueRows → EventHub, whose
// flush also computes the catalog counters), with one subscriber standing in for a connected window. The benchmark
// keeps this cost in its numbers instead of passing a no-op.
import type { Db } from '../src/main/db';
import { catalogStatus } from '../src/main/catalog';
import { EventHub, systemClock, toQueueRows } from '../src/main/core';
import type { QueueItem } from '../src/main/queue';

export interface QueueNotifier {
  onChange(item: QueueItem): void;
  /** What the subscriber received. */
  received: { rowBatches: number; rows: number; statusEvents: number };
  close(): void;
}

export function queueNotifier(db: Db): QueueNotifier {
  const events = new EventHub(() => catalogStatus(db));
  const received = { rowBatches: 0, rows: 0, statusEvents: 0 };
  events.on('queue.rows', (rows) => {
    received.rowBatches++;
    received.rows += rows.length;
  });
  events.on('catalog.status', () => {
    received.statusEvents++;
  });
  return {
    received,
    onChange(item) {
      const [row] = toQueueRows(db, [item], systemClock.now());
      if (row) events.rowChanged(row);
    },
    close() {
      events.flush();
      events.close();
    },
  };
}

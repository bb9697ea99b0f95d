// Pushes core events to every subscriber (IPC relay, WebSocket clients, CLI, tray), coalescing bursts:
// queue rows at most every ~150 ms, at once when a row reaches a terminal state.
import type { EventName, EventPayload, QueueRow } from '../../shared/contract';
import type { CoreEvents } from '../base';

type Listener<E extends EventName> = (payload: EventPayload<E>) => void;
const TERMINAL = new Set(['completed', 'failed', 'cancelled', 'retry_waiting']);

export class EventHub implements CoreEvents {
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>();
  private pendingRows = new Map<number, QueueRow>();
  private rowTimer: NodeJS.Timeout | undefined;
  private statusDirty = false;

  constructor(
    private readonly statusOf: () => EventPayload<'catalog.status'>,
    private readonly intervalMs = 150,
  ) {}

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<EventName>);
    return () => set.delete(listener as Listener<EventName>);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const l of this.listeners.get(event) ?? []) {
      try {
        l(payload);
      } catch {
        /* a broken listener must not break the core */
      }
    }
  }

  /** A queue row changed; it (and the counters) will be pushed within the coalescing interval. */
  rowChanged(row: QueueRow): void {
    this.pendingRows.set(row.id, row);
    this.statusDirty = true;
    if (TERMINAL.has(row.status)) {
      // The row goes out at once; the counters (a GROUP BY over the catalog) follow within the interval, so a
      // burst of finished downloads costs one count, not one per download.
      this.flushRows();
    }
    if (!this.rowTimer) {
      this.rowTimer = setTimeout(() => this.flush(), this.intervalMs);
      this.rowTimer.unref?.();
    }
  }

  /** The catalog changed outside the queue (reconcile, import, sync). */
  catalogChanged(): void {
    this.statusDirty = true;
    if (!this.rowTimer) {
      this.rowTimer = setTimeout(() => this.flush(), this.intervalMs);
      this.rowTimer.unref?.();
    }
  }

  private flushRows(): void {
    if (!this.pendingRows.size) return;
    const rows = [...this.pendingRows.values()];
    this.pendingRows = new Map();
    this.emit('queue.rows', rows);
  }

  flush(): void {
    if (this.rowTimer) clearTimeout(this.rowTimer);
    this.rowTimer = undefined;
    this.flushRows();
    if (this.statusDirty) {
      this.statusDirty = false;
      if (this.listeners.get('catalog.status')?.size) this.emit('catalog.status', this.statusOf());
    }
  }

  close(): void {
    if (this.rowTimer) clearTimeout(this.rowTimer);
    this.listeners.clear();
  }
}

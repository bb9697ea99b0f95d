// Who asked for what and what became of it: one row per request event.
import type { Db } from '../db';
import type { Clock } from '../base';

export type AuditEvent =
  | 'request_created'
  | 'started'
  | 'completed'
  | 'failed'
  | 'retry_scheduled'
  | 'cancelled'
  | 'admin_retry'
  | 'recovered'
  | 'priority_changed';

export interface AuditEntry {
  id: number;
  at: number;
  event: AuditEvent;
  queue_item_id: number | null;
  actor: string;
  detail: string | null;
}

export class AuditLog {
  private readonly insert;
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.insert = db.prepare('INSERT INTO audit_log (at, event, queue_item_id, actor, detail) VALUES (?, ?, ?, ?, ?)');
  }

  record(event: AuditEvent, queueItemId: number | null, actor: string, detail?: string): void {
    this.insert.run(this.clock.now(), event, queueItemId, actor, detail ?? null);
  }

  list(opts: { limit?: number; beforeId?: number } = {}): AuditEntry[] {
    return this.db
      .prepare('SELECT * FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?')
      .all(opts.beforeId ?? Number.MAX_SAFE_INTEGER, Math.min(opts.limit ?? 200, 1000)) as AuditEntry[];
  }
}

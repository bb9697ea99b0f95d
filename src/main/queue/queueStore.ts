// The durable queue: every download request, its state machine, and the catalog status it implies.
// Claiming is one atomic UPDATE … RETURNING, so two workers (or processes) never take the same item.
import { statementCache, type Db, type PreparedSql } from '../db';
import type { Clock } from '../base';
import type { CatalogStore } from '../catalog';
import type { DownloadErrorType, SourceId } from '../base';
import { AuditLog } from './auditLog';
import { isLocalWorkerAlive, thisWorker } from '../base';
import { DEFAULT_MAX_RETRIES, isRetryable, retryDelayMs } from './retryPolicy';
import { PRIORITY, type EnqueueTrackInput, type Priority, type QueueItem, type QueueStatus, type RequestSource } from './types';

export interface EnqueueResult {
  item: QueueItem;
  created: boolean;
}

export interface FailureInput {
  type: DownloadErrorType;
  message: string;
  tried?: string[];
  /** No automatic retry: waiting cannot change the outcome (the user has to act first). */
  final?: boolean;
}

export type QueueView = 'active' | 'queued' | 'finished' | 'failed' | 'all';

export interface QueueListOptions {
  view?: QueueView;
  source?: SourceId;
  requestedBy?: string;
  search?: string;
  limit?: number;
  offset?: number;
}

export interface QueueStats {
  pending: number;
  in_progress: number;
  retry_waiting: number;
  completed: number;
  failed: number;
  cancelled: number;
  bySource: Record<string, number>;
  oldestPendingAt: number | null;
}

const ACTIVE: QueueStatus[] = ['pending', 'in_progress', 'retry_waiting'];
const VIEW_STATUSES: Record<QueueView, QueueStatus[]> = {
  active: ['in_progress'],
  queued: ['pending', 'retry_waiting'],
  finished: ['completed', 'cancelled'],
  failed: ['failed'],
  all: ['pending', 'in_progress', 'retry_waiting', 'completed', 'failed', 'cancelled'],
};

export class QueueStore {
  private readonly sql: PreparedSql;
  readonly audit: AuditLog;
  private readonly claimStmt;
  private readonly claimAnyStmt;

  constructor(
    readonly db: Db,
    private readonly clock: Clock,
    private readonly catalog: CatalogStore,
    /** This process, as `host:pid`; written on every claim. */
    readonly workerId = thisWorker(),
  ) {
    this.audit = new AuditLog(db, clock);
    this.sql = statementCache(db);
    const claimSql = (bySource: boolean) => `
      UPDATE queue_items SET status='in_progress', started_at=@now, last_attempt_at=@now, heartbeat_at=@now,
        bytes_downloaded=0, detail=NULL, worker=@worker
      WHERE id = (SELECT id FROM queue_items WHERE status='pending' AND kind='track' ${bySource ? 'AND source=@source' : ''}
                  ORDER BY priority, sort_at, id LIMIT 1)
        AND status='pending'
      RETURNING *`;
    this.claimStmt = db.prepare(claimSql(true));
    this.claimAnyStmt = db.prepare(claimSql(false));
  }

  get(id: number): QueueItem | undefined {
    return this.sql('SELECT * FROM queue_items WHERE id = ?').get(id) as QueueItem | undefined;
  }

  activeForTrack(trackId: number): QueueItem | undefined {
    return this.sql(`SELECT * FROM queue_items WHERE track_id=? AND status IN ('pending','in_progress','retry_waiting')`)
      .get(trackId) as QueueItem | undefined;
  }

  /** Deduplicated: a track already pending/in progress/waiting returns the existing request. */
  enqueueTrack(input: EnqueueTrackInput): EnqueueResult {
    return this.db.transaction((): EnqueueResult => {
      const existing = this.activeForTrack(input.trackId);
      if (existing) return { item: existing, created: false };
      const now = this.clock.now();
      const info = this.sql(
          `INSERT INTO queue_items (parent_id, kind, track_id, status, priority, source, request_source, requested_by,
           sort_at, created_at, destination_path, max_retries, external_ref)
           VALUES (?, 'track', ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          input.parentId ?? null, input.trackId, input.priority ?? PRIORITY.user, input.source,
          input.requestSource ?? 'user', input.requestedBy ?? 'local', input.sortAt ?? now, now,
          input.destinationPath ?? null, input.maxRetries ?? DEFAULT_MAX_RETRIES, input.externalRef ?? null,
        );
      const id = Number(info.lastInsertRowid);
      this.sql(`UPDATE tracks SET status='queued' WHERE id=? AND status <> 'downloaded'`).run(input.trackId);
      this.audit.record('request_created', id, input.requestedBy ?? 'local', `track ${input.trackId} via ${input.source}`);
      return { item: this.get(id)!, created: true };
    }).immediate();
  }

  /** One parent row and one child per track not yet downloaded; children share the parent's place in line. */
  enqueueAlbum(input: {
    albumId: number;
    source: SourceId;
    priority?: Priority;
    requestSource?: RequestSource;
    requestedBy?: string;
    destinationFor?: (trackId: number) => string | undefined;
  }): { parent: QueueItem; children: QueueItem[]; alreadyQueued: number } {
    return this.db.transaction(() => {
      const now = this.clock.now();
      const parentId = Number(
        this.sql(
            `INSERT INTO queue_items (kind, album_id, status, priority, source, request_source, requested_by, sort_at, created_at)
             VALUES ('album', ?, 'pending', ?, ?, ?, ?, ?, ?)`,
          )
          .run(input.albumId, input.priority ?? PRIORITY.user, input.source, input.requestSource ?? 'user',
            input.requestedBy ?? 'local', now, now).lastInsertRowid,
      );
      this.audit.record('request_created', parentId, input.requestedBy ?? 'local', `album ${input.albumId} via ${input.source}`);
      const trackIds = this.sql(
          `SELECT id FROM tracks WHERE album_id=? AND status <> 'downloaded' ORDER BY coalesce(disc_number,1), coalesce(track_number,0), id`,
        )
        .all(input.albumId) as { id: number }[];
      const children: QueueItem[] = [];
      let alreadyQueued = 0;
      for (const { id } of trackIds) {
        const r = this.enqueueTrack({
          trackId: id, source: input.source, priority: input.priority, requestSource: input.requestSource,
          requestedBy: input.requestedBy, parentId, sortAt: now, destinationPath: input.destinationFor?.(id),
        });
        if (r.created) children.push(r.item);
        else alreadyQueued++;
      }
      if (children.length === 0) this.finishParent(parentId);
      return { parent: this.get(parentId)!, children, alreadyQueued };
    }).immediate();
  }

  /** Next item by priority, then age; atomic. */
  claimNext(source?: SourceId): QueueItem | undefined {
    return this.claimBatch(1, source)[0];
  }

  /**
   * Claims up to `max` items. Each claim is its own atomic UPDATE; sharing one transaction only makes the
   * bookkeeping a single commit when a worker pool fills several free slots at once.
   */
  claimBatch(max: number, source?: SourceId): QueueItem[] {
    const now = this.clock.now();
    return this.db.transaction(() => {
      const items: QueueItem[] = [];
      while (items.length < max) {
        const item = (source ? this.claimStmt.get({ now, source, worker: this.workerId }) : this.claimAnyStmt.get({ now, worker: this.workerId })) as
          | QueueItem
          | undefined;
        if (!item) break;
        if (item.track_id !== null) this.catalog.setStatus(item.track_id, 'downloading');
        this.audit.record('started', item.id, 'processor', `attempt ${item.retry_count + 1}`);
        items.push(item);
      }
      return items;
    }).immediate();
  }

  heartbeat(id: number, p: { bytesDownloaded?: number; bytesTotal?: number; detail?: string }): void {
    this.sql(
        `UPDATE queue_items SET heartbeat_at=?, bytes_downloaded=coalesce(?, bytes_downloaded),
         bytes_total=coalesce(?, bytes_total), detail=coalesce(?, detail) WHERE id=? AND status='in_progress'`,
      )
      .run(this.clock.now(), p.bytesDownloaded ?? null, p.bytesTotal ?? null, p.detail ?? null, id);
  }

  setExternalRef(id: number, ref: string | null): void {
    this.sql('UPDATE queue_items SET external_ref=? WHERE id=?').run(ref, id);
  }

  setDestination(id: number, path: string): void {
    this.sql('UPDATE queue_items SET destination_path=? WHERE id=?').run(path, id);
  }

  markCompleted(id: number, r: { path: string; sizeBytes: number; note?: string }): QueueItem | undefined {
    return this.db.transaction(() => {
      const item = this.get(id);
      if (!item || item.status !== 'in_progress') return item;
      const now = this.clock.now();
      this.sql(
          `UPDATE queue_items SET status='completed', completed_at=?, destination_path=?, bytes_downloaded=?, bytes_total=?,
           processing_ms=? - coalesce(started_at, ?), error_type=NULL, error_message=NULL, detail=?, next_retry_at=NULL WHERE id=?`,
        )
        .run(now, r.path, r.sizeBytes, r.sizeBytes, now, now, r.note ?? null, id);
      if (item.track_id !== null) this.catalog.markDownloaded(item.track_id, r.path, r.sizeBytes);
      this.audit.record('completed', id, 'processor', r.path);
      if (item.parent_id !== null) this.finishParentIfDone(item.parent_id);
      return this.get(id);
    }).immediate();
  }

  /** Several completions in one commit (a worker pool often finishes a handful in the same turn). */
  markCompletedMany(list: { id: number; path: string; sizeBytes: number; note?: string }[]): void {
    this.db.transaction(() => {
      for (const c of list) this.markCompleted(c.id, c);
    }).immediate();
  }

  /** Records a failed attempt: schedules a retry with an escalating cooldown, or fails the item for good. */
  markFailed(id: number, f: FailureInput): QueueItem | undefined {
    return this.db.transaction(() => {
      const item = this.get(id);
      if (!item || (item.status !== 'in_progress' && item.status !== 'pending')) return item;
      const now = this.clock.now();
      const retryCount = item.retry_count + 1;
      const tried = JSON.stringify([...(JSON.parse(item.tried) as string[]), ...(f.tried ?? [])].slice(-50));
      const trackRow = item.track_id !== null ? this.catalog.getTrack(item.track_id) : undefined;
      const cooldown = retryDelayMs(trackRow?.retry_count ?? item.retry_count);
      const retry = !f.final && isRetryable(f.type) && retryCount < item.max_retries;
      const next = retry ? now + cooldown : null;
      this.sql(
          `UPDATE queue_items SET status=?, retry_count=?, next_retry_at=?, error_type=?, error_message=?, tried=?,
           completed_at=?, processing_ms=? - coalesce(started_at, ?) WHERE id=?`,
        )
        .run(retry ? 'retry_waiting' : 'failed', retryCount, next, f.type, f.message, tried, retry ? null : now, now, now, id);
      if (item.track_id !== null) {
        // The catalog keeps its own cooldown so a rebuilt queue honours it too; not_found waits for the user.
        this.catalog.markFailed(item.track_id, f.type, f.message, isRetryable(f.type) ? now + cooldown : null);
      }
      this.audit.record(retry ? 'retry_scheduled' : 'failed', id, 'processor', `${f.type}: ${f.message}`);
      if (!retry && item.parent_id !== null) this.finishParentIfDone(item.parent_id);
      return this.get(id);
    }).immediate();
  }

  /** A pause or shutdown stopped a running request: it waits again (no failure counted), and so does its track. */
  requeueInterrupted(id: number, detail: string): QueueItem | undefined {
    return this.db.transaction(() => {
      const item = this.get(id);
      if (!item || item.status !== 'in_progress') return item;
      this.sql(`UPDATE queue_items SET status='pending', detail=?, worker=NULL WHERE id=? AND status='in_progress'`).run(detail, id);
      if (item.track_id !== null) this.sql(`UPDATE tracks SET status='queued' WHERE id=? AND status='downloading'`).run(item.track_id);
      return this.get(id);
    }).immediate();
  }

  /** Cancels a waiting or running request (the processor stops the transfer); an album cancels its children. */
  cancel(id: number, actor = 'local'): QueueItem | undefined {
    return this.db.transaction(() => {
      const item = this.get(id);
      if (!item || !ACTIVE.includes(item.status)) return item;
      const now = this.clock.now();
      const ids = item.kind === 'album'
        ? [id, ...(this.sql(`SELECT id FROM queue_items WHERE parent_id=? AND status IN ('pending','in_progress','retry_waiting')`).all(id) as { id: number }[]).map((r) => r.id)]
        : [id];
      for (const qid of ids) {
        const row = this.get(qid)!;
        // The progress line of the moment ("peer alice, 50 %", "tagging") says nothing once it is cancelled.
        this.sql(`UPDATE queue_items SET status='cancelled', completed_at=?, error_type='cancelled', error_message='Cancelled', detail=NULL WHERE id=?`)
          .run(now, qid);
        if (row.track_id !== null) {
          this.sql(`UPDATE tracks SET status='missing' WHERE id=? AND status IN ('queued','downloading','failed')`).run(row.track_id);
        }
        this.audit.record('cancelled', qid, actor);
      }
      if (item.parent_id !== null) this.finishParentIfDone(item.parent_id);
      return this.get(id);
    }).immediate();
  }

  /** What became of a cancelled request's file, shown in its row (e.g. kept in the downloads folder). */
  noteCancelled(id: number, note: string): void {
    this.sql(`UPDATE queue_items SET detail=? WHERE id=? AND status='cancelled'`).run(note, id);
  }

  /** The user's "try again now": failed, cancelled or waiting requests go back to pending at once. */
  retryNow(id: number, actor = 'local'): QueueItem | undefined {
    return this.db.transaction(() => {
      const item = this.get(id);
      if (!item || item.kind !== 'track') return item;
      if (item.status === 'pending' || item.status === 'in_progress' || item.status === 'completed') return item;
      if (item.track_id !== null) {
        const other = this.activeForTrack(item.track_id);
        if (other && other.id !== id) return other;
      }
      this.sql(
          `UPDATE queue_items SET status='pending', next_retry_at=NULL, completed_at=NULL, error_type=NULL, error_message=NULL,
           retry_count=CASE WHEN status IN ('failed','cancelled') THEN 0 ELSE retry_count END WHERE id=?`,
        )
        .run(id);
      if (item.track_id !== null) this.sql(`UPDATE tracks SET status='queued', retry_after=NULL WHERE id=? AND status <> 'downloaded'`).run(item.track_id);
      if (item.parent_id !== null) this.sql(`UPDATE queue_items SET status='pending', completed_at=NULL WHERE id=?`).run(item.parent_id);
      this.audit.record('admin_retry', id, actor);
      return this.get(id);
    }).immediate();
  }

  setPriority(id: number, priority: Priority, actor = 'local'): QueueItem | undefined {
    this.sql(`UPDATE queue_items SET priority=? WHERE (id=? OR parent_id=?) AND status IN ('pending','retry_waiting')`).run(priority, id, id);
    this.audit.record('priority_changed', id, actor, `priority ${priority}`);
    return this.get(id);
  }

  /** retry_waiting → pending once the cooldown has passed. Returns how many were promoted. */
  promoteDueRetries(): number {
    return this.db.transaction(() => {
      const due = this.sql(`SELECT id, track_id FROM queue_items WHERE status='retry_waiting' AND next_retry_at <= ?`)
        .all(this.clock.now()) as { id: number; track_id: number | null }[];
      for (const d of due) {
        this.sql(`UPDATE queue_items SET status='pending' WHERE id=?`).run(d.id);
        if (d.track_id !== null) this.sql(`UPDATE tracks SET status='queued' WHERE id=? AND status='failed'`).run(d.track_id);
      }
      return due.length;
    }).immediate();
  }

  /** Items claimed but silent (crashed worker, source gone quiet) go back to pending. Returns the recovered items. */
  recoverStale(olderThanMs: number, actor = 'watchdog', exceptIds: readonly number[] = []): QueueItem[] {
    const cutoff = this.clock.now() - olderThanMs;
    const except = exceptIds.length ? ` AND id NOT IN (${exceptIds.map((id) => Number(id)).join(',')})` : '';
    return this.recoverWhere(`status='in_progress' AND coalesce(heartbeat_at, started_at, 0) <= @cutoff${except}`, actor, { cutoff });
  }

  /**
   * At start-up, in-progress rows whose process is gone are leftovers of a crash and go back to pending.
   * Rows held by another live process on this machine (e.g. a `qoget sync` beside the app) are left alone.
   */
  recoverAfterCrash(isAlive: (worker: string) => boolean = isLocalWorkerAlive): QueueItem[] {
    const held = this.sql(`SELECT DISTINCT worker FROM queue_items WHERE status='in_progress'`).all() as { worker: string | null }[];
    const dead = held.map((h) => h.worker).filter((w) => w === null || w === this.workerId || !isAlive(w));
    if (!dead.length) return [];
    const params: Record<string, string> = {};
    dead.forEach((w, i) => (params[`w${i}`] = w ?? ''));
    return this.recoverWhere(
      `status='in_progress' AND coalesce(worker, '') IN (${dead.map((_, i) => `@w${i}`).join(',')})`,
      'startup',
      params,
    );
  }

  private recoverWhere(where: string, actor: string, params: Record<string, string | number>): QueueItem[] {
    return this.db.transaction(() => {
      const rows = this.sql(`SELECT * FROM queue_items WHERE ${where} AND kind='track'`).all(params) as QueueItem[];
      for (const r of rows) {
        this.sql(`UPDATE queue_items SET status='pending', heartbeat_at=NULL, worker=NULL, detail='Recovered after interruption' WHERE id=?`).run(r.id);
        if (r.track_id !== null) this.sql(`UPDATE tracks SET status='queued' WHERE id=? AND status='downloading'`).run(r.track_id);
        this.audit.record('recovered', r.id, actor);
      }
      return rows;
    }).immediate();
  }

  /**
   * Rebuilds the queue from the catalog: every `missing` track, plus `failed` ones whose cooldown has passed,
   * gets a request unless it already has one. `sourceFor` picks the source (and may decline with undefined).
   */
  rebuildFromCatalog(sourceFor: (t: { id: number; source: string | null }) => SourceId | undefined, opts: { priority?: Priority; requestSource?: RequestSource } = {}): number {
    return this.db.transaction(() => {
      const rows = this.sql(
          `SELECT t.id, t.source, t.planned_path FROM tracks t
           WHERE (t.status IN ('missing','queued') OR (t.status='failed' AND t.retry_after IS NOT NULL AND t.retry_after <= ?))
             AND NOT EXISTS (SELECT 1 FROM queue_items q WHERE q.track_id=t.id AND q.status IN ('pending','in_progress','retry_waiting'))
             -- A request the user cancelled stays cancelled until they ask again.
             AND NOT EXISTS (SELECT 1 FROM queue_items q WHERE q.track_id=t.id AND q.status='cancelled' AND q.error_message='Cancelled'
                             AND q.id = (SELECT max(id) FROM queue_items WHERE track_id=t.id))`,
        )
        .all(this.clock.now()) as { id: number; source: string | null; planned_path: string | null }[];
      let n = 0;
      for (const r of rows) {
        const source = sourceFor(r);
        if (!source) continue;
        this.enqueueTrack({
          trackId: r.id, source, priority: opts.priority ?? PRIORITY.background, requestSource: opts.requestSource ?? 'reconcile',
          requestedBy: 'system', destinationPath: r.planned_path ?? undefined,
        });
        n++;
      }
      return n;
    }).immediate();
  }

  list(o: QueueListOptions = {}): { items: QueueItem[]; total: number } {
    const statuses = VIEW_STATUSES[o.view ?? 'all'];
    const where = [`q.kind='track'`, `q.status IN (${statuses.map((s) => `'${s}'`).join(',')})`];
    const params: Record<string, string | number> = {};
    if (o.source) {
      where.push('q.source=@source');
      params.source = o.source;
    }
    if (o.requestedBy) {
      where.push('q.requested_by=@user');
      params.user = o.requestedBy;
    }
    if (o.search) {
      where.push(`q.track_id IN (SELECT t.id FROM tracks t JOIN artists a ON a.id=t.artist_id WHERE t.title LIKE @q OR a.name LIKE @q)`);
      params.q = `%${o.search}%`;
    }
    const order = o.view === 'finished' || o.view === 'failed' ? 'q.completed_at DESC, q.id DESC' : 'q.priority, q.sort_at, q.id';
    const sqlWhere = where.join(' AND ');
    const total = (this.sql(`SELECT count(*) AS n FROM queue_items q WHERE ${sqlWhere}`).get(params) as { n: number }).n;
    const items = this.sql(`SELECT q.* FROM queue_items q WHERE ${sqlWhere} ORDER BY ${order} LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: Math.min(o.limit ?? 100, 5000), offset: o.offset ?? 0 }) as QueueItem[];
    return { items, total };
  }

  clearFinished(): number {
    return this.sql(`DELETE FROM queue_items WHERE status IN ('completed','cancelled') AND kind='track'`).run().changes;
  }

  stats(): QueueStats {
    const rows = this.sql(`SELECT status, source, count(*) AS n FROM queue_items WHERE kind='track' GROUP BY status, source`).all() as { status: QueueStatus; source: string; n: number }[];
    const s: QueueStats = { pending: 0, in_progress: 0, retry_waiting: 0, completed: 0, failed: 0, cancelled: 0, bySource: {}, oldestPendingAt: null };
    for (const r of rows) {
      s[r.status] += r.n;
      if (ACTIVE.includes(r.status)) s.bySource[r.source] = (s.bySource[r.source] ?? 0) + r.n;
    }
    const oldest = this.sql(`SELECT min(created_at) AS t FROM queue_items WHERE status='pending' AND kind='track'`).get() as { t: number | null };
    s.oldestPendingAt = oldest.t;
    return s;
  }

  /** How many of these requests are still open: running only, or waiting to run as well. */
  countOpen(ids: readonly number[], which: 'running' | 'pending_or_running'): number {
    const statuses = which === 'running' ? `('in_progress')` : `('pending','in_progress')`;
    return (this.sql(`SELECT count(*) AS n FROM queue_items WHERE id IN (SELECT value FROM json_each(?)) AND status IN ${statuses}`)
      .get(JSON.stringify(ids)) as { n: number }).n;
  }

  /** Whether a source has track requests waiting to run (pending, or waiting out a retry cooldown). */
  hasWaiting(source: SourceId): boolean {
    return Boolean(this.sql(`SELECT 1 FROM queue_items WHERE source=? AND kind='track' AND status IN ('pending','retry_waiting') LIMIT 1`).get(source));
  }

  /** Destinations of the downloads running now (in any process): their part files are not leftovers. */
  runningDestinations(): string[] {
    return (this.sql(`SELECT destination_path FROM queue_items WHERE status='in_progress' AND destination_path IS NOT NULL`).all() as {
      destination_path: string;
    }[]).map((r) => r.destination_path);
  }

  /** Requests one user made since `since`, and how many of theirs are still active: inputs for limits. */
  userUsage(user: string, since: number): { requestsSince: number; active: number } {
    const r = this.sql(
        `SELECT (SELECT count(*) FROM queue_items WHERE requested_by=@u AND created_at >= @since AND parent_id IS NULL) AS requestsSince,
                (SELECT count(*) FROM queue_items WHERE requested_by=@u AND kind='track' AND status IN ('pending','in_progress','retry_waiting')) AS active`,
      )
      .get({ u: user, since }) as { requestsSince: number; active: number };
    return r;
  }

  private finishParentIfDone(parentId: number): void {
    const open = this.sql(`SELECT count(*) AS n FROM queue_items WHERE parent_id=? AND status IN ('pending','in_progress','retry_waiting')`)
      .get(parentId) as { n: number };
    if (open.n === 0) this.finishParent(parentId);
  }

  private finishParent(parentId: number): void {
    const c = this.sql(`SELECT sum(status='failed') AS failed, sum(status='completed') AS done, count(*) AS n FROM queue_items WHERE parent_id=?`)
      .get(parentId) as { failed: number | null; done: number | null; n: number };
    const failed = c.failed ?? 0;
    const status: QueueStatus = failed > 0 ? 'failed' : 'completed';
    this.sql(`UPDATE queue_items SET status=?, completed_at=?, error_message=? WHERE id=? AND status IN ('pending','in_progress')`)
      .run(status, this.clock.now(), failed ? `${failed} of ${c.n} tracks failed` : null, parentId);
  }
}

// The filing journal: a persisted record of a file being filed in steps — requested, then transferring (a copy
// under a part name beside the target), transferred (renamed into place), tagged — so that the next start can
// finish or roll back whatever a crash interrupted. Rows end when the step sequence does. The flow's own record of
// the request rides along as opaque JSON (`context`).
import type { Clock } from '../base';
import type { Db } from '../db';

export type FilingStep = 'requested' | 'transferring' | 'transferred' | 'tagged';

export interface FilingEntry {
  id: number;
  queueItemId: number | null;
  step: FilingStep;
  originalPath: string | null;
  targetPath: string | null;
  partPath: string | null;
  /** A cover.jpg this filing wrote (and so may remove on roll-back). */
  coverPath: string | null;
  context: string;
}

interface Row {
  id: number;
  queue_item_id: number | null;
  step: FilingStep;
  original_path: string | null;
  target_path: string | null;
  part_path: string | null;
  cover_path: string | null;
  context: string;
}

const toEntry = (r: Row): FilingEntry => ({
  id: r.id,
  queueItemId: r.queue_item_id,
  step: r.step,
  originalPath: r.original_path,
  targetPath: r.target_path,
  partPath: r.part_path,
  coverPath: r.cover_path,
  context: r.context,
});

export class FilingJournal {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** A new request (or the request of a queue item, replacing an older one for the same item). */
  open(input: { queueItemId?: number; originalPath?: string; context: string }): FilingEntry {
    const now = this.clock.now();
    const id = Number(
      this.db
        .prepare(
          `INSERT INTO filing_journal (queue_item_id, step, original_path, context, created_at, updated_at) VALUES (?, 'requested', ?, ?, ?, ?)
           ON CONFLICT (queue_item_id) DO UPDATE SET step='requested', original_path=excluded.original_path, target_path=NULL, part_path=NULL,
           cover_path=NULL, context=excluded.context, updated_at=excluded.updated_at RETURNING id`,
        )
        .pluck()
        .get(input.queueItemId ?? null, input.originalPath ?? null, input.context, now, now),
    );
    return this.get(id)!;
  }

  get(id: number): FilingEntry | undefined {
    const r = this.db.prepare('SELECT * FROM filing_journal WHERE id = ?').get(id) as Row | undefined;
    return r ? toEntry(r) : undefined;
  }

  forQueueItem(queueItemId: number): FilingEntry | undefined {
    const r = this.db.prepare('SELECT * FROM filing_journal WHERE queue_item_id = ?').get(queueItemId) as Row | undefined;
    return r ? toEntry(r) : undefined;
  }

  /** Entries without a queue item (files filed from where they lie) that a crash left mid-way. */
  standalone(): FilingEntry[] {
    return (this.db.prepare(`SELECT * FROM filing_journal WHERE queue_item_id IS NULL AND step <> 'requested' ORDER BY id`).all() as Row[]).map(toEntry);
  }

  /** Records the step reached; only the fields given change. */
  advance(id: number, step: FilingStep, paths: { originalPath?: string; targetPath?: string; partPath?: string | null; coverPath?: string | null; context?: string } = {}): void {
    const e = this.get(id);
    if (!e) return;
    this.db
      .prepare('UPDATE filing_journal SET step=?, original_path=?, target_path=?, part_path=?, cover_path=?, context=?, updated_at=? WHERE id=?')
      .run(
        step,
        paths.originalPath ?? e.originalPath,
        paths.targetPath ?? e.targetPath,
        paths.partPath === undefined ? e.partPath : paths.partPath,
        paths.coverPath === undefined ? e.coverPath : paths.coverPath,
        paths.context ?? e.context,
        this.clock.now(),
        id,
      );
  }

  /**
   * Back to `requested` after a rolled-back attempt (a cancel, a full disk): the request and its context stay, so
   * a retry of the queue item files it again; the paths of the undone attempt go.
   */
  reset(id: number): void {
    this.db
      .prepare(`UPDATE filing_journal SET step='requested', target_path=NULL, part_path=NULL, cover_path=NULL, updated_at=? WHERE id=?`)
      .run(this.clock.now(), id);
  }

  close(id: number): void {
    this.db.prepare('DELETE FROM filing_journal WHERE id = ?').run(id);
  }
}

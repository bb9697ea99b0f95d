// Runs the queue: claims items per source within concurrency limits, fetches through the source, validates,
// finalises (tags), moves the file into place atomically and records the outcome in queue and catalog together.
import { statfsSync } from 'node:fs';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, extname, join, basename } from 'node:path';
import { AppError } from '../../shared/result';
import type { CatalogStore } from '../catalog';
import type { Clock, Logger } from '../base';
import { TransferError, isPartOf, parsePartFile, partPathFor, partWriterToken, ensureDirectory } from '../library';
import { discardPart, resumeRecordPath } from '../net';
import {
  CancelledKeepingFile, DownloadError, DownloadInterrupted, type AudioClaim, type DownloadSource, type FetchedFile, type ReviewCandidate, type SourceId, type TrackWanted,
} from '../base';
import type { QueueStore } from './queueStore';
import type { QueueItem } from './types';
import { isPartWriterAlive } from './worker';

export const DEFAULT_CONCURRENCY: Record<SourceId, number> = { qobuz: 4, slskd: 2, tickets: 2 };

export interface ProcessorOptions {
  store: QueueStore;
  catalog: CatalogStore;
  sources: Partial<Record<SourceId, DownloadSource>>;
  concurrency?: Partial<Record<SourceId, number>>;
  /** Where a track goes when its request names no destination (layout strategy). Returned path has an extension. */
  planDestination(track: TrackWanted, ext: string): string;
  validate(path: string, claim: AudioClaim): Promise<unknown>;
  /** Moves atomically; without `overwrite` an existing different file at `dest` is a TransferError('dest_exists'). */
  moveFile(src: string, dest: string, options?: { overwrite?: boolean }): Promise<void>;
  /** True when the file at `dest` is one this request was asked to replace (a damaged earlier download). */
  replaces?(track: TrackWanted, item: QueueItem, dest: string): boolean;
  /** The catalog could not be written (a full disk): the queue has paused itself; say so once, in one line. */
  onHalt?(error: CatalogHalt): void;
  /** Runs on the fetched file before it is moved into place (tags, cover art). */
  finalize?(track: TrackWanted, file: FetchedFile, item: QueueItem): Promise<void>;
  /** Runs once the processor's move put the file at `path` (files beside it, e.g. cover.jpg); must not throw. */
  placed?(track: TrackWanted, path: string, item: QueueItem): Promise<void>;
  /**
   * Files the fetched file itself (a flow with its own layout and steps, e.g. a matched download) instead of the
   * processor's move into `planDestination`; undefined: not this flow's item, the processor places it. Honour
   * `signal` (a cancel) between steps and leave no half-written file; a cancel after the flow took the file over
   * throws CancelledKeepingFile, and the fetched file is then left where it is.
   */
  deliver?(track: TrackWanted, file: FetchedFile, item: QueueItem, signal: AbortSignal): Promise<Delivered | undefined>;
  /**
   * Before fetching: a delivery a crash interrupted (the download had finished) is finished from where it
   * stopped instead of fetching again; undefined when there is none.
   */
  finishInterrupted?(track: TrackWanted, item: QueueItem, signal: AbortSignal): Promise<Delivered | undefined>;
  /**
   * A source's close-but-not-confident candidates for a track: kept for a person's pick (true) when someone
   * reviews this track, else false. Absent: nobody reviews anything.
   */
  offerForReview?(track: TrackWanted, item: QueueItem, candidates: readonly ReviewCandidate[]): boolean;
  clock: Clock;
  logger: Logger;
  onChange(item: QueueItem): void;
  /** A running job with no progress for this long is stopped as a timeout. */
  stallMs?: number;
  /** In-progress items of other processes silent this long go back to pending (default 1 h). */
  staleMs?: number;
  tickMs?: number;
}

/** Where `deliver` put the file. */
export interface Delivered {
  path: string;
  sizeBytes: number;
  note?: string;
}

/** Why the queue stopped itself: the catalog cannot be written. */
export interface CatalogHalt {
  code: 'disk_full';
  message: string;
}

interface RunningJob {
  item: QueueItem;
  controller: AbortController;
  partPath: string;
  lastProgressAt: number;
  done: Promise<void>;
  stopReason?: 'cancelled' | 'paused' | 'stalled' | 'shutdown';
}

export class QueueProcessor {
  private readonly running = new Map<number, RunningJob>();
  private paused = false;
  private started = false;
  private timer: NodeJS.Timeout | undefined;
  private idleWaiters: (() => void)[] = [];
  private completions: { id: number; path: string; sizeBytes: number; note?: string; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private readonly quarantineStmt;
  private readonly quarantineCheck;

  constructor(private readonly o: ProcessorOptions) {
    this.quarantineStmt = o.store.db.prepare('INSERT OR IGNORE INTO quarantine (source, key, reason, created_at) VALUES (?, ?, ?, ?)');
    this.quarantineCheck = o.store.db.prepare('SELECT 1 FROM quarantine WHERE source=? AND key=?');
  }

  get isPaused(): boolean {
    return this.paused;
  }

  get activeCount(): number {
    return this.running.size;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.timer = setInterval(() => this.tick(true), this.o.tickMs ?? 1000);
    this.timer.unref?.();
    this.tick(true);
  }

  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearInterval(this.timer);
    const jobs = [...this.running.values()];
    for (const j of jobs) this.abortJob(j, 'shutdown');
    await Promise.allSettled(jobs.map((j) => j.done));
  }

  pause(): void {
    this.paused = true;
    for (const j of this.running.values()) this.abortJob(j, 'paused');
  }

  resume(): void {
    this.paused = false;
    this.halt = undefined;
    this.tick();
  }

  private refillScheduled = false;
  /** Jobs that finish together refill their slots together: one claim transaction instead of one per job. */
  private scheduleRefill(): void {
    if (this.refillScheduled) return;
    this.refillScheduled = true;
    setImmediate(() => {
      this.refillScheduled = false;
      this.tick();
    });
  }

  /** Something was enqueued: look for work now rather than at the next tick. */
  kick(): void {
    queueMicrotask(() => this.tick(true));
  }

  /** Cancels a request wherever it is: waiting (just marked) or running (transfer stopped, partial file removed). */
  async cancel(id: number, actor = 'local'): Promise<QueueItem | undefined> {
    const item = this.o.store.get(id);
    const toStop = [...this.running.values()].filter((j) => j.item.id === id || j.item.parent_id === id);
    const updated = this.o.store.cancel(id, actor);
    for (const j of toStop) this.abortJob(j, 'cancelled');
    await Promise.allSettled(toStop.map((j) => j.done));
    if (item) this.emit(id);
    return updated;
  }

  /** Resolves when nothing is running and nothing is claimable (waiting retries do not count). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    if (this.running.size > 0) return false;
    if (this.paused) return true;
    const sources = Object.keys(this.o.sources);
    if (!sources.length) return true;
    const row = this.o.store.db
      .prepare(`SELECT 1 FROM queue_items WHERE status='pending' AND kind='track' AND source IN (${sources.map(() => '?').join(',')}) LIMIT 1`)
      .get(...sources);
    return !row;
  }

  /** Claims work up to the limits. Housekeeping (due retries, stalls) runs on the timer, not after every job. */
  private tick(housekeeping = false): void {
    if (!this.started) return;
    try {
      if (housekeeping) {
        this.o.store.promoteDueRetries();
        this.stopStalledJobs();
        this.recoverStaleElsewhere();
      }
      if (!this.paused) {
        for (const [sourceId, source] of Object.entries(this.o.sources) as [SourceId, DownloadSource][]) {
          const limit = this.o.concurrency?.[sourceId] ?? DEFAULT_CONCURRENCY[sourceId];
          const free = limit - this.countRunning(sourceId);
          if (free > 0) for (const item of this.o.store.claimBatch(free, sourceId)) this.launch(item, source);
        }
      }
    } catch (e) {
      // The tick runs on a timer: an error here would be an uncaught exception (a raw stack trace, a dead host).
      if (!this.haltOnCatalogFailure(e)) this.o.logger.error(`Queue: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    if (this.idleWaiters.length && this.isIdle()) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  /** Set once the catalog could not be written; cleared by resume(). */
  get halted(): CatalogHalt | undefined {
    return this.halt;
  }

  private halt: CatalogHalt | undefined;
  private haltListeners = new Set<(h: CatalogHalt) => void>();

  /** Called once when the queue stops itself because the catalog cannot be written. Returns an unsubscribe. */
  onHalt(listener: (h: CatalogHalt) => void): () => void {
    this.haltListeners.add(listener);
    return () => this.haltListeners.delete(listener);
  }

  /**
   * SQLite could not write the catalog (its disk is full): pause — running jobs stop and drop their part
   * files — and report it once. Returns false for any other error.
   */
  private haltOnCatalogFailure(e: unknown): boolean {
    if (!isCatalogFull(e, this.o.store.db.name)) return false;
    if (this.halt) return true;
    this.halt = { code: 'disk_full', message: catalogFullError(this.o.store.db.name).message };
    this.pause();
    this.o.onHalt?.(this.halt);
    for (const l of this.haltListeners) l(this.halt);
    return true;
  }

  private countRunning(source: SourceId): number {
    let n = 0;
    for (const j of this.running.values()) if (j.item.source === source) n++;
    return n;
  }

  private lastStaleCheck = 0;
  /** Stale watchdog: items another (crashed or hung) process claimed and stopped reporting on. */
  private recoverStaleElsewhere(): void {
    const now = this.o.clock.now();
    if (now - this.lastStaleCheck < 60_000) return;
    this.lastStaleCheck = now;
    const recovered = this.o.store.recoverStale(this.o.staleMs ?? 60 * 60_000, 'watchdog', [...this.running.keys()]);
    for (const r of recovered) this.emit(r.id);
  }

  private stopStalledJobs(): void {
    const stallMs = this.o.stallMs;
    if (!stallMs) return;
    const now = this.o.clock.now();
    for (const j of this.running.values()) if (now - j.lastProgressAt > stallMs) this.abortJob(j, 'stalled');
  }

  private abortJob(j: RunningJob, reason: NonNullable<RunningJob['stopReason']>): void {
    if (j.stopReason) return;
    j.stopReason = reason;
    j.controller.abort(
      reason === 'paused' || reason === 'shutdown'
        ? new DownloadInterrupted(reason)
        : new DownloadError(reason === 'stalled' ? 'timeout' : 'cancelled', reason === 'stalled' ? 'No progress: stalled' : 'Cancelled'),
    );
  }

  private launch(item: QueueItem, source: DownloadSource): void {
    const controller = new AbortController();
    const track = item.track_id !== null ? this.o.catalog.trackWanted(item.track_id) : undefined;
    const dest0 = item.destination_path ?? (track ? this.o.planDestination(track, 'mp3') : '');
    // The part's name says which process writes it: another process fetching the same track into the same
    // folder writes its own, and neither deletes the other's.
    const job: RunningJob = {
      item, controller, partPath: partPathFor(dest0, partWriterToken(this.o.store.workerId)), lastProgressAt: this.o.clock.now(), done: Promise.resolve(),
    };
    this.running.set(item.id, job);
    this.emit(item.id);
    job.done = this.runJob(job, source, track, dest0)
      .catch((e: unknown) => {
        if (!this.haltOnCatalogFailure(e)) this.o.logger.error(`queue item ${item.id}: ${e instanceof Error ? e.message : String(e)}`);
      })
      .finally(() => {
        this.running.delete(item.id);
        this.emit(item.id);
        this.scheduleRefill();
      });
  }

  private async runJob(job: RunningJob, source: DownloadSource, track: TrackWanted | undefined, dest0: string): Promise<void> {
    const { item } = job;
    if (!track) {
      this.o.store.markFailed(item.id, { type: 'not_found', message: 'The track is no longer in the catalog' });
      return;
    }
    const validated = new Set<string>();
    let lastEmit = 0;
    const ctx = {
      signal: job.controller.signal,
      partPath: job.partPath,
      externalRef: item.external_ref ?? undefined,
      onProgress: (p: { bytesDownloaded: number; bytesTotal?: number; detail?: string }) => {
        job.lastProgressAt = this.o.clock.now();
        try {
          this.o.store.heartbeat(item.id, p);
        } catch (e) {
          // Thrown into a source's stream this would read as a broken connection and be retried.
          if (this.haltOnCatalogFailure(e)) return;
          throw e;
        }
        const now = Date.now();
        if (now - lastEmit >= 150) {
          lastEmit = now;
          this.emit(item.id);
        }
      },
      setExternalRef: (ref: string) => this.o.store.setExternalRef(item.id, ref),
      validate: async (path: string, claim: AudioClaim) => {
        await this.o.validate(path, claim);
        validated.add(path);
      },
      isQuarantined: (key: string) => Boolean(this.quarantineCheck.get(source.id, key)),
      quarantine: (key: string, reason: string) => {
        this.quarantineStmt.run(source.id, key, reason, this.o.clock.now());
      },
      offerForReview: (candidates: readonly ReviewCandidate[]) => this.o.offerForReview?.(track, item, candidates) ?? false,
    };
    let fetched: FetchedFile | undefined;
    try {
      await this.ensureDir(dirname(job.partPath));
      job.controller.signal.throwIfAborted();
      // A crash between the final rename and the catalog commit leaves the finished file in place: adopt it.
      const inPlace = await this.adoptable(track, item, dest0, extname(dest0).slice(1));
      if (inPlace) {
        await this.recordCompletion({ id: item.id, path: dest0, sizeBytes: inPlace.size, note: 'Already in place' });
        return;
      }
      const resumed = await this.o.finishInterrupted?.(track, item, job.controller.signal);
      if (resumed) {
        await this.recordCompletion({ id: item.id, ...resumed });
        return;
      }
      if (source.resumesPartFiles) await this.takeOverOrphanPart(job.partPath, dest0);
      fetched = await source.fetch(track, ctx);
      if (job.stopReason) throw job.controller.signal.reason;
      if (!validated.has(fetched.path)) {
        await ctx.validate(fetched.path, { ext: fetched.ext, expectedSize: fetched.sizeBytes, durationSec: track.durationSec });
      }
      await this.o.finalize?.(track, fetched, item);
      const delivered = await this.o.deliver?.(track, fetched, item, job.controller.signal);
      if (delivered) {
        await this.recordCompletion({ id: item.id, path: delivered.path, sizeBytes: delivered.sizeBytes, note: delivered.note ?? fetched.note });
        return;
      }
      // A cancel while tagging is honoured before the file goes into place, not after.
      if (job.stopReason === 'cancelled') throw job.controller.signal.reason;
      // Tagging changes the size: the catalog records what is on disk, or the next reconcile calls it wrong.
      const sizeBytes = this.o.finalize ? (await stat(fetched.path)).size : fetched.sizeBytes;
      const dest = withExt(dest0, fetched.ext);
      const placed = await this.place(track, item, fetched, dest, sizeBytes);
      await this.o.placed?.(track, dest, item);
      await this.recordCompletion({ id: item.id, path: dest, sizeBytes: placed.sizeBytes, note: placed.note ?? fetched.note });
    } catch (e) {
      await this.afterFailure(job, source, e, fetched);
    }
  }

  private async afterFailure(job: RunningJob, source: DownloadSource, e: unknown, fetched: FetchedFile | undefined): Promise<void> {
    const { item } = job;
    const current = this.o.store.get(item.id);
    const ref = current?.external_ref;
    if (job.stopReason === 'cancelled' || job.stopReason === 'paused' || job.stopReason === 'shutdown') {
      if (job.stopReason === 'cancelled') {
        if (ref && source.cancel) await source.cancel(ref).catch(() => {});
        await discardPartQuietly(job.partPath);
        if (e instanceof CancelledKeepingFile) this.o.store.noteCancelled(item.id, e.message);
        else if (fetched && fetched.path !== job.partPath) await removeQuietly(fetched.path);
      } else {
        // Paused or shutting down: the request waits, it did not fail. The .part file stays only for a source
        // that resumes from it.
        if (!source.resumesPartFiles) await discardPartQuietly(job.partPath);
        this.o.store.requeueInterrupted(item.id, job.stopReason === 'paused' ? 'Paused' : 'Interrupted');
      }
      return;
    }
    const err = e instanceof DownloadError ? e : toDownloadError(e);
    if (err.type === 'corruption' && fetched && fetched.path !== job.partPath) await removeQuietly(fetched.path);
    if (err.type !== 'connection' && err.type !== 'timeout') await discardPartQuietly(job.partPath);
    if (ref && source.cancel && job.stopReason === 'stalled') await source.cancel(ref).catch(() => {});
    if (job.stopReason === 'stalled') this.o.store.setExternalRef(item.id, ref && source.refAfterAbandon ? source.refAfterAbandon(ref) : null);
    this.o.store.markFailed(item.id, { type: err.type, message: err.message, tried: err.tried, ...(err instanceof FinalFailure ? { final: true } : {}) });
  }

  /**
   * A file already at the destination that no catalog track holds, and that validates as this track: the
   * result of an earlier attempt that renamed it into place and died before recording it.
   */
  private async adoptable(track: TrackWanted, item: QueueItem, dest: string, ext: string): Promise<{ size: number } | undefined> {
    const info = await stat(dest).catch(() => undefined);
    if (!info?.isFile() || !ext) return undefined;
    const holder = this.o.catalog.trackIdAtPath(dest);
    if (holder === track.trackId) {
      // Recorded already (a sync adopted it meanwhile) with the size on disk: nothing left to do.
      const row = this.o.catalog.getTrack(holder);
      return row?.status === 'downloaded' && row.size_bytes === info.size ? { size: info.size } : undefined;
    }
    if (holder !== undefined || this.o.replaces?.(track, item, dest)) return undefined;
    try {
      await this.o.validate(dest, { ext, ...(track.durationSec ? { durationSec: track.durationSec } : {}) });
    } catch {
      return undefined;
    }
    return { size: info.size };
  }

  /**
   * Moves the finished file into place. A file already there is replaced by the rename when it is this track's
   * own earlier file (or one the request was asked to replace), adopted when it validates as this track (and the
   * fresh copy dropped), and otherwise left alone: the request fails for good with a message, since no retry
   * would change it.
   */
  private async place(track: TrackWanted, item: QueueItem, fetched: FetchedFile, dest: string, sizeBytes: number): Promise<{ sizeBytes: number; note?: string }> {
    try {
      await this.o.moveFile(fetched.path, dest);
      return { sizeBytes };
    } catch (e) {
      if (!(e instanceof TransferError) || e.code !== 'dest_exists') throw e;
    }
    const holder = this.o.catalog.trackIdAtPath(dest);
    if (holder === track.trackId || (holder === undefined && this.o.replaces?.(track, item, dest))) {
      await this.o.moveFile(fetched.path, dest, { overwrite: true });
      return { sizeBytes };
    }
    if (holder === undefined) {
      const existing = await this.adoptable(track, item, dest, fetched.ext);
      if (existing) {
        await removeQuietly(fetched.path);
        return { sizeBytes: existing.size, note: 'Already in place' };
      }
    }
    await removeQuietly(fetched.path);
    throw new FinalFailure(
      'storage',
      holder === undefined
        ? `A different file is already at ${dest}; move it away and retry this download.`
        : `${dest} already belongs to another track in the catalog; move it away and retry this download.`,
    );
  }

  /** A resumable part left by a process that is gone becomes this writer's, so the source continues from it. */
  private async takeOverOrphanPart(own: string, target: string): Promise<void> {
    if (await stat(own).then(() => true, () => false)) return;
    const dir = dirname(own);
    const names = await readdir(dir).catch(() => [] as string[]);
    let best: { path: string; size: number } | undefined;
    for (const name of names) {
      const path = join(dir, name);
      const part = parsePartFile(path);
      if (!part || part.derived || !isPartOf(part, target) || path === own || isPartWriterAlive(part.writer)) continue;
      const size = (await stat(path).catch(() => undefined))?.size ?? -1;
      if (!best || size > best.size) best = { path, size };
    }
    if (!best) return;
    // Its resume record goes with it (or a stale one of ours goes): it says which remote file the bytes are of.
    await rm(resumeRecordPath(own), { force: true }).catch(() => undefined);
    await rename(resumeRecordPath(best.path), resumeRecordPath(own)).catch(() => undefined);
    await rename(best.path, own).catch(() => undefined);
  }

  /** Completions of the same turn share one commit; each job still waits for its own to be recorded. */
  private recordCompletion(c: { id: number; path: string; sizeBytes: number; note?: string }): Promise<void> {
    return new Promise((resolve, reject) => {
      this.completions.push({ ...c, resolve, reject });
      if (this.completions.length === 1) setImmediate(() => this.flushCompletions());
    });
  }

  private flushCompletions(): void {
    const batch = this.completions;
    this.completions = [];
    try {
      this.o.store.markCompletedMany(batch);
      for (const c of batch) c.resolve();
    } catch (e) {
      for (const c of batch) c.reject(e);
    }
  }

  /** Bounded (a recursive mkdir never returns under /proc) and asynchronous: the host keeps answering meanwhile. */
  private async ensureDir(dir: string): Promise<void> {
    try {
      await ensureDirectory(dir);
    } catch (e) {
      throw new DownloadError('storage', e instanceof Error ? e.message : String(e));
    }
  }

  private emit(id: number): void {
    const item = this.o.store.get(id);
    if (item) this.o.onChange(item);
  }
}

/** A failure no automatic retry can change (a conflicting file at the destination): failed at once. */
class FinalFailure extends DownloadError {}

/**
 * SQLite could not grow the catalog at `dbPath`: its disk (or quota) is full. SQLite says SQLITE_FULL when a
 * write fails with ENOSPC, but growing the WAL index (-shm) on a full disk reports SQLITE_IOERR_SHMSIZE, and other
 * writes SQLITE_IOERR_*: an I/O error counts as "full" when the catalog's file system has (almost) no room left.
 */
export function isCatalogFull(e: unknown, dbPath?: string): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_SHMSIZE') return true;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_IOERR') || !dbPath) return false;
  try {
    const fs = statfsSync(dirname(dbPath));
    return fs.bavail * fs.bsize < 1024 * 1024;
  } catch {
    return false;
  }
}

/** What a user reads when the catalog's disk is full: which file, and what to do. */
export function catalogFullError(dbPath: string): AppError {
  return new AppError('disk_full', `The catalog ${dbPath} cannot be written: its disk is full. Free some space there and try again.`);
}

export function toDownloadError(e: unknown): DownloadError {
  if (e instanceof DownloadError) return e;
  const code = (e as { code?: string } | null)?.code;
  const message = e instanceof Error ? e.message : String(e);
  if (code === 'ENOSPC') return new DownloadError('storage', 'Out of disk space');
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new DownloadError('storage', message);
  if (code === 'ECONNRESET' || code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EPIPE') return new DownloadError('connection', message);
  if (code === 'ETIMEDOUT' || /timed? ?out/i.test(message)) return new DownloadError('timeout', message);
  return new DownloadError('unknown', message);
}

export function withExt(path: string, ext: string): string {
  const current = extname(path);
  const base = current ? basename(path, current) : basename(path);
  return join(dirname(path), `${base}.${ext.replace(/^\./, '')}`);
}

async function removeQuietly(path: string): Promise<void> {
  await rm(path, { force: true }).catch(() => {});
}

/** A part file and the resume record beside it. */
async function discardPartQuietly(path: string): Promise<void> {
  await discardPart(path).catch(() => {});
}

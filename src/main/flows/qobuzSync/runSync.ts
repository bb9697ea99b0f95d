// One purchase sync, start to end: prepare (list, plan, decide), record the purchases in the catalog, adopt
// recognised files, queue the downloads (source 'qobuz', destination = planned path), let the queue processor
// fetch them (4 at a time, tagged by QobuzTagger before the atomic rename) until every one is done, then
// reconcile and report. One failed track never stops the run; running out of disk space pauses the queue and
// leaves the rest queued; an abort either leaves the rest queued (CLI interrupt) or cancels it (the app's Stop).
import { AppError } from '../../../shared/result';
import { resolve } from 'node:path';
import pLimit from 'p-limit';
import type { EventPayload, QobuzSyncCountsDto, QueueRow } from '../../../shared/contract';
import { SyncCatalog, type CatalogStore } from '../../catalog';
import type { Clock, CoreEvents, Logger } from '../../base';
import type { Db } from '../../db';
import { ensureDirectory, sweepPartFiles, titleWithVersion } from '../../library';
import { PRIORITY, isPartWriterAlive, type QueueProcessor, type QueueStore } from '../../queue';
import type { QobuzClient } from '../../sources';
import { acquireFolderLock, type FolderLock } from './folderLock';
import { albumDisplayTitle, type PlanEntry } from './plan';
import { prepareSync, type PreparedItem, type PreparedSync } from './prepareSync';
import type { QobuzTagger } from './qobuzTagger';
import type { AudioProbe } from './recognise';
import {
  isDiskFullMessage,
  summaryLines,
  type DownloadedTrack,
  type FailedTrack,
  type SyncEvent,
  type SyncPreview,
  type SyncStop,
  type SyncSummary,
  type TrackRef,
} from './summary';

/** What a sync needs from the core. */
export interface SyncRuntime {
  db: Db;
  catalog: CatalogStore;
  queue: QueueStore;
  processor: QueueProcessor;
  events: CoreEvents;
  clock: Clock;
  logger: Logger;
  tagger: QobuzTagger;
  reconcile(): unknown;
  /** Makes the processor fetch Qobuz tracks with this client, and run. */
  startDownloads(client: QobuzClient): void;
}

export interface RunSyncOptions {
  /** Signed in. */
  client: QobuzClient;
  root: string;
  user?: string;
  verbose?: boolean;
  signal?: AbortSignal;
  /** What an abort does to tracks not yet fetched: stay queued for the next run (default) or be cancelled. */
  onAbort?: AbortMode | (() => AbortMode);
  onEvent?(e: SyncEvent): void;
  /** Every job.progress of this run as it happens (the events themselves are throttled). */
  onProgress?(p: SyncProgress): void;
  albumConcurrency?: number;
  probe?: (path: string) => Promise<AudioProbe | undefined>;
}

export type AbortMode = 'leave_queued' | 'cancel';
export type SyncProgress = EventPayload<'job.progress'>;
/** Downloaded, failed, skipped (already there), recognised, and purchased tracks in all. */
export type SyncCounts = QobuzSyncCountsDto;

export const SYNC_JOB = 'qobuz.sync';
const REQUESTED_BY = 'qobuz-sync';

export function trackRef(entry: PlanEntry, path = entry.path): TrackRef {
  return {
    trackId: entry.track.qobuzId,
    albumId: entry.album.qobuzId,
    title: titleWithVersion(entry.track.title, entry.track.version),
    artist: entry.track.artist.name,
    album: albumDisplayTitle(entry.album),
    path,
  };
}

/** The dry run: what would be downloaded, where, and why. Writes nothing. */
export async function previewQobuzSync(rt: Pick<SyncRuntime, 'db' | 'catalog'>, o: RunSyncOptions): Promise<SyncPreview> {
  const prepared = await prepareSync({
    client: o.client, syncCatalog: new SyncCatalog(rt.db, rt.catalog), root: o.root, signal: o.signal, onEvent: o.onEvent,
    albumConcurrency: o.albumConcurrency, probe: o.probe,
  });
  return toPreview(prepared);
}

export function toPreview(p: PreparedSync): SyncPreview {
  const planned = [];
  const recognised = [];
  let skipped = 0;
  for (const it of p.items) {
    if (it.action === 'download') planned.push({ ...trackRef(it.entry), reason: it.reason });
    else if (it.action === 'recognise') recognised.push({ ...trackRef(it.entry, it.path), how: it.how });
    else skipped++;
  }
  return { root: p.root, planned, skipped: skipped + recognised.length, recognised, total: p.items.length, deduplicated: p.plan.deduplicated.length };
}

interface Job {
  item: Extract<PreparedItem, { action: 'download' }>;
  ref: TrackRef;
  catalogId: number;
  lastStatus?: string;
}

export async function runQobuzSync(rt: SyncRuntime, o: RunSyncOptions): Promise<SyncSummary> {
  // One writer per folder: a second sync into it (another process, another catalog) refuses before it plans.
  await ensureDirectory(o.root); // bounded: a recursive mkdir never returns under /proc
  const lock = await acquireFolderLock(resolve(o.root));
  try {
    return await runLockedSync(rt, o, lock);
  } finally {
    lock.release();
  }
}

async function runLockedSync(rt: SyncRuntime, o: RunSyncOptions, lock: FolderLock): Promise<SyncSummary> {
  const started = Date.now();
  const emit = o.onEvent ?? (() => {});
  const throttled = throttledJobProgress(rt.events);
  // The counts go out once the run is planned (before that they would read as "nothing to do").
  const counts: SyncCounts = { downloaded: 0, failed: 0, skipped: 0, recognised: 0, total: 0 };
  let planned = false;
  const jobProgress: ProgressReporter = (label, done, total, finished = false) => {
    const p: SyncProgress = { job: SYNC_JOB, label, done, total, finished, ...(planned ? { counts: { ...counts } } : {}) };
    // The folder is free again before anyone hears the sync has finished (a client may start the next one at once).
    if (finished) lock.release();
    o.onProgress?.(p);
    throttled(p);
  };
  const syncCatalog = new SyncCatalog(rt.db, rt.catalog);
  jobProgress('Reading Qobuz purchases', 0, 0);

  let prepared: PreparedSync;
  try {
    await ensureDirectory(o.root); // bounded: a recursive mkdir never returns under /proc
    prepared = await prepareSync({
      client: o.client, syncCatalog, root: o.root, signal: o.signal, albumConcurrency: o.albumConcurrency, probe: o.probe,
      onEvent: (e) => {
        emit(e);
        if (e.type === 'phase') jobProgress(phaseLabel(e.phase), e.done ?? 0, e.total ?? 0);
      },
    });
  } catch (e) {
    if (!o.signal?.aborted) {
      jobProgress(`Qobuz sync failed: ${e instanceof Error ? e.message : String(e)}`, 0, 0, true);
      throw e;
    }
    const s = emptySummary(o, started, 'interrupted');
    jobProgress(summaryLines(s)[0] ?? 'Stopped', 0, 0, true);
    return s;
  }
  const root = prepared.root;

  const catalogIds = syncCatalog.record(prepared.plan.entries, prepared.known);
  const failed: FailedTrack[] = [];
  const recognised: SyncSummary['recognised'] = [];
  const skippedTracks: TrackRef[] = [];
  const downloads: Extract<PreparedItem, { action: 'download' }>[] = [];
  for (const it of prepared.items) {
    if (it.action === 'skip') {
      if (o.verbose) {
        skippedTracks.push(trackRef(it.entry, it.path));
        emit({ type: 'skipped', track: trackRef(it.entry, it.path) });
      }
    } else if (it.action === 'recognise') {
      const ref = trackRef(it.entry, it.path);
      if (syncCatalog.adopt(catalogIds.get(it.entry.track.qobuzId)!, it.path, it.sizeBytes)) {
        recognised.push({ ...ref, how: it.how });
        emit({ type: 'recognised', track: ref, how: it.how });
      } else {
        const f = { ...ref, reason: `${it.path} belongs to another track in the catalog; move it away and sync again.`, errorType: 'conflict', willRetry: false };
        failed.push(f);
        emit({ type: 'failed', track: f });
      }
    } else downloads.push(it);
  }
  const skipped = prepared.items.filter((i) => i.action === 'skip').length;
  emit({ type: 'plan', total: prepared.items.length, download: downloads.length, skip: skipped, recognise: recognised.length, deduplicated: prepared.plan.deduplicated.length });
  Object.assign(counts, { total: prepared.items.length, skipped, recognised: recognised.length, failed: failed.length });
  planned = true;
  jobProgress(downloads.length ? `Downloading Qobuz purchases (0/${downloads.length})` : 'Finishing the Qobuz sync', 0, downloads.length);
  rt.events.catalogChanged();

  let stop: SyncStop | undefined;
  const jobs = new Map<number, Job>();
  if (downloads.length && !o.signal?.aborted) {
    await refreshCachedAlbums(o, prepared, downloads, rt.logger);
    await sweepPartFiles([root], { isWriterAlive: isPartWriterAlive });
    enqueue(rt, downloads, catalogIds, jobs);
    rt.startDownloads(o.client);
    rt.processor.kick();
    stop = await waitForJobs(rt, o, jobs, emit, counts, jobProgress);
    const halt = rt.processor.halted;
    if (halt) {
      // Nothing more can be recorded: say so in one line; the requests stay queued for the next run.
      jobProgress(halt.message, 0, 0, true);
      throw new AppError(halt.code, halt.message);
    }
  } else if (o.signal?.aborted) {
    stop = 'interrupted';
  }

  const summary = collect(rt, o, prepared, jobs, { failed, recognised, skippedTracks, skipped, stop, started });
  emit({ type: 'phase', phase: 'reconciling' });
  try {
    rt.reconcile();
  } catch (e) {
    rt.logger.warn(`Reconciliation after the Qobuz sync failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  rt.tagger.forget([...jobs.values()].map((j) => j.catalogId));
  summary.ms = Date.now() - started;
  Object.assign(counts, {
    downloaded: summary.downloaded.length, failed: summary.failed.length, skipped: summary.skipped, recognised: summary.recognised.length, total: summary.total,
  });
  jobProgress(summaryLines(summary)[0] ?? 'Qobuz sync finished', summary.downloaded.length + summary.failed.length, jobs.size, true);
  return summary;
}

function phaseLabel(phase: string): string {
  switch (phase) {
    case 'listing':
      return 'Reading Qobuz purchases';
    case 'albums':
      return 'Reading album track lists';
    case 'recognising':
      return 'Looking for files already in the folder';
    default:
      return 'Planning the Qobuz sync';
  }
}

/** Albums whose track list came from the catalog get one album/get when something of theirs is downloaded: tags want copyright. */
async function refreshCachedAlbums(o: RunSyncOptions, p: PreparedSync, downloads: Job['item'][], logger: Logger): Promise<void> {
  const ids = [...new Set(downloads.filter((d) => p.cachedAlbumIds.has(d.entry.album.qobuzId)).map((d) => d.entry.album.qobuzId))];
  if (!ids.length) return;
  const limit = pLimit(o.albumConcurrency ?? 4);
  const fresh = new Map<string, { album?: string; tracks: Map<number, string> }>();
  await Promise.all(
    ids.map((id) =>
      limit(async () => {
        try {
          const a = await o.client.getAlbum(id);
          const tracks = new Map<number, string>();
          for (const t of a.tracks.items) if (typeof t.copyright === 'string') tracks.set(t.id, t.copyright);
          fresh.set(id, { ...(typeof a.copyright === 'string' ? { album: a.copyright } : {}), tracks });
        } catch (e) {
          logger.warn(`Could not refresh Qobuz album ${id} for tagging: ${e instanceof Error ? e.message : String(e)}`);
        }
      }),
    ),
  );
  for (const d of downloads) {
    const f = fresh.get(d.entry.album.qobuzId);
    if (!f) continue;
    const trackCopyright = f.tracks.get(d.entry.track.qobuzId);
    if (f.album) d.entry.album = { ...d.entry.album, copyright: f.album };
    if (trackCopyright) d.entry.track = { ...d.entry.track, copyright: trackCopyright };
  }
}

function enqueue(rt: SyncRuntime, downloads: Job['item'][], catalogIds: Map<number, number>, jobs: Map<number, Job>): void {
  const base = rt.clock.now();
  rt.db.transaction(() => {
    downloads.forEach((it, i) => {
      const catalogId = catalogIds.get(it.entry.track.qobuzId)!;
      const input = {
        trackId: catalogId, source: 'qobuz' as const, destinationPath: it.entry.path, priority: PRIORITY.expansion,
        requestSource: 'sync' as const, requestedBy: REQUESTED_BY, sortAt: base + i,
      };
      let r = rt.queue.enqueueTrack(input);
      if (!r.created) {
        const ex = r.item;
        if (ex.source !== 'qobuz' && ex.status !== 'in_progress') {
          // A purchase comes from Qobuz: a waiting request for another source gives way.
          rt.queue.cancel(ex.id, REQUESTED_BY);
          r = rt.queue.enqueueTrack(input);
        } else {
          // The user asked for a sync now: a request waiting out a retry cooldown goes now.
          if (ex.status === 'retry_waiting') rt.queue.retryNow(ex.id, REQUESTED_BY);
          if (ex.status !== 'in_progress' && ex.destination_path !== it.entry.path) rt.queue.setDestination(ex.id, it.entry.path);
        }
      }
      rt.tagger.remember(catalogId, it.entry, it.replaces);
      jobs.set(r.item.id, { item: it, ref: trackRef(it.entry), catalogId });
    });
  })();
}

async function waitForJobs(
  rt: SyncRuntime,
  o: RunSyncOptions,
  jobs: Map<number, Job>,
  emit: (e: SyncEvent) => void,
  counts: SyncCounts,
  jobProgress: ProgressReporter,
): Promise<SyncStop | undefined> {
  const ids = [...jobs.keys()];
  let stop: SyncStop | undefined;
  let stopping: Promise<unknown> = Promise.resolve();
  // Each download counts once, by its latest outcome (a retry that then succeeds moves from failed to downloaded).
  const outcomes = { downloaded: 0, failed: 0 };
  const failedBefore = counts.failed;
  let wake: () => void = () => {};

  const stopWith = (reason: SyncStop, message: string, action: () => Promise<unknown>) => {
    if (stop) return;
    stop = reason;
    emit({ type: 'stopping', reason, message });
    stopping = action().catch((e: unknown) => rt.logger.error(`Stopping the Qobuz sync: ${e instanceof Error ? e.message : String(e)}`));
    wake();
  };

  const onRow = (row: QueueRow) => {
    const job = jobs.get(row.id);
    if (!job) return;
    const before = job.lastStatus;
    job.lastStatus = row.status;
    const was = outcomeOf(before);
    const now = outcomeOf(row.status);
    if (was !== now) {
      if (was) outcomes[was]--;
      if (now) outcomes[now]++;
    }
    const ref = job.ref;
    if (row.status === 'in_progress') {
      if (before !== 'in_progress') emit({ type: 'started', track: ref });
      emit({ type: 'progress', track: ref, bytes: row.bytesDownloaded, total: row.bytesTotal, speed: row.speed });
    } else if (row.status === 'completed' && before !== 'completed') {
      emit({ type: 'downloaded', track: downloadedTrack(job, row.bytesTotal ?? row.bytesDownloaded, row.detail) });
    } else if ((row.status === 'failed' || row.status === 'retry_waiting') && before !== row.status) {
      emit({ type: 'failed', track: failedTrack(job, row.errorMessage, row.errorType, row.status === 'retry_waiting') });
      if (isDiskFullMessage(row.errorType, row.errorMessage)) {
        stopWith('disk_full', 'Out of disk space: stopping the downloads; the rest stay queued.', async () => {
          // Running transfers stop and delete their part files; their requests go back to waiting.
          rt.processor.pause();
          rt.events.emit('queue.state', { paused: true, active: rt.processor.activeCount });
        });
      }
    }
  };
  // The catalog cannot be written (its disk is full): the processor has paused itself; stop waiting for rows
  // that can no longer change.
  const unsubscribeHalt = rt.processor.onHalt((h) => stopWith('disk_full', h.message, async () => {}));
  const unsubscribe = rt.events.on('queue.rows', (rows) => {
    for (const row of rows) onRow(row);
    counts.downloaded = outcomes.downloaded;
    counts.failed = failedBefore + outcomes.failed;
    const done = outcomes.downloaded + outcomes.failed;
    jobProgress(`Downloading Qobuz purchases (${done}/${jobs.size})`, done, jobs.size);
    wake();
  });
  const onAbort = () => {
    const mode = typeof o.onAbort === 'function' ? o.onAbort() : (o.onAbort ?? 'leave_queued');
    if (mode === 'cancel') {
      stopWith('cancelled', 'Stopping the sync: the remaining downloads are cancelled.', async () => {
        for (const id of jobs.keys()) {
          const it = rt.queue.get(id);
          if (it && (it.status === 'pending' || it.status === 'in_progress' || it.status === 'retry_waiting')) await rt.processor.cancel(id, REQUESTED_BY);
        }
      });
    } else {
      // Transfers stop and remove their part files; the requests stay queued for the next run.
      stopWith('interrupted', 'Interrupted: stopping the downloads; the rest stay queued for the next run.', () => rt.processor.stop());
    }
  };
  if (o.signal?.aborted) onAbort();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      if (rt.processor.halted) {
        if (rt.processor.activeCount === 0) break;
      } else {
        const open = rt.queue.countOpen(ids, stop ? 'running' : 'pending_or_running');
        if (open === 0) break;
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 1000);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
    await stopping;
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    unsubscribe();
    unsubscribeHalt();
  }
  return stop;
}

type ProgressReporter = (label: string, done: number, total: number, finished?: boolean) => void;

function outcomeOf(status: string | undefined): 'downloaded' | 'failed' | null {
  if (status === 'completed') return 'downloaded';
  if (status === 'failed' || status === 'retry_waiting') return 'failed';
  return null;
}

function downloadedTrack(job: Job, sizeBytes: number, note: string | null): DownloadedTrack {
  return { ...job.ref, sizeBytes, reason: job.item.reason, ...(note ? { note } : {}) };
}

function failedTrack(job: Job, message: string | null, type: string | null, willRetry: boolean): FailedTrack {
  return { ...job.ref, reason: message ?? 'failed', errorType: type ?? 'unknown', willRetry };
}

function collect(
  rt: SyncRuntime,
  o: RunSyncOptions,
  p: PreparedSync,
  jobs: Map<number, Job>,
  acc: { failed: FailedTrack[]; recognised: SyncSummary['recognised']; skippedTracks: TrackRef[]; skipped: number; stop?: SyncStop; started: number },
): SyncSummary {
  const downloaded: DownloadedTrack[] = [];
  const failed = [...acc.failed];
  let leftQueued = 0;
  if (jobs.size) {
    const rows = [...jobs.keys()].map((id) => rt.queue.get(id)).filter((r) => r !== undefined);
    for (const r of rows) {
      const job = jobs.get(r.id)!;
      if (r.status === 'completed') downloaded.push(downloadedTrack(job, r.bytes_total ?? r.bytes_downloaded, r.detail));
      else if (r.status === 'failed' || r.status === 'retry_waiting') failed.push(failedTrack(job, r.error_message, r.error_type, r.status === 'retry_waiting'));
      else leftQueued++;
    }
  }
  const upToDate = jobs.size === 0 && acc.recognised.length === 0 && failed.length === 0 && !acc.stop;
  return {
    root: p.root,
    ...(o.user ? { user: o.user } : {}),
    total: p.items.length,
    downloaded,
    skipped: acc.skipped,
    ...(o.verbose ? { skippedTracks: acc.skippedTracks } : {}),
    recognised: acc.recognised,
    failed,
    deduplicated: p.plan.deduplicated.length,
    ...(acc.stop ? { stopped: acc.stop } : {}),
    leftQueued,
    upToDate,
    ms: Date.now() - acc.started,
  };
}

function emptySummary(o: RunSyncOptions, started: number, stop: SyncStop): SyncSummary {
  return {
    root: o.root, ...(o.user ? { user: o.user } : {}), total: 0, downloaded: [], skipped: 0, recognised: [], failed: [], deduplicated: 0,
    stopped: stop, leftQueued: 0, upToDate: false, ms: Date.now() - started,
  };
}

/** job.progress at most every 250 ms, at once when finished. */
function throttledJobProgress(events: CoreEvents): (p: EventPayload<'job.progress'>) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (!p.finished && now - last < 250) return;
    last = now;
    events.emit('job.progress', p);
  };
}

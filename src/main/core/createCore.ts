// The composition root: opens the catalog, wires queue, processor, sources and events, and exposes the
// contract's handlers. Hosts (Electron, headless server, CLI, tests) call this and nothing deeper.
import { join } from 'node:path';
import { z } from 'zod';
import { methods, type MethodName, type MethodOutput } from '../../shared/contract';
import { AppError, err, ok, type Result } from '../../shared/result';
import { openDatabase, type Db } from '../db';
import { CatalogStore, LibraryQueries, catalogStatus, importFolder, reconcileCatalog } from '../catalog';
import {
  DEFAULT_STALE_MS, DEFAULT_USER_LIMITS, PRIORITY, QueueProcessor, QueueStore, missingFilesWatchdog, type UserLimits,
} from '../queue';
import { moveFileAtomic, organisedLayout, validateAudioFile, type LayoutStrategy } from '../library';
import type { DownloadSource, FetchedFile, SourceId, TrackWanted } from '../sources/types';
import { QOBUZ_JOB_SLOTS, QobuzService, type QobuzServiceOptions } from '../qobuzSync';
import { EventHub } from './eventHub';
import { fileSecretStore, HEADLESS_SECRETS_FILE } from './fileSecretStore';
import { consoleLogger, silentNotifier, systemClock, type Clock, type Logger, type Notifier, type Paths, type RevealInFolder, type SecretStore } from './ports';
import { toQueueRows } from './queueRows';
import { buildSources, userFolder, type HostSettings } from '../config';
import { SettingsService, SourceStates } from '../settings';
import type { QueueItem } from '../queue';

export interface CorePorts {
  paths: Paths;
  clock?: Clock;
  logger?: Logger;
  notifier?: Notifier;
  secrets?: SecretStore;
  revealInFolder?: RevealInFolder;
}

export interface CoreConfig {
  host: 'electron' | 'headless' | 'test';
  version?: string;
  /** Root of the organised library where downloads are filed. Default: <dataDir>/Library. */
  libraryDir?: string;
  layout?: LayoutStrategy;
  sources?: Partial<Record<SourceId, DownloadSource>>;
  /** Source for tracks that name none (missing tracks found by reconcile). */
  defaultSource?: SourceId;
  concurrency?: Partial<Record<SourceId, number>>;
  stallMs?: number;
  staleMs?: number;
  userLimits?: UserLimits;
  /** Start claiming work at once (apps and servers) or not (one-shot CLI commands). */
  runQueue?: boolean;
  /** Reconcile and rebuild the queue at start-up (default true). */
  reconcileOnStart?: boolean;
  /**
   * Treat in-progress rows as leftovers of a crash (default true). Off for one-shot CLI reads, which may run
   * beside a live app whose downloads are genuinely in progress.
   */
  recoverOnStart?: boolean;
  finalize?(track: TrackWanted, file: FetchedFile): Promise<void>;
  /** Qobuz purchase sync settings (environment, config path, client tuning); read lazily, on first use. */
  qobuz?: QobuzServiceOptions;
  /** Environment that overrides cassette.toml (default: process.env); tests pass their own. */
  env?: NodeJS.ProcessEnv;
  /** Per-request timeout of connection tests (default 5 s). */
  connectionTestTimeoutMs?: number;
}

export type Handlers = { [M in MethodName]: (input: z.infer<(typeof methods)[M]['input']>) => Promise<MethodOutput<M>> };

export interface Core {
  db: Db;
  catalog: CatalogStore;
  queue: QueueStore;
  processor: QueueProcessor;
  events: EventHub;
  /** The Qobuz purchase sync (also what `qoget` and `cassette qobuz` drive). */
  qobuz: QobuzService;
  /** Each download source's state (configured, reachable), behind "why it waits". */
  sourceStates: SourceStates;
  handlers: Handlers;
  config: CoreConfig;
  paths: Paths;
  clock: Clock;
  dispatch(method: string, input: unknown): Promise<Result<unknown>>;
  reconcile(): MethodOutput<'catalog.reconcile'>;
  close(): Promise<void>;
}

export function createCore(ports: CorePorts, config: CoreConfig): Core {
  const clock = ports.clock ?? systemClock;
  const logger = ports.logger ?? consoleLogger;
  const notifier = ports.notifier ?? silentNotifier;
  // Headless hosts have no keychain: a 0600 file (it warns once, on the first secret it stores).
  const secrets = ports.secrets ?? fileSecretStore(join(ports.paths.dataDir, HEADLESS_SECRETS_FILE), logger);
  const db = openDatabase(join(ports.paths.dataDir, 'catalog.db'));
  const catalog = new CatalogStore(db, clock);
  const queue = new QueueStore(db, clock, catalog);
  const events = new EventHub(() => catalogStatus(db));
  // Both change when Settings are saved (applySettings below).
  let layout = config.layout ?? organisedLayout(config.libraryDir ?? join(ports.paths.dataDir, 'Library'), 'matched');
  let defaultSource = config.defaultSource ?? 'slskd';
  const DOWNLOAD_SOURCES = new Set<string>(['qobuz', 'slskd', 'tickets', 'noop']);
  const sourceFor = (t: { source: string | null }): SourceId =>
    t.source && DOWNLOAD_SOURCES.has(t.source) ? (t.source as SourceId) : defaultSource;

  // The processor reads this object on every tick: sources signed in later (Qobuz) are added to it.
  const sources: Partial<Record<SourceId, DownloadSource>> = { ...config.sources };
  const sourceStates: SourceStates = new SourceStates({
    clock,
    logger,
    isConfigured: (id) => sources[id] !== undefined,
    defaultSource: () => defaultSource,
    activeBySource: () => queue.stats().bySource,
    probe: (id) => settings.probe(id),
    onChange: (list) => {
      const json = JSON.stringify(list);
      if (json === lastSourceStates) return;
      lastSourceStates = json;
      events.emit('sources.state', list);
    },
  });
  let lastSourceStates = '';
  const toRows = (items: QueueItem[]) =>
    toQueueRows(db, items, clock.now()).map((r) => ({ ...r, waiting: sourceStates.waitingFor(r) }));
  const rowsFor = (ids: number[]) => toRows(ids.map((id) => queue.get(id)).filter((x) => x !== undefined));

  const concurrency: Partial<Record<SourceId, number>> = { qobuz: QOBUZ_JOB_SLOTS, ...config.concurrency };
  const processor = new QueueProcessor({
    store: queue,
    catalog,
    sources,
    // Qobuz bounds its own connections (4); its extra job slots validate and tag while others download.
    concurrency,
    stallMs: config.stallMs,
    staleMs: config.staleMs,
    clock,
    logger,
    planDestination: (track, ext) =>
      layout.plan({
        id: track.trackId, ext, title: track.title, artist: track.artist, albumArtist: track.albumArtist,
        album: track.album, trackNumber: track.trackNumber, discNumber: track.discNumber, trackCount: track.albumTrackCount,
      }),
    validate: (path, claim) => validateAudioFile(path, claim),
    moveFile: async (src, dest) => {
      await moveFileAtomic(src, dest);
    },
    finalize: async (track, file, item) => {
      if (item.source === 'qobuz') await qobuz.finalize(track, file);
      await config.finalize?.(track, file);
    },
    onChange: (item) => {
      const [row] = toRows([item]);
      if (row) events.rowChanged(row);
      reportProgress();
    },
  });

  const qobuz = new QobuzService(
    {
      db, catalog, queue, processor, events, clock, logger, paths: ports.paths, secrets, reconcile: () => reconcile(),
      setSource: (source) => {
        sources[source.id] = source;
        processor.kick();
        void sourceStates.check('qobuz');
      },
    },
    config.qobuz,
  );

  // Tray/taskbar progress needs a GROUP BY over the queue: at most once a second, not once per row change.
  let progressTimer: NodeJS.Timeout | undefined;
  function reportProgress(): void {
    if (progressTimer) return;
    progressTimer = setTimeout(() => {
      progressTimer = undefined;
      if (db.open) reportProgressNow();
    }, 1000);
    progressTimer.unref?.();
  }

  function reportProgressNow(): void {
    sourceStates.changed();
    const s = queue.stats();
    const waiting = s.pending + s.in_progress;
    if (!waiting) notifier.progress(null, 'Idle');
    else notifier.progress(s.completed / Math.max(1, s.completed + waiting), `${s.in_progress} downloading, ${s.pending} queued`);
  }

  function reconcile(): MethodOutput<'catalog.reconcile'> {
    const r = reconcileCatalog(db, clock);
    const queued = queue.rebuildFromCatalog((t) => sourceFor(t));
    events.catalogChanged();
    if (queued) processor.kick();
    return { checked: r.checked, present: r.present, nowMissing: r.nowMissing.length, nowPresent: r.nowPresent.length, queued, ms: r.ms };
  }

  // Settings: saved changes take effect in this core at once (sources rebuilt, folders and default switched).
  function applySettings(s: HostSettings): void {
    const built = buildSources(s);
    for (const id of ['slskd', 'tickets'] as const) {
      if (built[id]) sources[id] = built[id];
      else delete sources[id];
    }
    if (s.concurrency.tickets) concurrency.tickets = s.concurrency.tickets;
    else delete concurrency.tickets;
    defaultSource = s.defaultSource;
    if (!config.layout) layout = organisedLayout(s.libraryDir ?? join(ports.paths.dataDir, 'Library'), 'matched');
    processor.kick();
    sourceStates.changed();
  }
  const settings: SettingsService = new SettingsService({
    paths: ports.paths,
    env: config.env ?? process.env,
    secrets,
    apply: applySettings,
    qobuzStatus: () => qobuz.status(),
    states: sourceStates,
    test: { timeoutMs: config.connectionTestTimeoutMs },
  });
  // Library browsing: paged reads of the catalog.
  const library = new LibraryQueries(db);
  const libraryHandlers: Pick<Handlers, 'library.artists' | 'library.albums' | 'library.album' | 'library.tracks' | 'library.reveal'> = {
    'library.artists': async (input) => library.artists(input),
    'library.albums': async (input) => library.albums(input),
    'library.album': async ({ id }) => {
      const album = library.album(id);
      if (!album) throw new AppError('not_found', `No album ${id} in the catalog`);
      return { album, tracks: library.albumTracks(id) };
    },
    'library.tracks': async (input) => library.tracks(input),
    'library.reveal': async ({ trackId }) => {
      const track = catalog.getTrack(trackId);
      if (!track) throw new AppError('not_found', `No track ${trackId} in the catalog`);
      if (!track.local_path || track.status !== 'downloaded') throw new AppError('not_found', `"${track.title}" is not on disk.`);
      if (!ports.revealInFolder) throw new AppError('invalid_input', 'Reveal in folder works in the desktop app only.');
      await ports.revealInFolder(track.local_path);
      return { path: track.local_path };
    },
  };
  const settingsHandlers: Pick<Handlers, 'settings.get' | 'settings.save' | 'settings.test' | 'sources.state'> = {
    'settings.get': async () => settings.view(),
    'settings.save': async (patch) => settings.save(patch),
    'settings.test': async (input) => settings.test(input),
    'sources.state': async () => sourceStates.list(),
  };

  const state = () => ({ paused: processor.isPaused, active: processor.activeCount });
  /** Pushes changed rows to every client (other windows, browsers), not only the caller. */
  const pushRows = (ids: number[]) => {
    for (const row of rowsFor(ids)) events.rowChanged(row);
  };
  const rowOrNull = (id: number) => rowsFor([id])[0] ?? null;

  const handlers: Handlers = {
    'app.info': async () => ({ version: config.version ?? '0.1.0', dataDir: ports.paths.dataDir, host: config.host, canReveal: Boolean(ports.revealInFolder) }),
    'catalog.status': async () => catalogStatus(db),
    'catalog.reconcile': async () => reconcile(),
    'catalog.import': async ({ folder }) => {
      const root = userFolder(folder);
      const report = await importFolder(catalog, root, {
        probe: (path, ext) => validateAudioFile(path, { ext }),
        onProgress: (p) =>
          events.emit('job.progress', { job: 'import', label: `Importing ${root}`, done: p.scanned, total: p.total, finished: false }),
      });
      const counted = report.added + report.updated + report.unchanged;
      events.emit('job.progress', { job: 'import', label: `Imported ${counted} tracks`, done: counted, total: counted + report.skipped.length, finished: true });
      events.catalogChanged();
      return report;
    },
    'queue.list': async (input) => {
      const { items, total } = queue.list(input);
      return { items: toRows(items), total };
    },
    'queue.cancel': async ({ id }) => {
      await processor.cancel(id);
      return rowOrNull(id);
    },
    'queue.retry': async ({ id }) => {
      const item = queue.retryNow(id);
      if (!item) throw new AppError('not_found', `No queue item ${id}`);
      pushRows([item.id]);
      processor.kick();
      return rowOrNull(item.id);
    },
    'queue.setPriority': async ({ id, priority }) => {
      queue.setPriority(id, priority);
      pushRows([id]);
      return rowOrNull(id);
    },
    'queue.clearFinished': async () => {
      const removed = queue.clearFinished();
      events.catalogChanged();
      return { removed };
    },
    'queue.pause': async () => {
      processor.pause();
      events.emit('queue.state', state());
      return state();
    },
    'queue.resume': async () => {
      processor.resume();
      events.emit('queue.state', state());
      return state();
    },
    'queue.state': async () => state(),
    'queue.enqueueTrack': async ({ trackId, priority, source }) => {
      const track = catalog.getTrack(trackId);
      if (!track) throw new AppError('not_found', `No track ${trackId} in the catalog`);
      const { item } = queue.enqueueTrack({
        trackId, priority: priority ?? PRIORITY.user, source: source ?? sourceFor(track), destinationPath: track.planned_path ?? undefined,
      });
      pushRows([item.id]);
      processor.kick();
      return rowsFor([item.id])[0]!;
    },
    'qobuz.status': async () => qobuz.status(),
    'qobuz.signIn': async ({ token }) => qobuz.signInWithToken(token),
    'qobuz.signOut': async () => qobuz.signOut(),
    'qobuz.setFolder': async ({ folder }) => qobuz.setFolder(folder),
    'qobuz.preview': async (input) => {
      const p = await qobuz.preview({ folder: input?.folder });
      return { folder: p.root, planned: p.planned, skipped: p.skipped, recognised: p.recognised.length, total: p.total, deduplicated: p.deduplicated };
    },
    'qobuz.sync.start': async (input) => qobuz.startSync({ folder: input?.folder }),
    'qobuz.sync.stop': async () => qobuz.stopSync(),
    ...settingsHandlers,
    ...libraryHandlers,
  };

  async function dispatch(method: string, input: unknown): Promise<Result<unknown>> {
    if (!Object.hasOwn(methods, method)) return err('invalid_input', `Unknown method: ${method}`);
    const m = method as MethodName;
    const parsed = methods[m].input.safeParse(input ?? undefined);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return err('invalid_input', `Invalid input for ${m}: ${issue?.path.join('.') || 'input'} ${issue?.message ?? ''}`.trim());
    }
    try {
      const handler = handlers[m] as (i: unknown) => Promise<unknown>;
      return ok(await handler(parsed.data));
    } catch (e) {
      return toErrResult(e, logger);
    }
  }

  let sourceCheckTimer: NodeJS.Timeout | undefined;
  // Start-up: anything left in progress by a crash goes back to pending; then the catalog meets the disk.
  if (config.recoverOnStart !== false) {
    const recovered = queue.recoverAfterCrash();
    if (recovered.length) logger.info(`Recovered ${recovered.length} interrupted downloads`);
  }
  if (config.reconcileOnStart !== false) reconcile();
  if (config.runQueue) {
    processor.start();
    qobuz.resumeQueued();
    // Says once (in the log, and to clients) why requests wait; then re-checks the sources every minute.
    sourceStates.changed();
    void sourceStates.checkAll();
    sourceCheckTimer = setInterval(() => void sourceStates.checkAll(), 60_000);
    sourceCheckTimer.unref?.();
  }

  return {
    db, catalog, queue, processor, events, qobuz, sourceStates, handlers, config, paths: ports.paths, clock, dispatch, reconcile,
    async close() {
      if (sourceCheckTimer) clearInterval(sourceCheckTimer);
      await qobuz.shutdown();
      await processor.stop();
      events.flush();
      events.close();
      db.close();
    },
  };
}

export function toErrResult(e: unknown, logger: Logger): Result<never> {
  if (e instanceof AppError) return err(e.code, e.message);
  const code = (e as { code?: string } | null)?.code;
  if (code === 'ENOSPC') return err('disk_full', 'Out of disk space');
  if (code === 'ENOENT') return err('not_found', e instanceof Error ? e.message : 'Not found');
  logger.error(e instanceof Error ? e.message : String(e));
  return err('internal', e instanceof Error ? e.message : 'Something went wrong');
}

export { missingFilesWatchdog, DEFAULT_STALE_MS, DEFAULT_USER_LIMITS };

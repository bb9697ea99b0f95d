// The composition root: opens the catalog, wires queue, processor, sources and events, and exposes the
// contract's handlers. Hosts (Electron, headless server, CLI, tests) call this and nothing deeper.
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { methods, roleAllows, type MethodName, type MethodOutput, type Role } from '../../shared/contract';
import { AppError, err, ok, type Result } from '../../shared/result';
import { openDatabase, type Db } from '../db';
import { CatalogStore, LibraryQueries, catalogStatus, importFolder, reconcileCatalog } from '../catalog';
import {
  DEFAULT_STALE_MS, DEFAULT_USER_LIMITS, PRIORITY, QueueProcessor, QueueStore, catalogFullError, isCatalogFull, isPartWriterAlive, missingFilesWatchdog, type UserLimits,
} from '../queue';
import { AlbumArt, CoverArtCache, DownloadTagger, FilingJournal, moveFileAtomic, organisedLayout, validateAudioFile, type LayoutStrategy, isPartOf, sweepPartFiles, checkFolder } from '../library';
import { QobuzService, type QobuzServiceOptions } from '../flows/qobuzSync';
import { BackupScheduler, BackupService } from '../flows/backupRun';
import { MATCHED_STAGE_DETAIL, MatchedDownloads, type MatchedStage } from '../flows/matchedDownload';
import { isSourceId, type DownloadSource, type FetchedFile, type SourceId, type TrackWanted } from '../base';
import { QOBUZ_JOB_SLOTS, SlskdSource } from '../sources';
import { enqueuePeerFiles, peerFilesFromResults, PeerSearches } from '../flows/peerSearch';
import { EventHub } from './eventHub';
import { fileSecretStore, HEADLESS_SECRETS_FILE } from './fileSecretStore';
import { consoleLogger, silentNotifier, systemClock, type Clock, type Logger, type Notifier, type OpenExternal, type Paths, type RevealInFolder, type SecretStore } from '../base';
import { toQueueRows } from './queueRows';
import { missingHandlers } from './missingHandlers';
import { buildLibraryConnector, buildSources, userFolder, type HostSettings, type SlskdTuning, type SpotifySettings } from '../config';
import { SettingsService, SourceStates } from '../settings';
import { DEFAULT_ACCOUNT, MirrorStore, SpotifyProvider, type ConnectorName, type LibraryConnector, type SpotifyApi } from '../providers';
import { LIKED_SONGS_REF, PeerReviewStore, PlaylistStore } from '../playlists';
import { KeepLikesSchedule, MissingTracks, SoulseekReview } from '../flows/missingTracks';
import { HostProgress } from '../flows/hostProgress';
import type { QueueItem } from '../queue';
import type { CoverSize } from '../../shared/coverUrl';
import type { AlbumCoverImage, Id3Version } from '../library';

export interface CorePorts {
  paths: Paths;
  clock?: Clock;
  logger?: Logger;
  /**
   * Tray/taskbar progress and desktop notifications. Without one (CLI commands, most tests) the core does not
   * follow playlist runs for announcements at all.
   */
  notifier?: Notifier;
  secrets?: SecretStore;
  revealInFolder?: RevealInFolder;
  /** Opens a URL in the system browser (the Spotify sign-in); absent on headless hosts, where the page opens it. */
  openExternal?: OpenExternal;
}

export interface CoreConfig {
  host: 'electron' | 'headless' | 'test';
  version?: string;
  /** Root of the organised library where downloads are filed. Default: <dataDir>/Library. */
  libraryDir?: string;
  /** Where matched downloads are filed (over the Settings' Transfer folder). Default: that, or <dataDir>/Transfer. */
  transferDir?: string;
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
  /**
   * Awaited as a matched download enters each stage after its file arrived (matching, transferring, tagging),
   * with the item's cancel signal: tests hold a stage here to cancel in it deterministically.
   */
  onMatchedStage?(queueItemId: number, stage: MatchedStage, signal: AbortSignal): Promise<void>;
  /** Qobuz purchase sync settings (environment, config path, client tuning); read lazily, on first use. */
  qobuz?: QobuzServiceOptions;
  /** better-sqlite3's compiled module for this runtime (Electron passes its own build); default: the package's. */
  sqliteBinding?: string;
  /** Environment that overrides cassette.toml (default: process.env); tests pass their own. */
  env?: NodeJS.ProcessEnv;
  /** Per-request timeout of connection tests (default 5 s). */
  connectionTestTimeoutMs?: number;
  /** Run the in-app backup schedule ([spotify] schedule); default: when the queue runs (apps and servers). */
  backupSchedule?: boolean;
  /** A library server silent this long is unreachable (default 10 s). */
  libraryTimeoutMs?: number;
  /** Continue playlist analyses a restart interrupted (default: when the queue runs). */
  resumeAnalysesOnStart?: boolean;
  /** Timings of the slskd source Settings build (tests shrink them); never what the person chooses. */
  slskdTuning?: SlskdTuning;
}

/** Who is calling a contract method, as far as the core needs to know. */
export interface Caller {
  role: Role;
}
/** The person at the machine (Electron IPC, the CLI): every method is theirs. */
export const OWNER: Caller = { role: 'admin' };

export type Handlers = { [M in MethodName]: (input: z.infer<(typeof methods)[M]['input']>) => Promise<MethodOutput<M>> };

export interface Core {
  db: Db;
  catalog: CatalogStore;
  queue: QueueStore;
  processor: QueueProcessor;
  events: EventHub;
  /** The Qobuz purchase sync (also what `qoget` and `cassette qobuz` drive). */
  qobuz: QobuzService;
  /**
   * The app's one door to Spotify (sign-in, accounts, the per-account request queue, the shared lookup cache),
   * built from the current settings; a saved change to the Spotify settings gives a new one.
   */
  spotify(): Promise<SpotifyProvider>;
  /** Spotify accounts, backup runs and restores as the app sees them (background jobs, run ids). */
  backups: BackupService;
  /** The in-app backup schedule (started with the host when config.backupSchedule, or runQueue, is on). */
  backupScheduler: BackupScheduler;
  /** Each download source's state (configured, reachable), behind "why it waits". */
  sourceStates: SourceStates;
  /** Matched downloads, the artist modal's suggestions, "Match & file". */
  matched: MatchedDownloads;
  /** The "do I own it?" mirror of the library (folder, Plex, Jellyfin, Subsonic). */
  mirror: MirrorStore;
  /** Playlists in the catalog: entries, verdicts, decisions, analysis runs. */
  playlists: PlaylistStore;
  /** The missing-tracks flow: analyse a playlist against the library, queue what is missing. */
  missing: MissingTracks;
  /** "Keep my likes": Liked Songs through the missing-tracks analysis on the backup schedule. */
  keepLikes: KeepLikesSchedule;
  /** The library connector from the current settings (default: `[library] index`, else the library folder). */
  libraryConnector(name?: ConnectorName): Promise<LibraryConnector>;
  handlers: Handlers;
  config: CoreConfig;
  paths: Paths;
  clock: Clock;
  /**
   * Runs a contract method for a caller: unknown methods, methods the caller's role does not allow and invalid
   * input are refused as values. Every transport says who is calling (Electron IPC: the owner, an admin).
   */
  dispatch(method: string, input: unknown, caller: Caller): Promise<Result<unknown>>;
  reconcile(): MethodOutput<'catalog.reconcile'>;
  /**
   * An album's cover as a square JPEG thumbnail (found in its files on first request, then cached), or
   * `not_found` (no such album, or no cover). What the headless host's /v1/covers and Electron's app:// serve.
   */
  coverArt(albumId: number, size: CoverSize): Promise<Result<AlbumCoverImage>>;
  /** The start-up clean-up of part files left by crashed processes; resolves with the paths removed. */
  startupSweep: Promise<string[]>;
  close(): Promise<void>;
}

export function createCore(ports: CorePorts, config: CoreConfig): Core {
  const clock = ports.clock ?? systemClock;
  const logger = ports.logger ?? consoleLogger;
  const notifier = ports.notifier ?? silentNotifier;
  // Headless hosts have no keychain: a 0600 file (it warns once, on the first secret it stores).
  const secrets = ports.secrets ?? fileSecretStore(join(ports.paths.dataDir, HEADLESS_SECRETS_FILE), logger);
  const dbPath = join(ports.paths.dataDir, 'catalog.db');
  const db = whileCatalogWritable(dbPath, () => openDatabase(dbPath, undefined, { nativeBinding: config.sqliteBinding }));
  const catalog = new CatalogStore(db, clock);
  const queue = new QueueStore(db, clock, catalog);
  const events = new EventHub(() => catalogStatus(db));
  const libraryDir = config.libraryDir ?? join(ports.paths.dataDir, 'Library');
  // Both change when Settings are saved (applySettings below).
  let layout = config.layout ?? organisedLayout(libraryDir, 'matched');
  let defaultSource = config.defaultSource ?? 'slskd';
  const sourceFor = (t: { source: string | null }): SourceId =>
    isSourceId(t.source) ? t.source : defaultSource;

  // One cover cache for every flow: an album's tracks, whichever source fetched them, ask for its cover once.
  const covers = new CoverArtCache({ dir: join(ports.paths.cacheDir, 'covers'), onProblem: (m) => logger.warn(m) });
  // Qobuz purchases are tagged from the sync's own metadata (QobuzService); these from the catalog's.
  const CATALOG_TAGGED = new Set<SourceId>(['slskd', 'tickets']);
  // Every flow that tags reads the setting per file: a change in Settings applies to the next file.
  const id3Version = async (): Promise<Id3Version> => (await settings.settings()).id3Version;
  const catalogTagger = new DownloadTagger({ covers, onProblem: (m) => logger.warn(m), id3Version });

  const planDestination = (track: TrackWanted, ext: string): string =>
    layout.plan({
      id: track.trackId, ext, title: track.title, artist: track.artist, albumArtist: track.albumArtist,
      album: track.album, trackNumber: track.trackNumber, discNumber: track.discNumber, trackCount: track.albumTrackCount,
      albumType: track.albumType,
    });

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
  const processor: QueueProcessor = new QueueProcessor({
    store: queue,
    catalog,
    sources,
    // Qobuz bounds its own connections (4); its extra job slots validate and tag while others download.
    concurrency,
    stallMs: config.stallMs,
    staleMs: config.staleMs,
    clock,
    logger,
    planDestination,
    validate: (path, claim) => validateAudioFile(path, claim),
    moveFile: async (src, dest, options) => {
      await moveFileAtomic(src, dest, options);
    },
    replaces: (track, item, dest): boolean => item.source === 'qobuz' && qobuz.replaces(track, dest),
    onHalt: (halt) => {
      logger.error(halt.message);
      events.emit('queue.state', { paused: true, active: processor.activeCount });
    },
    finalize: async (track, file, item) => {
      if (item.source === 'qobuz') await qobuz.finalize(track, file);
      // A matched download is tagged from Spotify on its filed copy; the original is left as it came.
      else if (CATALOG_TAGGED.has(item.source) && item.request_source !== 'matched') await catalogTagger.finalize(track, file);
      await config.finalize?.(track, file);
    },
    placed: async (track, path, item) => {
      if (CATALOG_TAGGED.has(item.source) && item.request_source !== 'matched') await catalogTagger.fileCover(track, path);
    },
    deliver: (track, file, item, signal) => matched.deliver(track, file, item, signal, reportStage),
    finishInterrupted: (track, item, signal) => matched.finishInterrupted(track, item, signal, reportStage),
    offerForReview: (track, _item, candidates) => review.offer(track.trackId, candidates),
    onChange: (item) => {
      const [row] = toRows([item]);
      if (row) events.rowChanged(row);
      reportProgress();
    },
  });

  /** A matched download's stage (matching, transferring, tagging) shows in its row. */
  async function reportStage(id: number, stage: MatchedStage, signal: AbortSignal): Promise<void> {
    queue.heartbeat(id, { detail: MATCHED_STAGE_DETAIL[stage] });
    pushRows([id]);
    await config.onMatchedStage?.(id, stage, signal);
  }

  async function spotifyApi(): Promise<SpotifyApi> {
    const provider = await spotify();
    const accounts = await provider.list();
    const account = accounts.find((a) => a.account === DEFAULT_ACCOUNT) ?? accounts[0];
    if (!account) throw new AppError('auth_required', 'Sign in to Spotify first (`cassette spotify login`): matched downloads take their names and tags from Spotify.');
    return provider.api(account.account);
  }

  const matched: MatchedDownloads = new MatchedDownloads({
    journal: new FilingJournal(db, clock),
    queue,
    catalog,
    covers,
    api: spotifyApi,
    transferDir: async () => config.transferDir ?? (await settings.settings()).transferDir ?? join(ports.paths.dataDir, 'Transfer'),
    id3Version,
    slskdReady: () => sources.slskd instanceof SlskdSource,
    changed: (ids) => {
      pushRows(ids);
      processor.kick();
    },
    logger,
  });

  const qobuz: QobuzService = new QobuzService(
    {
      db, catalog, queue, processor, events, clock, logger, paths: ports.paths, secrets, covers, id3Version, reconcile: () => reconcile(),
      setSource: (source) => {
        sources[source.id] = source;
        processor.kick();
        void sourceStates.check('qobuz');
      },
    },
    config.qobuz,
  );

  // Tray/taskbar progress needs a GROUP BY over the queue (and the playlist runs' entries): at most once a
  // second, not once per row change or per analysed track.
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
    hostProgress?.refresh();
  }

  function reconcile(): MethodOutput<'catalog.reconcile'> {
    const r = reconcileCatalog(db, clock);
    // A playlist entry the person ignored is neither downloaded nor retried.
    const ignored = playlists.ignoredTrackIds();
    const queued = queue.rebuildFromCatalog((t) => (ignored.has(t.id) ? undefined : sourceFor(t)));
    events.catalogChanged();
    if (queued) processor.kick();
    return { checked: r.checked, present: r.present, nowMissing: r.nowMissing.length, nowPresent: r.nowPresent.length, queued, ms: r.ms };
  }

  // Settings: saved changes take effect in this core at once (sources rebuilt, folders and default switched).
  function applySettings(s: HostSettings): void {
    const built = buildSources(s, config.slskdTuning);
    for (const id of ['slskd', 'tickets'] as const) {
      if (built[id]) sources[id] = built[id];
      else delete sources[id];
    }
    if (s.concurrency.tickets) concurrency.tickets = s.concurrency.tickets;
    else delete concurrency.tickets;
    defaultSource = s.defaultSource;
    if (!config.layout) layout = organisedLayout(s.libraryDir ?? join(ports.paths.dataDir, 'Library'), 'matched');
    if (spotifyProvider && !sameSpotifySettings(spotifyProvider.settings, s.spotify)) spotifyProvider = undefined;
    processor.kick();
    sourceStates.changed();
  }
  let spotifyProvider: SpotifyProvider | undefined;
  async function spotify(): Promise<SpotifyProvider> {
    const s = await settings.settings();
    spotifyProvider ??= new SpotifyProvider({ settings: s.spotify, secrets, db, clock });
    return spotifyProvider;
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
  const backups = new BackupService({
    provider: spotify,
    root: () => settings.backupsRoot(),
    keepRuns: async () => (await settings.settings()).spotify.keepRuns,
    schedule: async () => (await settings.settings()).spotify.schedule ?? 'off',
    dataDir: ports.paths.dataDir,
    clock,
    logger,
    events,
    openExternal: ports.openExternal,
    nextScheduledAt: () => backupScheduler.nextCheckAt(),
  });
  const backupScheduler: BackupScheduler = new BackupScheduler({
    service: backups, clock, logger, schedule: async () => (await settings.settings()).spotify.schedule ?? 'off',
  });
  const backupHandlers: Pick<
    Handlers,
    'spotify.accounts' | 'spotify.signIn' | 'spotify.signOut' | 'backups.list' | 'backups.run' | 'backups.resume' | 'backups.files' | 'backups.diff' | 'restore.plan' | 'restore.start'
  > = {
    'spotify.accounts': async () => backups.accounts(),
    'spotify.signIn': async ({ account }) => backups.signIn(account),
    'spotify.signOut': async ({ account }) => backups.signOut(account),
    'backups.list': async () => backups.overview(),
    'backups.run': async ({ account }) => backups.startBackup(account),
    'backups.resume': async ({ account }) => backups.startBackup(account, { resume: true }),
    'backups.files': async ({ run }) => backups.files(run),
    'backups.diff': async ({ runA, runB }) => backups.diff(runA, runB),
    'restore.plan': async ({ run, account }) => backups.plan(run, account),
    'restore.start': async ({ run, account }) => backups.startRestore(run, account),
  };
  // The "do I own it?" index and playlists: the analysis runs here; its downloads go through the queue.
  const mirror = new MirrorStore(db, clock);
  const playlists = new PlaylistStore(db, clock);
  const missing = new MissingTracks({
    db, clock, catalog, mirror, playlists, reconcile: () => reconcile(), warn: (line) => logger.warn(line),
  });
  // The Soulseek half of the review list: the queue offers close calls of playlist tracks, the person picks.
  const review: SoulseekReview = new SoulseekReview({
    catalog, queue, playlists, reviews: new PeerReviewStore(db, clock),
    source: () => (sources.slskd instanceof SlskdSource ? sources.slskd : undefined),
    cancelTrackDownloads: (ids) => cancelTrackDownloads(ids),
    enqueued: (item) => {
      pushRows([item.id]);
      events.catalogChanged();
      processor.kick();
    },
    reconcile: () => void reconcile(),
  });
  // Only a host with a notifier follows the runs: a one-shot CLI core must not take a run's announcement away
  // from the app (announcing marks the run).
  const hostProgress = ports.notifier
    ? new HostProgress({
        playlists,
        summary: (playlistId, run) => missing.summary(playlistId, run),
        queue: () => {
          const s = queue.stats();
          return { pending: s.pending, inProgress: s.in_progress, completed: s.completed };
        },
        notifier,
      })
    : undefined;
  if (hostProgress) events.on('missing.progress', () => reportProgress());
  async function libraryConnector(name?: ConnectorName): Promise<LibraryConnector> {
    const s = await settings.settings();
    return buildLibraryConnector(name ?? s.libraryServers.index, s, { defaultFolder: libraryDir, timeoutMs: config.libraryTimeoutMs });
  }
  // Library browsing: paged reads of the catalog.
  const library = new LibraryQueries(db);
  const albumArt = new AlbumArt({ dir: join(ports.paths.cacheDir, 'album-art'), albumFiles: (id) => library.albumFiles(id), onProblem: (m) => logger.warn(m) });
  const coverArt = async (albumId: number, size: CoverSize): Promise<Result<AlbumCoverImage>> => {
    try {
      return await albumArt.cover(albumId, size);
    } catch (e) {
      return toErrResult(e, logger);
    }
  };
  const libraryHandlers: Pick<Handlers, 'library.artists' | 'library.albums' | 'library.album' | 'library.tracks' | 'library.reveal'> = {
    'library.artists': async (input) => library.artists(input),
    'library.albums': async (input) => library.albums(input),
    'library.album': async ({ id, offset, limit }) => {
      const album = library.album(id);
      if (!album) throw new AppError('not_found', `No album ${id} in the catalog`);
      const page = library.albumTracks(id, { offset: offset ?? 0, limit: limit ?? 100 });
      return { album, tracks: page.items, total: page.total };
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

  // Soulseek search (the Search page): through the slskd source's own runner, whichever source Settings built last.
  const peerSearches = new PeerSearches({ source: () => (sources.slskd instanceof SlskdSource ? sources.slskd : undefined), clock });
  const searchHandlers: Pick<Handlers, 'search.start' | 'search.results' | 'search.download'> = {
    'search.start': async ({ query }) => peerSearches.start(query),
    'search.results': async ({ searchId, filters, albumLimit, singleLimit }) =>
      peerSearches.results(searchId, filters ?? { minQuality: 'any' }, { albums: albumLimit, singles: singleLimit }),
    'search.download': async ({ searchId, username, filenames }) => {
      const files = peerFilesFromResults(peerSearches.completed(searchId), username, filenames);
      const { items, alreadyQueued } = enqueuePeerFiles({ catalog, queue }, files);
      pushRows(items.map((i) => i.id));
      events.catalogChanged();
      processor.kick();
      return { rows: rowsFor(items.map((i) => i.id)), alreadyQueued };
    },
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
      const { path: root } = await checkFolder(userFolder(folder), { access: 'read', mayCreate: false, label: 'The folder to import' });
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
    'qobuz.setFolder': async ({ folder }) => qobuz.setFolder((await checkFolder(folder, QOBUZ_FOLDER)).path),
    'qobuz.preview': async (input) => {
      const p = await qobuz.preview({ folder: await checkedQobuzFolder(input?.folder) });
      return { folder: p.root, planned: p.planned, skipped: p.skipped, recognised: p.recognised.length, total: p.total, deduplicated: p.deduplicated };
    },
    'qobuz.sync.start': async (input) => qobuz.startSync({ folder: await checkedQobuzFolder(input?.folder) }),
    'qobuz.sync.stop': async () => qobuz.stopSync(),
    ...settingsHandlers,
    ...libraryHandlers,
    ...backupHandlers,
    ...searchHandlers,
    ...matchHandlers(),
    ...missingHandlers({
      missing, review, queueRow: (id) => rowsFor([id])[0]!, playlists, catalog, cancelTrackDownloads, events, logger, spotify, libraryConnector,
      keepLikes: async () => (await settings.settings()).spotify.keepLikes ?? false,
    }),
  };

  // "Keep my likes": Liked Songs analysed like a playlist on the backup schedule (and on demand, by ref).
  const keepLikesSchedule = new KeepLikesSchedule({
    setting: async () => {
      const s = (await settings.settings()).spotify;
      return { keepLikes: s.keepLikes ?? false, schedule: s.schedule ?? 'off' };
    },
    latest: () => {
      const p = playlists.byRef(LIKED_SONGS_REF);
      const run = p && playlists.latestRun(p.id);
      return run ? { startedAt: run.startedAt, running: run.state === 'running' } : null;
    },
    start: async () => {
      const accounts = await (await spotify()).list();
      const account = (accounts.find((a) => a.account === DEFAULT_ACCOUNT) ?? accounts[0])?.account;
      if (!account) throw new AppError('auth_required', 'Sign in to Spotify first (Settings → Spotify): Liked Songs are read from your account.');
      await handlers['missing.analyse']({ playlist: LIKED_SONGS_REF, account });
    },
    clock,
    logger,
  });

  async function cancelTrackDownloads(trackIds: number[]): Promise<number> {
    let cancelled = 0;
    for (const trackId of trackIds) {
      const item = queue.activeForTrack(trackId);
      if (!item) continue;
      await processor.cancel(item.id);
      cancelled++;
    }
    return cancelled;
  }

  function matchHandlers(): Pick<Handlers, 'match.suggestArtists' | 'match.searchArtists' | 'match.download' | 'match.downloadAlbum' | 'match.fileExisting'> {
    return {
      'match.suggestArtists': async ({ file }) => matched.suggester.suggest(file),
      'match.searchArtists': async ({ query, file }) => matched.suggester.search(query, file),
      'match.download': async ({ file, artist }) => {
        const item = await matched.download(file, artist);
        return rowsFor([item.id])[0]!;
      },
      'match.downloadAlbum': async ({ files, artist }) => rowsFor((await matched.downloadAlbum(files, artist)).map((i) => i.id)),
      'match.fileExisting': async ({ queueItemId, path, artist }) => {
        if (queueItemId !== undefined) {
          const t = matched.existingTarget(queueItemId);
          return matched.fileExisting({ ...t, queueItemId }, artist);
        }
        // A loose file must be in slskd's downloads folder: Match & file moves what was downloaded, nothing else.
        const downloads = (await settings.settings()).slskd?.downloadsDir;
        const file = await checkFolder(dirname(path ?? ''), { access: 'write', mayCreate: false, label: 'The file\'s folder' });
        const inside = downloads ? (await checkFolder(downloads, { access: 'read', mayCreate: false, label: 'The downloads folder' })).path : undefined;
        if (!inside || !(file.path === inside || file.path.startsWith(`${inside}/`))) {
          throw new AppError('invalid_input', 'Match & file takes files from the Soulseek downloads folder (Settings → Soulseek).');
        }
        const full = join(file.path, basename(path ?? ''));
        return matched.fileExisting({ path: full, file: { filename: full } }, artist);
      },
    };
  }

  async function dispatch(method: string, input: unknown, caller: Caller): Promise<Result<unknown>> {
    if (!Object.hasOwn(methods, method)) return err('invalid_input', `Unknown method: ${method.slice(0, 100)}`);
    const m = method as MethodName;
    if (!roleAllows(caller.role, methods[m].role)) return err('forbidden', `${m} needs an admin token.`);
    const parsed = methods[m].input.safeParse(input ?? undefined);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return err('invalid_input', `Invalid input for ${m}: ${issue?.path.join('.') || 'input'} ${issue?.message ?? ''}`.trim());
    }
    try {
      const handler = handlers[m] as (i: unknown) => Promise<unknown>;
      return ok(await handler(parsed.data));
    } catch (e) {
      if (isCatalogFull(e, dbPath)) return err('disk_full', catalogFullError(dbPath).message);
      return toErrResult(e, logger);
    }
  }

  let sourceCheckTimer: NodeJS.Timeout | undefined;
  // Start-up: anything left in progress by a crash goes back to pending; then the catalog meets the disk.
  whileCatalogWritable(dbPath, () => {
    if (config.recoverOnStart !== false) {
      const recovered = queue.recoverAfterCrash();
      if (recovered.length) logger.info(`Recovered ${recovered.length} interrupted downloads`);
    }
    if (config.reconcileOnStart !== false) reconcile();
  }, () => db.close());
  const startupSweep = config.recoverOnStart !== false ? sweepLeftoverParts() : Promise.resolve([]);
  // "Match & file" runs a crash interrupted (matched downloads finish through the queue when claimed again).
  const filingRecovery = config.recoverOnStart !== false ? matched.recoverStandalone().catch(() => 0) : Promise.resolve(0);
  if (config.runQueue) {
    processor.start();
    qobuz.resumeQueued();
    // Says once (in the log, and to clients) why requests wait; then re-checks the sources every minute.
    sourceStates.changed();
    void sourceStates.checkAll();
    sourceCheckTimer = setInterval(() => void sourceStates.checkAll(), 60_000);
    sourceCheckTimer.unref?.();
  }
  // Catches up at once (a run overdue while the app was closed starts now), then checks hourly.
  if (config.backupSchedule ?? config.runQueue) {
    void backupScheduler.start();
    void keepLikesSchedule.start();
  }
  // Runs that ended while the app was closed are announced now; the tray starts from the current state.
  if (hostProgress) reportProgress();
  if (config.resumeAnalysesOnStart ?? config.runQueue) {
    void missing.resumeInterrupted().catch((e: unknown) => logger.warn(`Could not resume a playlist analysis: ${e instanceof Error ? e.message : String(e)}`));
  }

  /**
   * Part files of every source whose writer is gone (a crash), in the library, the Qobuz folder and beside every
   * waiting download. A part a resuming source (tickets) will continue from stays while its request waits.
   */
  async function sweepLeftoverParts(): Promise<string[]> {
    try {
      const waiting = db
        .prepare(`SELECT source, track_id, destination_path FROM queue_items WHERE kind='track' AND status IN ('pending','in_progress','retry_waiting')`)
        .all() as { source: SourceId; track_id: number | null; destination_path: string | null }[];
      const resumeTargets: string[] = [];
      const dirs: string[] = [];
      for (const w of waiting) {
        const track = w.destination_path === null && w.track_id !== null ? catalog.trackWanted(w.track_id) : undefined;
        const target = w.destination_path ?? (track ? planDestination(track, 'mp3') : undefined);
        if (!target) continue;
        dirs.push(dirname(target));
        if (sources[w.source]?.resumesPartFiles) resumeTargets.push(target);
      }
      const qobuzFolder = await qobuz.knownFolder();
      const removed = await sweepPartFiles([libraryDir, ...(qobuzFolder ? [qobuzFolder] : []), ...dirs], {
        isWriterAlive: isPartWriterAlive,
        resumable: (part) => resumeTargets.some((t) => isPartOf(part, t)),
      });
      if (removed.length) logger.info(`Removed ${removed.length} part files left by an interrupted download`);
      return removed;
    } catch (e) {
      logger.warn(`Could not clean up part files: ${e instanceof Error ? e.message : String(e)}`);
      return [];
    }
  }

  return {
    db, catalog, queue, processor, events, qobuz, spotify, backups, backupScheduler, sourceStates, matched, mirror, playlists, missing, keepLikes: keepLikesSchedule, libraryConnector, handlers, config, paths: ports.paths, clock, dispatch, reconcile, coverArt, startupSweep,
    async close() {
      if (sourceCheckTimer) clearInterval(sourceCheckTimer);
      sourceStates.close();
      backupScheduler.stop();
      keepLikesSchedule.stop();
      backups.close();
      await backups.settled();
      peerSearches.close();
      await startupSweep;
      await filingRecovery;
      await qobuz.shutdown();
      await processor.stop();
      if (progressTimer) clearTimeout(progressTimer);
      events.flush();
      events.close();
      db.close();
    },
  };
}

function sameSpotifySettings(a: SpotifySettings, b: SpotifySettings): boolean {
  return a.clientId === b.clientId && a.accountsBase === b.accountsBase && a.apiBase === b.apiBase;
}

/** Runs a start-up step; a catalog on a full disk becomes one error naming the file (not SQLite's raw one). */
function whileCatalogWritable<T>(dbPath: string, step: () => T, onFull: () => void = () => {}): T {
  try {
    return step();
  } catch (e) {
    if (!isCatalogFull(e, dbPath)) throw e;
    onFull();
    throw catalogFullError(dbPath);
  }
}

const QOBUZ_FOLDER = { access: 'write', label: 'The Qobuz folder' } as const;
/** A folder a client names is checked before anything touches it; none named: the saved one (checked when saved). */
async function checkedQobuzFolder(folder: string | undefined): Promise<string | undefined> {
  return folder === undefined ? undefined : (await checkFolder(folder, QOBUZ_FOLDER)).path;
}

/**
 * An exception as a Result for a client. Only AppErrors carry their message out: anything else may name files or
 * internals, so it is logged here and the client gets a generic message.
 */
export function toErrResult(e: unknown, logger: Logger): Result<never> {
  if (e instanceof AppError) return err(e.code, e.message);
  const code = (e as { code?: string } | null)?.code;
  logger.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  if (code === 'ENOSPC') return err('disk_full', 'Out of disk space');
  if (code === 'ENOENT') return err('not_found', 'A file or folder this needs is missing (details in the host log).');
  return err('internal', 'Something went wrong (details in the host log).');
}

export { missingFilesWatchdog, DEFAULT_STALE_MS, DEFAULT_USER_LIMITS };

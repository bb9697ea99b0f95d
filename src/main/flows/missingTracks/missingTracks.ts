// The "missing tracks of a playlist" flow, analysis half: refresh the library mirror (or fall back when the
// server is unreachable), check every playlist entry against the mirror and the catalog, and — unless it is a
// dry run — put the entries into the catalog, mark what the library owns, and let reconcile rebuild the queue
// from the missing ones. Runs are persisted (playlists/), so one interrupted by a restart resumes where it was.
// The download half (searching Soulseek per track with the matched layout) is the matched-download flow's; the
// seam is the queue: missing playlist tracks are queued as ordinary catalog tracks.
import { AppError } from '../../../shared/result';
import type { Clock } from '../../base';
import { setOwnedElsewhere, upsertPlaylistTrack, type CatalogStore } from '../../catalog';
import type { Db } from '../../db';
import type { Decision, LoadedPlaylist, PlaylistEntry, PlaylistStore, RunRow, StoredEntry } from '../../playlists';
import { LibraryUnreachableError, type ConnectorName, type LibraryConnector, type MirrorStore } from '../../providers';
import { buildOwnedIndex } from './buildOwnedIndex';
import type { OwnedIndex, Verdict } from './ownedIndex';
import { summariseRun, type RunSummary } from './runSummary';

export type OfflineMode = 'mirror' | 'all';

export interface LibraryReport {
  connector: ConnectorName;
  /** `live`: the server answered; `mirror`: it did not, the last mirror was used; `none`: no library was used. */
  source: 'live' | 'mirror' | 'none';
  /** Age of the mirror used (0 when just refreshed), null without one. */
  mirrorAgeSeconds: number | null;
}

export interface TrackReport {
  title: string;
  artists: string[];
  status: Verdict['status'];
  owned: boolean;
  confidence: number | null;
  match: Verdict['match'];
}

export interface AnalysisReport {
  total: number;
  owned: number;
  toDownload: number;
  review: number;
  library: LibraryReport;
  tracks: TrackReport[];
  /** Requests the queue rebuild created (0 on a dry run). */
  queued: number;
  /** The persisted run (null on a dry run). */
  runId: number | null;
  state: 'finished' | 'cancelled';
}

export interface AnalyseProgress {
  runId: number | null;
  done: number;
  total: number;
  owned: number;
  toDownload: number;
  review: number;
  track?: TrackReport;
}

export interface AnalyseOptions {
  connector: LibraryConnector;
  /** When the server is unreachable: the last mirror (default when there is one) or every track to download. */
  offline?: OfflineMode;
  dryRun?: boolean;
  account?: string;
  signal?: AbortSignal;
  onProgress?(p: AnalyseProgress): void;
  /** Where the "unreachable" line goes (default: the core's log). */
  warn?(line: string): void;
  /** Called once the run is persisted (not on a dry run): the app returns its id while the analysis goes on. */
  onRun?(runId: number): void;
}

export interface MissingTracksDeps {
  db: Db;
  clock: Clock;
  catalog: CatalogStore;
  mirror: MirrorStore;
  playlists: PlaylistStore;
  /** Reconcile + queue rebuild (the core's); returns how many requests it created. */
  reconcile(): { queued: number };
  /** One line a person reads (the CLI writes it to stderr). */
  warn(line: string): void;
}

/** Progress rows are written at most every this many entries (and at the end). */
const PROGRESS_EVERY = 25;

export class MissingTracks {
  private readonly running = new Map<number, AbortController>();

  constructor(private readonly d: MissingTracksDeps) {}

  /** Refreshes the library mirror; when the server is unreachable, says so once and picks the fallback. */
  async refreshLibrary(connector: LibraryConnector, offline: OfflineMode | undefined, signal?: AbortSignal, warn = this.d.warn): Promise<LibraryReport> {
    try {
      await this.d.mirror.refresh(connector, signal);
      return { connector: connector.name, source: 'live', mirrorAgeSeconds: 0 };
    } catch (e) {
      if (!(e instanceof LibraryUnreachableError)) throw e;
      const state = this.d.mirror.state(connector.name);
      const mode = offline ?? (state ? 'mirror' : 'all');
      if (mode === 'mirror' && state) {
        const age = Math.max(0, Math.round((this.d.clock.now() - state.refreshedAt) / 1000));
        warn(`${e.message} Using the last mirror (${state.trackCount} tracks, ${describeAge(age)} old); --offline all downloads every track instead.`);
        return { connector: connector.name, source: 'mirror', mirrorAgeSeconds: age };
      }
      warn(
        mode === 'mirror'
          ? `${e.message} There is no earlier mirror of it, so every track not already in the catalog is to download.`
          : `${e.message} Every track not already in the catalog is to download (--offline mirror uses the last mirror instead).`,
      );
      return { connector: connector.name, source: 'none', mirrorAgeSeconds: null };
    }
  }

  async analyse(playlist: LoadedPlaylist, o: AnalyseOptions): Promise<AnalysisReport> {
    if (playlist.entries.length === 0) throw new AppError('invalid_input', `The playlist "${playlist.name}" has no tracks Cassette can look for.`);
    const library = await this.refreshLibrary(o.connector, o.offline, o.signal, o.warn);
    const decisions = this.d.playlists.decisions(playlist.ref);
    if (o.dryRun) {
      const index = this.index(library);
      const counts = { owned: 0, toDownload: 0, review: 0 };
      const verdicts = playlist.entries.map((e, i) => {
        o.signal?.throwIfAborted();
        const v = index.check(e, decisions.get(e.key) ?? null);
        if (v.status === 'owned') counts.owned++;
        else if (v.status === 'review') counts.review++;
        else counts.toDownload++;
        o.onProgress?.({ runId: null, done: i + 1, total: playlist.entries.length, ...counts, track: trackReport(e, v) });
        return v;
      });
      return this.report(playlist.entries, verdicts, library, 0, null, 'finished');
    }
    const playlistId = this.d.playlists.save(playlist, o.account);
    const run = this.d.playlists.startRun(playlistId, { connector: o.connector.name, offline: o.offline ?? null }, playlist.entries.length);
    this.d.playlists.progress(run.id, { done: 0, owned: 0, toDownload: 0, review: 0, library: { ...library } });
    this.d.playlists.clearVerdicts(playlistId);
    o.onRun?.(run.id);
    return this.continueRun(run, library, o);
  }

  /** Runs a restart left `running`, continued from the first entry without a verdict, against the mirror as it is. */
  async resumeInterrupted(onProgress?: AnalyseOptions['onProgress']): Promise<AnalysisReport[]> {
    const out: AnalysisReport[] = [];
    for (const run of this.d.playlists.runningRuns()) {
      if (this.running.has(run.id)) continue;
      const saved = run.library as Partial<LibraryReport> | null;
      const connector = (saved?.connector ?? (run.options.connector as ConnectorName | undefined) ?? 'folder') as ConnectorName;
      const state = this.d.mirror.state(connector);
      const source = saved?.source === 'none' || !state ? 'none' : saved?.source === 'live' ? 'live' : 'mirror';
      const library: LibraryReport = {
        connector,
        source,
        mirrorAgeSeconds: state && source !== 'none' ? Math.max(0, Math.round((this.d.clock.now() - state.refreshedAt) / 1000)) : null,
      };
      out.push(await this.continueRun(run, library, { onProgress }));
    }
    return out;
  }

  /**
   * The person's word on one entry ("owned", "not this one", or null to take it back), applied at once: the
   * entry's catalog track is marked owned, or goes back to missing and the queue rebuild fetches it.
   */
  decide(playlistId: number, key: string, decision: Decision | null): StoredEntry {
    if (!this.d.playlists.decide(playlistId, key, decision)) throw new AppError('not_found', `No track "${key}" in that playlist.`);
    const entry = this.d.playlists.entries(playlistId).find((e) => e.key === key)!;
    if (decision !== null || entry.status !== null) {
      const status = decision === 'owned' ? 'owned' : decision === 'not_owned' ? 'download' : (entry.status ?? 'download');
      const v: Verdict = {
        status, owned: status === 'owned', confidence: entry.confidence, match: entry.match, candidate: null,
        reason: decision ? 'your decision' : 'the last analysis',
      };
      this.d.db.transaction(() => this.record(playlistId, entry, v))();
      if (status === 'download') this.d.reconcile();
    }
    return this.d.playlists.entries(playlistId).find((e) => e.key === key)!;
  }

  /** Where a run of a playlist stands, entry by entry (default: its latest run); null before its first run. */
  summary(playlistId: number, run: RunRow | undefined = this.d.playlists.latestRun(playlistId)): RunSummary | null {
    if (!run) return null;
    const entries = this.d.playlists.entries(playlistId).map((e) => {
      const t = e.trackId === null ? undefined : this.d.catalog.getTrack(e.trackId);
      return { status: e.status, decision: e.decision, trackStatus: t?.status ?? null, needsPick: t?.error_type === 'needs_review', ignored: e.ignored };
    });
    return summariseRun(run.state, entries);
  }

  /** Stops a running analysis (it ends `cancelled`, keeping the verdicts it reached). False when none runs. */
  cancel(runId: number): boolean {
    const c = this.running.get(runId);
    if (c) {
      c.abort();
      return true;
    }
    const run = this.d.playlists.run(runId);
    if (run?.state !== 'running') return false;
    this.d.playlists.finishRun(runId, 'cancelled');
    return true;
  }

  private async continueRun(run: RunRow, library: LibraryReport, o: Pick<AnalyseOptions, 'signal' | 'onProgress'>): Promise<AnalysisReport> {
    const controller = new AbortController();
    this.running.set(run.id, controller);
    const abort = () => controller.abort();
    o.signal?.addEventListener('abort', abort, { once: true });
    try {
      const index = this.index(library);
      const entries = this.d.playlists.entries(run.playlistId);
      const counts = { owned: 0, toDownload: 0, review: 0 };
      const count = (s: string | null) => {
        if (s === 'owned') counts.owned++;
        else if (s === 'review') counts.review++;
        else if (s === 'download') counts.toDownload++;
      };
      let done = 0;
      for (const e of entries) {
        if (e.status !== null) {
          count(e.status);
          done++;
        }
      }
      const verdicts = new Map<string, Verdict>();
      let cancelled = false;
      for (const e of entries) {
        if (e.status !== null) continue;
        if (controller.signal.aborted) {
          cancelled = true;
          break;
        }
        const v = index.check(e, e.decision);
        verdicts.set(e.key, v);
        this.d.db.transaction(() => this.record(run.playlistId, e, v))();
        count(v.status);
        done++;
        if (done % PROGRESS_EVERY === 0 || done === entries.length) this.d.playlists.progress(run.id, { done, ...counts });
        o.onProgress?.({ runId: run.id, done, total: entries.length, ...counts, track: trackReport(e, v) });
        // Let cancels, other requests and progress events in between entries.
        if (done % PROGRESS_EVERY === 0) await new Promise<void>((r) => setImmediate(r));
      }
      this.d.playlists.progress(run.id, { done, ...counts });
      const queued = cancelled ? 0 : this.d.reconcile().queued;
      this.d.playlists.finishRun(run.id, cancelled ? 'cancelled' : 'finished');
      const final = this.d.playlists.entries(run.playlistId);
      const all = final.map((e) => verdicts.get(e.key) ?? storedVerdict(e));
      return this.report(final, all, library, queued, run.id, cancelled ? 'cancelled' : 'finished');
    } catch (e) {
      this.d.playlists.finishRun(run.id, 'failed', e instanceof Error ? e.message : String(e));
      throw e;
    } finally {
      o.signal?.removeEventListener('abort', abort);
      this.running.delete(run.id);
    }
  }

  /**
   * One entry into the catalog: owned by a catalog track → linked to it; owned on a library server → a catalog
   * track marked owned there; to download → a missing catalog track (the queue rebuild fetches it). An entry in
   * review waits for the person's decision before it enters the catalog, so an uncertain match is neither
   * fetched a second time nor skipped in silence.
   */
  private record(playlistId: number, e: StoredEntry, v: Verdict): void {
    this.d.playlists.setVerdict(playlistId, e.key, { status: v.status, confidence: v.confidence, match: v.match });
    // An ignored entry is not fetched, whatever the analysis says (unless the library owns it by now).
    if (v.status === 'review' || (e.ignored && !v.owned)) return;
    const catalogId = v.owned && v.candidate?.where === 'catalog' ? v.candidate.catalogTrackId : undefined;
    const trackId = upsertPlaylistTrack(this.d.catalog, e, catalogId);
    this.d.playlists.linkTrack(playlistId, e.key, trackId);
    const where = v.owned ? (trackId === catalogId ? null : (v.candidate?.where ?? v.match?.where ?? 'manual')) : null;
    setOwnedElsewhere(this.d.db, trackId, where, this.d.clock.now());
  }

  private index(library: LibraryReport): OwnedIndex {
    return buildOwnedIndex({ db: this.d.db, mirror: this.d.mirror, connector: library.source !== 'none' ? library.connector : null });
  }

  private report(
    entries: readonly PlaylistEntry[],
    verdicts: readonly Verdict[],
    library: LibraryReport,
    queued: number,
    runId: number | null,
    state: AnalysisReport['state'],
  ): AnalysisReport {
    const tracks = entries.map((e, i) => trackReport(e, verdicts[i]!));
    return {
      total: tracks.length,
      owned: tracks.filter((t) => t.status === 'owned').length,
      toDownload: tracks.filter((t) => t.status === 'download').length,
      review: tracks.filter((t) => t.status === 'review').length,
      library,
      tracks,
      queued,
      runId,
      state,
    };
  }
}

function trackReport(e: Pick<PlaylistEntry, 'title' | 'artists'>, v: Verdict): TrackReport {
  return { title: e.title, artists: e.artists, status: v.status, owned: v.owned, confidence: v.confidence, match: v.match };
}

function storedVerdict(e: StoredEntry): Verdict {
  const status = e.status ?? 'download';
  return { status, owned: status === 'owned', confidence: e.confidence, match: e.match, candidate: null, reason: '' };
}

function describeAge(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}

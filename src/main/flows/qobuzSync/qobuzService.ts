// The Qobuz purchase sync as the core offers it — to the app's Qobuz page (status, sign in/out, folder,
// preview, start/stop in the background) and to the CLI (`qoget sync`, `qoget login`, `cassette qobuz ...`), which
// run this same code. Owns the signed-in client and registers the Qobuz download source with the queue.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { qobuzLastSync } from '../../../shared/contract';
import { AppError } from '../../../shared/result';
import { SyncCatalog } from '../../catalog';
import { CoverArtCache, type Id3Version } from '../../library';
import { qobuzOAuthLogin, type QobuzClient, type QobuzClientOptions, type QobuzTransferOptions, type QobuzUser, LimitedQobuzSource } from '../../sources';
import type { DownloadSource, FetchedFile, TrackWanted, Paths, SecretStore } from '../../base';
import { loadQobuzConfig, type LoadedQobuzConfig } from './config';
import { CheckedTokens, isTokenRejection } from './checkedTokens';
import { catalogFullError, isCatalogFull } from '../../queue';
import {
  QOBUZ_TOKEN_SECRET,
  createQobuzClient,
  credentialLabel,
  describeQobuzUser,
  noCredentialsError,
  resolveCredentials,
  signInQobuz,
  tokenRejectedError,
  toAppError,
  type CredentialSource,
  type QobuzCredentials,
} from './credentials';
import { QobuzTagger } from './qobuzTagger';
import type { AudioProbe } from './recognise';
import { previewQobuzSync, runQobuzSync, SYNC_JOB, type SyncCounts, type SyncRuntime } from './runSync';
import type { SyncEvent, SyncPreview, SyncStop, SyncSummary } from './summary';

export const QOBUZ_SETTINGS_FILE = 'qobuz.json';

export interface QobuzStatus {
  signedIn: boolean;
  user: { id: number; name: string } | null;
  /** Where the credentials in use come from. */
  credentials: CredentialSource | 'password' | null;
  folder: string | null;
  syncing: boolean;
  /** Why the account cannot be used (rejected token, unreachable Qobuz, ...), for the page to show. */
  problem: string | null;
  /** The sync running now: what it is doing and its counts so far (null when none runs). */
  run: QobuzRunStatus | null;
  /** How the last sync ended; kept in qobuz.json, so it survives a restart. */
  lastSync: QobuzLastSync | null;
}

export interface QobuzRunStatus extends SyncCounts {
  /** What the sync is doing, as its job.progress label says. */
  phase: string;
}

export interface QobuzLastSync {
  finishedAt: number;
  folder: string;
  downloaded: number;
  skipped: number;
  recognised: number;
  failed: number;
  upToDate: boolean;
  stopped: SyncStop | null;
  error: string | null;
}

export interface QobuzServiceOptions {
  env?: NodeJS.ProcessEnv;
  /** Default: $XDG_CONFIG_HOME/qoget/config.toml. */
  configPath?: string;
  /** Client tuning (tests, benchmarks): rate, retries, backoff. */
  client?: Partial<QobuzClientOptions>;
  transfer?: QobuzTransferOptions;
  ffmpegPath?: string;
  albumConcurrency?: number;
  probe?: (path: string) => Promise<AudioProbe | undefined>;
}

export interface QobuzServiceDeps extends Omit<SyncRuntime, 'tagger' | 'startDownloads'> {
  paths: Paths;
  secrets?: SecretStore;
  /** Adds (or replaces) a download source in the processor's set. */
  setSource(source: DownloadSource): void;
  /** Album covers shared with the other download flows; a memory-only cache when absent. */
  covers?: CoverArtCache;
  /** The ID3v2 version of the MP3 tags, read for every file (default 2.4). */
  id3Version?(): Promise<Id3Version>;
}

export interface SyncRequest {
  folder?: string;
  verbose?: boolean;
  signal?: AbortSignal;
  onAbort?: 'leave_queued' | 'cancel';
  onEvent?(e: SyncEvent): void;
}

export interface QobuzSession {
  key: string;
  client: QobuzClient;
  user: QobuzUser;
  credentials: QobuzCredentials;
}

const PROBLEM_RETRY_MS = 60_000;

/** qobuz.json: the app's Qobuz settings and the last sync. A damaged entry reads as absent. */
const settingsSchema = z
  .object({ folder: z.string().optional().catch(undefined), lastSync: qobuzLastSync.optional().catch(undefined) })
  .loose();
type StoredSettings = { folder?: string; lastSync?: QobuzLastSync };

export class QobuzService {
  readonly tagger: QobuzTagger;
  private session: QobuzSession | undefined;
  private sessionProblem: { key: string; message: string; permanent: boolean; at: number } | undefined;
  private running: { controller: AbortController; done: Promise<void> } | undefined;
  /** The sync running now, as its latest progress says. */
  private current: QobuzRunStatus | undefined;
  /** undefined: not read from qobuz.json yet. */
  private lastSync: QobuzLastSync | null | undefined;
  private settingsWrite: Promise<unknown> = Promise.resolve();
  private pausedForDiskFull = false;
  private shuttingDown = false;
  private readonly warned = new Set<string>();

  private readonly checkedTokens: CheckedTokens;

  constructor(
    private readonly deps: QobuzServiceDeps,
    private readonly options: QobuzServiceOptions = {},
  ) {
    this.tagger = new QobuzTagger(new SyncCatalog(deps.db, deps.catalog), deps.covers ?? new CoverArtCache({ onProblem: (m) => deps.logger.warn(m) }), deps.id3Version);
    this.checkedTokens = new CheckedTokens(join(deps.paths.dataDir, 'qobuz-checked-token.json'), deps.clock);
  }

  get syncing(): boolean {
    return this.running !== undefined;
  }

  /** config.toml + environment; warnings (e.g. a config file others can read) are logged once. */
  async loadConfig(): Promise<LoadedQobuzConfig> {
    const config = await loadQobuzConfig({ env: this.options.env, configPath: this.options.configPath });
    for (const w of config.warnings) {
      if (this.warned.has(w)) continue;
      this.warned.add(w);
      this.deps.logger.warn(w);
    }
    return config;
  }

  /** Signs in (once per set of credentials) and returns the client; throws an AppError saying what to do. */
  async signIn(config?: LoadedQobuzConfig): Promise<QobuzSession> {
    const cfg = config ?? (await this.loadConfig());
    const creds = await resolveCredentials(cfg, this.deps.secrets);
    if (creds.kind === 'none') throw noCredentialsError(cfg.configPath);
    const key = sessionKey(creds, cfg);
    if (this.session?.key === key) return this.session;
    const client = createQobuzClient({ config: cfg, cacheDir: this.deps.paths.cacheDir, overrides: this.options.client });
    try {
      const remembered = creds.kind === 'token' ? await this.checkedTokens.recall(key) : undefined;
      let user: QobuzUser;
      if (remembered && creds.kind === 'token') {
        client.useCheckedToken(creds.token, remembered);
        user = remembered;
      } else {
        user = await signInQobuz(client, creds, cfg.configPath);
        if (creds.kind === 'token') await this.checkedTokens.remember(key, user);
      }
      this.session = { key, client, user, credentials: creds };
      this.sessionProblem = undefined;
      this.deps.setSource(new LimitedQobuzSource({ client, transfer: this.options.transfer, ffmpegPath: this.options.ffmpegPath }));
      return this.session;
    } catch (e) {
      const err = toAppError(e);
      const permanent = err.code === 'auth_required' || err.code === 'auth_expired';
      this.sessionProblem = { key, message: err.message, permanent, at: this.deps.clock.now() };
      throw err;
    }
  }

  async status(): Promise<QobuzStatus> {
    const cfg = await this.loadConfig();
    const settings = await this.readSettings();
    const folder = this.folderFrom(settings, cfg);
    this.lastSync ??= settings.lastSync ?? null;
    const creds = await resolveCredentials(cfg, this.deps.secrets);
    const run = this.running ? (this.current ?? { phase: 'Starting the Qobuz sync', downloaded: 0, failed: 0, skipped: 0, recognised: 0, total: 0 }) : null;
    const base = { folder, syncing: this.syncing, run, lastSync: this.lastSync };
    if (creds.kind === 'none') return { ...base, signedIn: false, user: null, credentials: null, problem: null };
    const credentials = creds.kind === 'password' ? 'password' : creds.source;
    const key = sessionKey(creds, cfg);
    // A rejected token is not tried again on every page refresh (a new one is); an unreachable Qobuz after a minute.
    const p = this.sessionProblem;
    if (p?.key === key && (p.permanent || this.deps.clock.now() - p.at < PROBLEM_RETRY_MS)) {
      return { ...base, signedIn: false, user: null, credentials, problem: p.message };
    }
    try {
      const s = await this.signIn(cfg);
      return { ...base, signedIn: true, user: { id: s.user.id, name: describeQobuzUser(s.user) }, credentials, problem: null };
    } catch (e) {
      return { ...base, signedIn: false, user: null, credentials, problem: e instanceof Error ? e.message : String(e) };
    }
  }

  /** Validates a token (user/get) and stores it in the SecretStore. A token in the environment or config.toml still wins. */
  async signInWithToken(token: string): Promise<QobuzStatus> {
    const user = await this.validateToken(token.trim());
    await this.storeToken(token.trim());
    this.sessionProblem = undefined;
    const status = await this.status();
    if (status.credentials === 'env' || status.credentials === 'config') {
      this.deps.logger.warn(`Signed in to Qobuz as ${describeQobuzUser(user)}, but the token from ${status.credentials === 'env' ? 'QOBUZ_TOKEN' : 'config.toml'} is used while it is set.`);
    }
    return status;
  }

  async signOut(): Promise<QobuzStatus> {
    await this.deps.secrets?.delete(QOBUZ_TOKEN_SECRET);
    this.session = undefined;
    this.sessionProblem = undefined;
    return this.status();
  }

  /** OAuth in the browser (loopback redirect); the token is validated and stored. */
  async loginWithBrowser(o: { openBrowser(url: string): Promise<void> | void; signal?: AbortSignal; timeoutMs?: number }): Promise<{ user: string; overriddenBy: string | null }> {
    const cfg = await this.loadConfig();
    const client = createQobuzClient({ config: cfg, cacheDir: this.deps.paths.cacheDir, overrides: this.options.client });
    let token: string;
    try {
      ({ token } = await qobuzOAuthLogin({ client, openBrowser: o.openBrowser, signal: o.signal, timeoutMs: o.timeoutMs }));
    } catch (e) {
      throw toAppError(e);
    }
    const user = await this.validateToken(token);
    await this.storeToken(token);
    const creds = await resolveCredentials(cfg, this.deps.secrets);
    const overriddenBy = creds.kind === 'token' && creds.source !== 'stored' ? credentialLabel(creds, cfg.configPath) : null;
    return { user: describeQobuzUser(user), overriddenBy };
  }

  async setFolder(folder: string): Promise<QobuzStatus> {
    if (!isAbsolute(folder)) throw new AppError('invalid_input', `The Qobuz folder must be an absolute path (got ${folder}).`);
    await this.writeSettings({ folder: resolve(folder) });
    return this.status();
  }

  /** Dry run: what a sync would download, and where. */
  async preview(o: { folder?: string; signal?: AbortSignal; onEvent?(e: SyncEvent): void } = {}): Promise<SyncPreview> {
    const cfg = await this.loadConfig();
    const root = await this.requireFolder(o.folder, cfg);
    const s = await this.signIn(cfg);
    try {
      return await previewQobuzSync(this.deps, {
        client: s.client, root, signal: o.signal, onEvent: o.onEvent, albumConcurrency: this.options.albumConcurrency, probe: this.options.probe,
      });
    } catch (e) {
      throw toAppError(e);
    }
  }

  /** A sync in the foreground (the CLI); resolves with its summary. Sign-in problems throw before anything is downloaded. */
  async sync(r: SyncRequest = {}): Promise<SyncSummary> {
    if (this.running) throw new AppError('conflict', 'A Qobuz sync is already running.');
    const controller = new AbortController();
    const signal = r.signal ? AbortSignal.any([r.signal, controller.signal]) : controller.signal;
    let release!: () => void;
    this.running = { controller, done: new Promise<void>((resolve) => (release = resolve)) };
    this.current = undefined;
    let root = r.folder ?? '';
    try {
      const cfg = await this.loadConfig();
      root = await this.requireFolder(r.folder, cfg);
      r.onEvent?.({ type: 'phase', phase: 'signing_in' });
      const s = await this.signIn(cfg);
      r.onEvent?.({ type: 'signed_in', user: describeQobuzUser(s.user) });
      const summary = await runQobuzSync(this.runtime(), {
        client: s.client, root, user: describeQobuzUser(s.user), verbose: r.verbose, signal,
        onAbort: () => (this.shuttingDown ? 'leave_queued' : (r.onAbort ?? 'leave_queued')), onEvent: r.onEvent,
        onProgress: (p) => {
          const c = { downloaded: 0, failed: 0, skipped: 0, recognised: 0, total: 0, ...this.current, ...p.counts };
          this.current = { ...c, phase: p.label };
        },
        albumConcurrency: this.options.albumConcurrency, probe: this.options.probe,
      });
      this.pausedForDiskFull = summary.stopped === 'disk_full';
      await this.rememberLastSync(lastSyncOf(summary, this.deps.clock.now()));
      return summary;
    } catch (e) {
      let err = isCatalogFull(e, this.deps.db.name) ? catalogFullError(this.deps.db.name) : toAppError(e);
      if (isTokenRejection(e) && this.session) {
        // A remembered token that stopped working: forget it and say what to do, as a fresh sign-in would.
        const { credentials, key } = this.session;
        this.session = undefined;
        await this.checkedTokens.forget(key);
        err = tokenRejectedError(credentials, (await this.loadConfig()).configPath);
      }
      // On a full disk this fails too: the sync's own error is the one line to report.
      await this.rememberLastSync({ ...emptyLast(root, this.deps.clock.now()), error: err.message }, err.code === 'disk_full');
      throw err;
    } finally {
      this.running = undefined;
      this.current = undefined;
      release();
    }
  }

  /** Starts a sync in the background (the app); progress arrives as job.progress and queue.rows events. */
  async startSync(o: { folder?: string } = {}): Promise<QobuzStatus> {
    if (this.running) throw new AppError('conflict', 'A Qobuz sync is already running.');
    const cfg = await this.loadConfig();
    const folder = await this.requireFolder(o.folder, cfg);
    await this.signIn(cfg); // credentials problems answer the call instead of failing silently later
    void this.sync({ folder, onAbort: 'cancel' }).catch((e: unknown) => {
      this.deps.logger.warn(`Qobuz sync failed: ${e instanceof Error ? e.message : String(e)}`);
    });
    return this.status();
  }

  /** Stops a background sync: running downloads stop, the sync's remaining downloads are cancelled. */
  async stopSync(): Promise<QobuzStatus> {
    const r = this.running;
    if (r) {
      r.controller.abort();
      await r.done;
    }
    return this.status();
  }

  /**
   * At start-up of a host that runs its queue: Qobuz downloads left queued (an interrupted sync) need a signed-in
   * source to continue, so sign in in the background when there are any. Problems show in status().
   */
  resumeQueued(): void {
    if (!this.deps.queue.hasWaiting('qobuz')) return;
    this.signIn().catch((e: unknown) => this.deps.logger.warn(`Queued Qobuz downloads wait for a working sign-in: ${e instanceof Error ? e.message : String(e)}`));
  }

  /** The host is closing: a running sync stops, its remaining downloads stay queued for the next start. */
  async shutdown(): Promise<void> {
    this.shuttingDown = true;
    // Not stopSync(): its status() reads the config, and a broken config must not fail a shutdown.
    const r = this.running;
    if (r) {
      r.controller.abort();
      await r.done.catch(() => undefined);
    }
  }

  /** The queue's finalize step for Qobuz downloads (tags, cover). */
  finalize(track: TrackWanted, file: FetchedFile): Promise<void> {
    return this.tagger.finalize(track, file);
  }

  /** The folder syncs go to (app setting, else config), or null; never throws (start-up clean-up asks). */
  async knownFolder(): Promise<string | null> {
    const settings = await this.readSettings();
    const cfg = await this.loadConfig().catch(() => undefined);
    return cfg ? this.folderFrom(settings, cfg) : (settings.folder ?? null);
  }

  /** Whether the sync planned this track's download to replace the file at `path`. */
  replaces(track: TrackWanted, path: string): boolean {
    return this.tagger.replaces(track.trackId) === path;
  }

  private runtime(): SyncRuntime {
    return {
      ...this.deps,
      tagger: this.tagger,
      startDownloads: () => {
        // The processor was paused for a full disk by an earlier sync: a new sync is the user's go-ahead.
        if (this.pausedForDiskFull && this.deps.processor.isPaused) this.deps.processor.resume();
        this.pausedForDiskFull = false;
        this.deps.processor.start();
      },
    };
  }

  private async validateToken(token: string): Promise<QobuzUser> {
    if (!token) throw new AppError('invalid_input', 'The Qobuz token is empty.');
    const cfg = await this.loadConfig();
    const client = createQobuzClient({ config: cfg, cacheDir: this.deps.paths.cacheDir, overrides: this.options.client });
    return signInQobuz(client, { kind: 'token', token, source: 'stored' }, cfg.configPath);
  }

  private async storeToken(token: string): Promise<void> {
    if (!this.deps.secrets) throw new AppError('unavailable', 'This host has no secret store to keep the Qobuz token in.');
    await this.deps.secrets.set(QOBUZ_TOKEN_SECRET, token);
  }

  private async folder(cfg: LoadedQobuzConfig): Promise<string | null> {
    return this.folderFrom(await this.readSettings(), cfg);
  }

  private folderFrom(settings: StoredSettings, cfg: LoadedQobuzConfig): string | null {
    return settings.folder ?? (cfg.settings.folder ? resolve(cfg.settings.folder) : null);
  }

  /** Kept in memory and in qobuz.json; a write that fails is logged, not fatal (the sync itself is done). */
  private async rememberLastSync(last: QobuzLastSync, quiet = false): Promise<void> {
    this.lastSync = last;
    try {
      await this.writeSettings({ lastSync: last });
    } catch (e) {
      if (!quiet) this.deps.logger.warn(`Could not save the Qobuz sync summary: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private async requireFolder(folder: string | undefined, cfg: LoadedQobuzConfig): Promise<string> {
    const f = folder ?? (await this.folder(cfg));
    if (!f) throw new AppError('invalid_input', 'Choose the folder your Qobuz purchases go to first.');
    return resolve(f);
  }

  private settingsPath(): string {
    return join(this.deps.paths.configDir, QOBUZ_SETTINGS_FILE);
  }

  private async readSettings(): Promise<StoredSettings> {
    try {
      const parsed = settingsSchema.safeParse(JSON.parse(await readFile(this.settingsPath(), 'utf8')));
      return parsed.success ? parsed.data : {};
    } catch {
      return {};
    }
  }

  /** Read-modify-write, one at a time (a folder saved while a sync finishes keeps both). */
  private writeSettings(patch: StoredSettings): Promise<void> {
    const write = this.settingsWrite.then(async () => {
      const next = { ...(await this.readSettings()), ...patch };
      await mkdir(this.deps.paths.configDir, { recursive: true });
      const tmp = `${this.settingsPath()}.${process.pid}.tmp`;
      await writeFile(tmp, `${JSON.stringify(next, null, 2)}\n`);
      await rename(tmp, this.settingsPath());
    });
    this.settingsWrite = write.catch(() => undefined);
    return write;
  }
}

/** Identifies credentials without keeping them in the clear. */
function sessionKey(c: QobuzCredentials, cfg: LoadedQobuzConfig): string {
  const s = cfg.settings;
  const secret = c.kind === 'token' ? `t:${c.token}` : c.kind === 'password' ? `p:${c.username}:${c.password}` : 'none';
  return createHash('sha256').update([secret, s.apiBase ?? '', s.webBase ?? '', s.appId ?? '', s.appSecret ?? ''].join('\n')).digest('hex');
}

function lastSyncOf(s: SyncSummary, now: number): QobuzLastSync {
  return {
    finishedAt: now, folder: s.root, downloaded: s.downloaded.length, skipped: s.skipped, recognised: s.recognised.length,
    failed: s.failed.length, upToDate: s.upToDate, stopped: s.stopped ?? null, error: null,
  };
}

function emptyLast(folder: string, now: number): QobuzLastSync {
  return { finishedAt: now, folder, downloaded: 0, skipped: 0, recognised: 0, failed: 0, upToDate: false, stopped: null, error: null };
}

export { SYNC_JOB };

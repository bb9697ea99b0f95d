// What the app does with Spotify accounts and backup runs: sign-in in the background (the page gets the URL at
// once, the outcome as an event), backups and restores as background jobs with coalesced progress (one backup and
// one restore per account at a time), and the runs on disk named by ids ("<user id>/<run name>") that are looked
// up under the backups root — a client never hands in a path. Calls runBackup / restoreBackup; owns no state but
// the jobs in memory.
import { basename, dirname, join } from 'node:path';
import type {
  BackupFilesDto, BackupJobDto, BackupRunRowDto, BackupsOverviewDto, ConsentWarningDto, RestoreReportDto, RunDiffDto, SpotifyAccountDto, SpotifyAccountsDto,
  SpotifySignInStateDto,
} from '../../../shared/contract';
import { AppError } from '../../../shared/result';
import { diffRuns, listAccountRuns, listRuns, loadRun, readBackupFile, type RunInfo } from '../../backup';
import type { Clock, CoreEvents, Logger, OpenExternal } from '../../base';
import { CONSENT_LIFETIME_MS, CONSENT_WARNING_MS, type AccountSummary, type SpotifyProvider } from '../../providers';
import { restoreBackup, type RestoreResult } from './restoreBackup';
import { runBackup, type BackupRunResult } from './runBackup';
import { spotifyBackupSource } from './spotifyBackupSource';

export type BackupScheduleSetting = 'off' | 'daily' | 'weekly';

export interface BackupServiceDeps {
  provider(): Promise<SpotifyProvider>;
  /** The backups root (settings may change it at any time). */
  root(): Promise<string>;
  keepRuns(): Promise<number>;
  schedule(): Promise<BackupScheduleSetting>;
  /** Where restore maps live (with the target account). */
  dataDir: string;
  clock: Clock;
  logger: Logger;
  events: CoreEvents;
  openExternal?: OpenExternal;
  /** When the schedule runs next, for the overview. */
  nextScheduledAt?(): number | null;
  /** Progress events at most this often per job (default 150 ms); a job's end goes out at once. */
  progressIntervalMs?: number;
}

/** The redirect URI to register in the Spotify dashboard; sign-in listens on a random port of it. */
export const SPOTIFY_REDIRECT_URI = 'http://127.0.0.1/callback';

const RUN_ID = /^([A-Za-z0-9._-]{1,100})\/(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ(?:-\d{1,4})?)$/;

export function runIdOf(dir: string): string {
  return `${basename(dirname(dir))}/${basename(dir)}`;
}

export function runRow(r: RunInfo): BackupRunRowDto {
  const md = r.metadata;
  const files = md?.files ?? [];
  return {
    id: `${r.userId}/${r.name}`,
    name: r.name,
    userId: r.userId,
    status: r.state,
    startedAt: md?.startedAt ?? null,
    finishedAt: md?.finishedAt ?? null,
    likes: files.find((f) => f.kind === 'likes')?.items ?? 0,
    playlists: files.filter((f) => f.kind === 'playlist' && f.items !== undefined).length,
    followed: files.filter((f) => f.kind === 'playlist' && f.items === undefined).length,
    reusedFiles: files.filter((f) => f.reusedFrom !== undefined).length,
    errors: md?.errors.length ?? 0,
    pauseReason: md?.paused ? (md.pauseReason ?? null) : null,
    failure: md?.failure ?? null,
  };
}

interface SignInAttempt {
  state: SpotifySignInStateDto;
  abort: AbortController;
}

export class BackupService {
  private readonly jobs = new Map<string, BackupJobDto>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly signIns = new Map<string, SignInAttempt>();
  private readonly lastEmit = new Map<string, number>();
  private readonly pendingEmit = new Map<string, NodeJS.Timeout>();
  private seq = 0;

  constructor(private readonly d: BackupServiceDeps) {}

  // ---- accounts

  async accounts(): Promise<SpotifyAccountsDto> {
    const p = await this.d.provider();
    return {
      configured: Boolean(p.settings.clientId),
      redirectUri: SPOTIFY_REDIRECT_URI,
      accounts: (await p.list()).map((a) => this.accountDto(a)),
      signIns: [...this.signIns.values()].map((s) => s.state),
    };
  }

  private accountDto(a: AccountSummary): SpotifyAccountDto {
    const consentExpiresAt = a.consentedAt + CONSENT_LIFETIME_MS;
    return {
      account: a.account, userId: a.userId, displayName: a.displayName, consentedAt: a.consentedAt, consentExpiresAt,
      expiringSoon: consentExpiresAt - this.d.clock.now() < CONSENT_WARNING_MS,
    };
  }

  /**
   * Starts a browser sign-in for `account` and resolves as soon as the authorize URL is known (the wait for the
   * browser can take minutes and must not hold the caller). A new sign-in of the same account cancels the old one.
   */
  async signIn(account: string): Promise<SpotifySignInStateDto> {
    const provider = await this.d.provider();
    this.signIns.get(account)?.abort.abort();
    const abort = new AbortController();
    const attempt: SignInAttempt = { abort, state: { account, state: 'waiting', authorizeUrl: null, message: null } };
    this.signIns.set(account, attempt);
    let opened: (url: string) => void = () => {};
    const urlKnown = new Promise<string>((resolve) => (opened = resolve));
    const done = provider
      .signIn(account, {
        signal: abort.signal,
        onAuthorizeUrl: (url) => {
          attempt.state = { ...attempt.state, authorizeUrl: url };
          opened(url);
        },
        openExternal: this.d.openExternal,
      })
      .then(
        (who) => this.finishSignIn(attempt, { state: 'signed_in', message: `Signed in as ${who.displayName} (${who.userId}).` }),
        (e: unknown) => {
          if (abort.signal.aborted && this.signIns.get(account) !== attempt) return;
          this.finishSignIn(attempt, { state: 'failed', message: e instanceof Error ? e.message : String(e) });
        },
      );
    const first = await Promise.race([urlKnown.then(() => 'url' as const), done.then(() => 'done' as const)]);
    if (first === 'done' && attempt.state.state === 'failed') throw new AppError('invalid_input', attempt.state.message ?? 'Sign-in failed.');
    this.d.events.emit('spotify.signIn', attempt.state);
    return attempt.state;
  }

  private finishSignIn(attempt: SignInAttempt, outcome: Pick<SpotifySignInStateDto, 'state' | 'message'>): void {
    attempt.state = { ...attempt.state, ...outcome, authorizeUrl: null };
    if (outcome.state === 'signed_in') this.d.logger.info(`Spotify account ${attempt.state.account}: ${outcome.message}`);
    this.d.events.emit('spotify.signIn', attempt.state);
  }

  async signOut(account: string): Promise<SpotifyAccountsDto> {
    const p = await this.d.provider();
    this.signIns.get(account)?.abort.abort();
    this.signIns.delete(account);
    if (!(await p.signOut(account))) throw new AppError('not_found', `No Spotify account "${account}" is signed in.`);
    return this.accounts();
  }

  async warnings(): Promise<ConsentWarningDto[]> {
    const p = await this.d.provider();
    return (await p.expiringConsents()).map((x) => ({
      account: x.account,
      expiresAt: x.expiresAt,
      message:
        `The Spotify sign-in of account ${x.account} ${x.expiresAt <= this.d.clock.now() ? 'has expired' : `expires around ${new Date(x.expiresAt).toISOString().slice(0, 10)}`}: ` +
        'sign in again so scheduled backups keep working.',
    }));
  }

  // ---- runs on disk

  async overview(): Promise<BackupsOverviewDto> {
    const p = await this.d.provider();
    const root = await this.d.root();
    const accounts = (await p.list()).map((a) => this.accountDto(a));
    const runs = await listRuns(root);
    const byUser = new Map<string, RunInfo[]>();
    for (const a of accounts) byUser.set(a.userId, []);
    for (const r of runs) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r]);
    const owners = [...byUser.entries()].map(([userId, list]) => {
      const acc = accounts.find((a) => a.userId === userId);
      const newest = list.findLast((r) => r.metadata)?.metadata;
      return {
        userId,
        displayName: acc?.displayName ?? newest?.account.displayName ?? null,
        account: acc?.account ?? null,
        runs: [...list].reverse().map(runRow),
      };
    });
    return {
      root,
      schedule: await this.d.schedule(),
      accounts,
      owners,
      jobs: [...this.jobs.values()].map((j) => ({ ...j })),
      warnings: await this.warnings(),
      nextScheduledAt: this.d.nextScheduledAt?.() ?? null,
    };
  }

  /** The runs of a signed-in account's user, oldest first. */
  async accountRuns(userId: string): Promise<RunInfo[]> {
    return listAccountRuns(await this.d.root(), userId);
  }

  /** The run folder an id names, found by listing the backups root (never built from the id alone). */
  async resolveRun(id: string): Promise<RunInfo> {
    const m = RUN_ID.exec(id);
    if (!m || m[1]!.startsWith('.')) throw new AppError('invalid_input', `"${id.slice(0, 100)}" is not a backup run id.`);
    const run = (await listAccountRuns(await this.d.root(), m[1]!)).find((r) => r.name === m[2]);
    if (!run) throw new AppError('not_found', `There is no backup run ${id}.`);
    return run;
  }

  async files(id: string): Promise<BackupFilesDto> {
    const run = await this.resolveRun(id);
    const md = run.metadata;
    const files = [];
    for (const f of md?.files ?? []) {
      let title: string | null = null;
      if (f.kind === 'playlist') {
        const r = await readBackupFile(join(run.dir, f.name), f.sha256);
        title = r.ok && r.kind === 'playlist' ? r.data.name : null;
      } else if (f.kind === 'likes') title = 'Liked Songs';
      files.push({ name: f.name, kind: f.kind, items: f.items ?? null, sha256: f.sha256, bytes: f.bytes, reusedFrom: f.reusedFrom ?? null, title });
    }
    return { run: runRow(run), files, errors: (md?.errors ?? []).map((e) => ({ file: e.file ?? null, message: e.message })) };
  }

  async diff(a: string, b: string): Promise<RunDiffDto> {
    const [ra, rb] = [await this.resolveRun(a), await this.resolveRun(b)];
    const d = diffRuns(await loadRun(ra.dir), await loadRun(rb.dir));
    // A playlist the later run could not read (it failed, or the run paused before it) was not removed.
    const unread = new Set((rb.metadata?.errors ?? []).flatMap((e) => (e.playlistId ? [e.playlistId] : [])));
    const playlists = d.playlists.filter((p) => p.change !== 'removed' || !(rb.state === 'paused' || unread.has(p.id)));
    return { runA: a, runB: b, ...d, playlists };
  }

  async plan(run: string, account: string): Promise<RestoreReportDto> {
    const r = await this.resolveRun(run);
    const api = await (await this.d.provider()).api(account);
    return reportDto(await restoreBackup({ api, backup: await loadRun(r.dir), dataDir: this.d.dataDir, dryRun: true }));
  }

  // ---- jobs

  isRunning(kind: 'backup' | 'restore', account: string): boolean {
    return this.running.has(`${kind}:${account}`);
  }

  /** Every job started so far has ended (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running.values()]);
  }

  /** Starts a backup of `account` in the background; a second one while it runs is refused. */
  async startBackup(account: string, o: { resume?: boolean; scheduled?: boolean } = {}): Promise<BackupJobDto> {
    const key = `backup:${account}`;
    if (this.running.has(key)) throw new AppError('conflict', `A backup of account ${account} is already running; wait for it to finish.`);
    const provider = await this.d.provider();
    const api = await provider.api(account);
    const [root, keepRuns] = [await this.d.root(), await this.d.keepRuns()];
    const job = this.newJob('backup', account, null, o.scheduled ?? false);
    const work = runBackup({
      source: spotifyBackupSource(api),
      root,
      keepRuns,
      resume: o.resume,
      clock: this.d.clock,
      onProgress: (p) => {
        if (p.phase === 'done') return;
        this.progress(job, { phase: p.phase, done: p.done, total: p.total, message: p.phase === 'likes' ? 'Backing up likes' : p.message });
      },
    }).then(
      (r) => {
        for (const n of r.notes) this.d.logger.info(`Backup of ${account}: ${n}`);
        this.finish(job, { state: r.status, run: r.run ? runIdOf(r.run) : null, backup: backupDto(r), error: r.reason ?? null, message: summary(r) });
      },
      (e: unknown) => this.finish(job, { state: 'failed', error: e instanceof Error ? e.message : String(e), message: 'Backup failed' }),
    );
    this.track(key, work);
    return { ...job };
  }

  /** Starts a restore of `run` into `account` in the background; one restore per target account at a time. */
  async startRestore(run: string, account: string): Promise<BackupJobDto> {
    const key = `restore:${account}`;
    if (this.running.has(key)) throw new AppError('conflict', `A restore into account ${account} is already running; wait for it to finish.`);
    const r = await this.resolveRun(run);
    const api = await (await this.d.provider()).api(account);
    const job = this.newJob('restore', account, run, false);
    const work = (async () => {
      const backup = await loadRun(r.dir);
      const total = (backup.likes ? 1 : 0) + backup.playlists.length;
      let done = 0;
      this.progress(job, { phase: 'restoring', done: 0, total, message: 'Reading the backup' });
      const result = await restoreBackup({
        api, backup, dataDir: this.d.dataDir,
        onProgress: (m) => this.progress(job, { phase: 'restoring', done: done++, total, message: m }),
      });
      return result;
    })().then(
      (res) => {
        const failed = res.writeFailures.length > 0 || res.filesSkipped.length > 0;
        this.finish(job, {
          state: failed ? 'partial' : 'complete', restore: reportDto(res), done: job.total, error: null,
          message: `Restored ${res.likesAdded} likes, ${res.itemsAdded} playlist items, ${res.playlistsCreated} playlists created, ${res.followed} followed`,
        });
      },
      (e: unknown) => this.finish(job, { state: 'failed', error: e instanceof Error ? e.message : String(e), message: 'Restore failed' }),
    );
    this.track(key, work);
    return { ...job };
  }

  private newJob(kind: 'backup' | 'restore', account: string, run: string | null, scheduled: boolean): BackupJobDto {
    const job: BackupJobDto = {
      id: `${kind}-${account}-${++this.seq}`, kind, account, run, scheduled, state: 'running', phase: 'starting', done: 0, total: 0,
      message: kind === 'backup' ? 'Starting the backup' : 'Starting the restore', startedAt: this.d.clock.now(), finishedAt: null, backup: null, restore: null, error: null,
    };
    this.jobs.set(`${kind}:${account}`, job);
    this.d.events.emit('backups.job', { ...job });
    return job;
  }

  private track(key: string, work: Promise<void>): void {
    const p: Promise<void> = work.finally(() => {
      if (this.running.get(key) === p) this.running.delete(key);
    });
    this.running.set(key, p);
  }

  private progress(job: BackupJobDto, p: Pick<BackupJobDto, 'phase' | 'done' | 'total' | 'message'>): void {
    Object.assign(job, p);
    const interval = this.d.progressIntervalMs ?? 150;
    const last = this.lastEmit.get(job.id) ?? 0;
    const now = Date.now();
    if (now - last >= interval) {
      this.lastEmit.set(job.id, now);
      this.d.events.emit('backups.job', { ...job });
      return;
    }
    if (this.pendingEmit.has(job.id)) return;
    const t = setTimeout(() => {
      this.pendingEmit.delete(job.id);
      if (job.state !== 'running') return;
      this.lastEmit.set(job.id, Date.now());
      this.d.events.emit('backups.job', { ...job });
    }, interval - (now - last));
    t.unref?.();
    this.pendingEmit.set(job.id, t);
  }

  private finish(job: BackupJobDto, end: Partial<BackupJobDto> & Pick<BackupJobDto, 'state'>): void {
    const t = this.pendingEmit.get(job.id);
    if (t) clearTimeout(t);
    this.pendingEmit.delete(job.id);
    this.lastEmit.delete(job.id);
    Object.assign(job, { phase: 'done', ...end, finishedAt: this.d.clock.now() });
    // Free before anyone hears of the end: a listener may start the next job of this account at once.
    this.running.delete(`${job.kind}:${job.account}`);
    const what = job.kind === 'backup' ? `Backup of ${job.account}` : `Restore of ${job.run} into ${job.account}`;
    const line = `${what}${job.scheduled ? ' (scheduled)' : ''}: ${job.state}. ${job.message}${job.error ? ` — ${job.error}` : ''}`;
    if (job.state === 'failed') this.d.logger.warn(line);
    else this.d.logger.info(line);
    this.d.events.emit('backups.job', { ...job });
  }

  close(): void {
    for (const s of this.signIns.values()) s.abort.abort();
    for (const t of this.pendingEmit.values()) clearTimeout(t);
    this.pendingEmit.clear();
  }
}

function backupDto(r: BackupRunResult): NonNullable<BackupJobDto['backup']> {
  return {
    status: r.status, run: r.run ? runIdOf(r.run) : null, likes: r.likes, playlists: r.playlists, followed: r.followed,
    failedPlaylists: r.failedPlaylists, reusedPlaylists: r.reusedPlaylists, requests: r.requests, reason: r.reason ?? null,
  };
}

function summary(r: BackupRunResult): string {
  return `${r.likes} likes, ${r.playlists} playlists, ${r.followed} followed (${r.reusedPlaylists} unchanged, copied)`;
}

/** The restore's report for a client: skipped files by name (not their path on the host). */
function reportDto(r: RestoreResult): RestoreReportDto {
  return { ...r, filesSkipped: r.filesSkipped.map((f) => ({ file: basename(f.file), reason: f.reason })) };
}

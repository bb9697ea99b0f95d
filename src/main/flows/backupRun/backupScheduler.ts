// The in-app backup schedule (`[spotify] schedule = "daily" | "weekly" | "off"`, for every signed-in account):
// while the app or the headless host is up it checks every `checkEveryMs` (and once at start, which is the
// catch-up): an account whose newest run is paused is resumed; one whose last finished run (complete or partial)
// is older than the interval is backed up. Accounts go one after the other, never two runs at once, and a check
// never overlaps the previous one. It also logs, once a day, every sign-in about to expire.
import type { Clock, Logger } from '../../base';
import type { BackupScheduleSetting, BackupService } from './backupService';

export const SCHEDULE_INTERVAL_MS: Record<Exclude<BackupScheduleSetting, 'off'>, number> = {
  daily: 24 * 60 * 60_000,
  weekly: 7 * 24 * 60 * 60_000,
};
const HOUR = 60 * 60_000;
/** A run due within this much is run now (checks are hourly, so a daily run does not drift an hour a day). */
const SLACK_MS = 30 * 60_000;

export interface BackupSchedulerDeps {
  service: BackupService;
  schedule(): Promise<BackupScheduleSetting>;
  clock: Clock;
  logger: Logger;
  /** How often to check (default hourly). */
  checkEveryMs?: number;
}

export interface ScheduleTickReport {
  started: { account: string; resumed: boolean }[];
  skipped: { account: string; reason: string }[];
}

export class BackupScheduler {
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<ScheduleTickReport> | undefined;
  private lastWarned = new Map<string, number>();
  /** When the last check ran, for "next run" in the app. */
  private lastCheck: number | null = null;
  private current: BackupScheduleSetting = 'off';
  private closed = false;

  constructor(private readonly d: BackupSchedulerDeps) {}

  /** Checks once now (the catch-up on start), then every checkEveryMs. Resolves when the first check is done. */
  start(): Promise<ScheduleTickReport> {
    const first = this.tick();
    this.timer = setInterval(() => void this.tick(), this.d.checkEveryMs ?? HOUR);
    this.timer.unref?.();
    return first;
  }

  stop(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  nextCheckAt(): number | null {
    if (this.current === 'off' || !this.timer) return null;
    return (this.lastCheck ?? this.d.clock.now()) + (this.d.checkEveryMs ?? HOUR);
  }

  /** One check; a check asked for while one runs joins it instead of starting another. */
  tick(): Promise<ScheduleTickReport> {
    this.ticking ??= this.check().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async check(): Promise<ScheduleTickReport> {
    const report: ScheduleTickReport = { started: [], skipped: [] };
    const now = this.d.clock.now();
    this.lastCheck = now;
    try {
      await this.warnExpiring(now);
      this.current = await this.d.schedule();
      if (this.current === 'off') return report;
      const interval = SCHEDULE_INTERVAL_MS[this.current];
      const { accounts } = await this.d.service.accounts();
      for (const a of accounts) {
        if (this.closed) break;
        if (this.d.service.isRunning('backup', a.account)) {
          report.skipped.push({ account: a.account, reason: 'a backup of it is running' });
          continue;
        }
        const runs = await this.d.service.accountRuns(a.userId);
        const newest = runs.findLast((r) => r.state !== 'interrupted');
        const lastDone = runs.findLast((r) => r.state === 'complete' || r.state === 'partial');
        const resume = newest?.state === 'paused';
        const doneAt = lastDone?.metadata ? Date.parse(lastDone.metadata.finishedAt ?? lastDone.metadata.startedAt) : undefined;
        if (!resume && doneAt !== undefined && now - doneAt < interval - SLACK_MS) {
          report.skipped.push({ account: a.account, reason: `last backup ${new Date(doneAt).toISOString()} is recent` });
          continue;
        }
        this.d.logger.info(
          resume
            ? `Scheduled backup: resuming the paused run of account ${a.account}.`
            : `Scheduled backup of account ${a.account}: ${doneAt === undefined ? 'no backup yet' : `the last one finished ${new Date(doneAt).toISOString()}`}.`,
        );
        try {
          await this.d.service.startBackup(a.account, { resume, scheduled: true });
          report.started.push({ account: a.account, resumed: resume });
          // One after the other: the next account waits for this run to end.
          await this.d.service.settled();
        } catch (e) {
          this.d.logger.warn(`Scheduled backup of account ${a.account} did not start: ${e instanceof Error ? e.message : String(e)}`);
          report.skipped.push({ account: a.account, reason: e instanceof Error ? e.message : String(e) });
        }
      }
    } catch (e) {
      this.d.logger.warn(`The backup schedule could not check the accounts: ${e instanceof Error ? e.message : String(e)}`);
    }
    return report;
  }

  private async warnExpiring(now: number): Promise<void> {
    for (const w of await this.d.service.warnings()) {
      const last = this.lastWarned.get(w.account);
      if (last !== undefined && now - last < 24 * HOUR) continue;
      this.lastWarned.set(w.account, now);
      this.d.logger.warn(w.message);
    }
  }
}

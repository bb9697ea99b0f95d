// "Keep my likes" on the backup schedule: while the app or the headless host runs, Liked Songs go through the
// missing-tracks analysis at start (a run missed while Cassette was closed starts now) and then whenever the
// last one is older than the backup interval (daily or weekly). With the schedule off, only on demand (the
// Playlists page, `cassette missing spotify:liked`). Never two runs at once.
import type { Clock, Logger } from '../../base';
import { SCHEDULE_INTERVAL_MS, type BackupScheduleSetting } from '../backupRun';

const HOUR = 60 * 60_000;
/** A run due within this much runs now (checks are hourly, so a daily run does not drift an hour a day). */
const SLACK_MS = 30 * 60_000;

export interface LikesSetting {
  keepLikes: boolean;
  schedule: BackupScheduleSetting;
}

export interface LatestLikesRun {
  startedAt: number;
  running: boolean;
}

/** Whether the Liked Songs analysis is due now. Pure. */
export function likesDue(now: number, setting: LikesSetting, latest: LatestLikesRun | null): boolean {
  if (!setting.keepLikes || setting.schedule === 'off') return false;
  if (!latest) return true;
  if (latest.running) return false;
  return now - latest.startedAt >= SCHEDULE_INTERVAL_MS[setting.schedule] - SLACK_MS;
}

export interface KeepLikesScheduleDeps {
  setting(): Promise<LikesSetting>;
  /** The latest analysis of Liked Songs, null before the first. */
  latest(): LatestLikesRun | null;
  /** Starts the analysis (resolves once its run is persisted; it goes on in the background). */
  start(): Promise<void>;
  clock: Clock;
  logger: Logger;
  checkEveryMs?: number;
}

export class KeepLikesSchedule {
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<boolean> | undefined;

  constructor(private readonly d: KeepLikesScheduleDeps) {}

  /** Checks now (the catch-up), then every checkEveryMs; resolves with whether the first check started a run. */
  start(): Promise<boolean> {
    const first = this.tick();
    this.timer = setInterval(() => void this.tick(), this.d.checkEveryMs ?? HOUR);
    this.timer.unref?.();
    return first;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One check; one asked for while another runs joins it. True when it started an analysis. */
  tick(): Promise<boolean> {
    this.ticking ??= this.check().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async check(): Promise<boolean> {
    try {
      if (!likesDue(this.d.clock.now(), await this.d.setting(), this.d.latest())) return false;
      this.d.logger.info('Keep my likes: checking Liked Songs for tracks to download.');
      await this.d.start();
      return true;
    } catch (e) {
      this.d.logger.warn(`Keep my likes: Liked Songs could not be checked: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
  }
}

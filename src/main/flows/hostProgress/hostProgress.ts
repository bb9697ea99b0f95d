// Follows the queue and the playlist runs for the host's Notifier: one tooltip line and one taskbar fraction
// (pushed when they change), and a notification exactly once when a playlist run ends — its analysis over and
// none of its downloads queued or running — also when it ends after a restart (the announcement is persisted
// on the run, `missing_runs.notified_at`).
import type { Notifier } from '../../base';
import type { PlaylistStore, RunRow } from '../../playlists';
import type { RunSummary } from '../missingTracks';
import { describeActivity, type Activity, type PlaylistActivity, type QueueActivity } from './describeActivity';
import { runNotice } from './runNotice';

export interface HostProgressDeps {
  playlists: Pick<PlaylistStore, 'unannouncedRuns' | 'markAnnounced' | 'get'>;
  /** Where a playlist's run stands, entry by entry (MissingTracks.summary). */
  summary(playlistId: number, run: RunRow): RunSummary | null;
  queue(): QueueActivity;
  notifier: Notifier;
}

export class HostProgress {
  private shown: string | undefined;

  constructor(private readonly d: HostProgressDeps) {}

  /** Recomputes the activity (cheap enough for once a second), pushes it if it changed, announces ended runs. */
  refresh(): Activity {
    const latest = new Map<number, RunRow>();
    for (const run of this.d.playlists.unannouncedRuns()) {
      const older = latest.get(run.playlistId);
      // A newer analysis of the same playlist replaces an older one; that one is not announced any more.
      if (older && older.state !== 'running') this.d.playlists.markAnnounced(older.id);
      latest.set(run.playlistId, run);
    }
    const playlists: PlaylistActivity[] = [];
    for (const run of latest.values()) {
      const name = this.d.playlists.get(run.playlistId)?.name ?? 'Playlist';
      if (run.state === 'running') {
        playlists.push({ name, checking: true, done: run.done, total: run.total });
        continue;
      }
      const summary = this.d.summary(run.playlistId, run);
      if (!summary || summary.ended) this.announce(run, name, summary);
      else playlists.push({ name, checking: false, done: summary.total - summary.active - summary.unchecked, total: summary.total });
    }
    const activity = describeActivity(this.d.queue(), playlists);
    const key = `${activity.fraction}\u0000${activity.summary}`;
    if (key !== this.shown) {
      this.shown = key;
      this.d.notifier.progress(activity.fraction, activity.summary);
    }
    return activity;
  }

  private announce(run: RunRow, name: string, summary: RunSummary | null): void {
    // Marked first: a second host on the same catalog (or a refresh racing this one) does not announce it again.
    if (!this.d.playlists.markAnnounced(run.id)) return;
    // A cancelled analysis is the person's own doing: nothing to tell them.
    if (run.state === 'cancelled' || run.state === 'running' || !summary) return;
    const notice = runNotice(name, { state: run.state, error: run.error }, summary);
    this.d.notifier.notify(notice.title, notice.body);
  }
}

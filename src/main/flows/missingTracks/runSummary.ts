// The end-of-run summary of a playlist: how many of its entries were downloaded, were already owned, failed, wait
// for review, or are still on their way. Pure, from the entries' verdicts and their catalog tracks' statuses, so
// the dashboard modal and the desktop notification say the same thing.
import type { RunSummaryDto } from '../../../shared/contract';
import type { TrackStatus } from '../../catalog';
import type { Decision, EntryStatus, RunState } from '../../playlists';

export type RunSummary = RunSummaryDto;

export interface SummaryEntry {
  status: EntryStatus | null;
  decision: Decision | null;
  /** The status of the catalog track the entry became; null when it is not in the catalog. */
  trackStatus: TrackStatus | null;
  /** The catalog track's download failed asking for a person's pick (`needs_review`). */
  needsPick?: boolean;
  /** The person said not to fetch it. */
  ignored?: boolean;
}

export function summariseRun(state: RunState, entries: readonly SummaryEntry[]): RunSummary {
  const s: RunSummary = { total: entries.length, downloaded: 0, alreadyOwned: 0, failed: 0, review: 0, ignored: 0, active: 0, notDownloaded: 0, unchecked: 0, ended: false };
  for (const e of entries) {
    if (e.ignored) s.ignored++;
    else if (e.status === null) s.unchecked++;
    // A decision is recorded into the verdict (owned → owned, not this one → download), so only undecided reviews wait.
    else if (e.status === 'review' && e.decision === null) s.review++;
    else if (e.status === 'owned') s.alreadyOwned++;
    else if (e.trackStatus === 'downloaded') s.downloaded++;
    else if (e.trackStatus === 'queued' || e.trackStatus === 'downloading') s.active++;
    else if (e.trackStatus === 'failed' && e.needsPick) s.review++;
    else if (e.trackStatus === 'failed') s.failed++;
    else s.notDownloaded++;
  }
  s.ended = state !== 'running' && s.active === 0;
  return s;
}

/** "112 downloaded, 6 already owned, 2 need review": what a person reads when a run ends. */
export function describeSummary(s: RunSummary): string {
  const parts = [`${s.downloaded} downloaded`, `${s.alreadyOwned} already owned`];
  if (s.failed) parts.push(`${s.failed} failed`);
  if (s.notDownloaded) parts.push(`${s.notDownloaded} not downloaded`);
  if (s.review) parts.push(`${s.review} ${s.review === 1 ? 'needs' : 'need'} review`);
  if (s.ignored) parts.push(`${s.ignored} ignored`);
  if (s.active) parts.push(`${s.active} still downloading`);
  if (s.unchecked) parts.push(`${s.unchecked} not checked`);
  return parts.join(', ');
}

import { describe, expect, it } from 'vitest';
import { describeSummary, summariseRun, type SummaryEntry } from './runSummary';

const e = (status: SummaryEntry['status'], trackStatus: SummaryEntry['trackStatus'] = null, decision: SummaryEntry['decision'] = null): SummaryEntry => ({ status, decision, trackStatus });

describe('summariseRun', () => {
  it('sorts every entry into exactly one bucket', () => {
    const s = summariseRun('finished', [
      e('owned', 'downloaded'),
      e('owned', 'downloaded', 'owned'),
      e('download', 'downloaded'),
      e('download', 'failed'),
      e('review'),
      // A review the person settled counts by its catalog track, like any track to download.
      e('download', 'downloaded', 'not_owned'),
      e('download', 'missing'),
      e(null),
    ]);
    expect(s).toEqual({ total: 8, downloaded: 2, alreadyOwned: 2, failed: 1, review: 1, ignored: 0, active: 0, notDownloaded: 1, unchecked: 1, ended: true });
  });

  it('counts a track waiting for a Soulseek pick as review, and an ignored entry as ignored, not failed', () => {
    const s = summariseRun('finished', [
      { status: 'download', decision: null, trackStatus: 'failed', needsPick: true },
      { status: 'download', decision: null, trackStatus: 'failed', ignored: true },
      { status: 'download', decision: null, trackStatus: 'failed' },
    ]);
    expect(s).toMatchObject({ review: 1, ignored: 1, failed: 1 });
    expect(describeSummary(s)).toBe('0 downloaded, 0 already owned, 1 failed, 1 needs review, 1 ignored');
  });

  it('has not ended while the analysis runs or a download is queued or running', () => {
    expect(summariseRun('running', [e('owned', 'downloaded')]).ended).toBe(false);
    expect(summariseRun('finished', [e('download', 'queued')])).toMatchObject({ active: 1, ended: false });
    expect(summariseRun('finished', [e('download', 'downloading')])).toMatchObject({ active: 1, ended: false });
    expect(summariseRun('cancelled', [e('download', 'missing')]).ended).toBe(true);
  });
});

describe('describeSummary', () => {
  it('says the counts a person cares about, leaving out the empty ones after the first two', () => {
    const base = summariseRun('finished', []);
    expect(describeSummary({ ...base, downloaded: 112, alreadyOwned: 6, review: 2 })).toBe('112 downloaded, 6 already owned, 2 need review');
    expect(describeSummary({ ...base, downloaded: 0, alreadyOwned: 3, failed: 1, review: 1 })).toBe('0 downloaded, 3 already owned, 1 failed, 1 needs review');
    expect(describeSummary({ ...base, notDownloaded: 4 })).toBe('0 downloaded, 0 already owned, 4 not downloaded');
  });
});

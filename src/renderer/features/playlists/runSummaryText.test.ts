import { describe, expect, it } from 'vitest';
import type { RunSummaryDto } from '../../../shared/contract';
import { showSummary, summaryParts } from './runSummaryText';

const s = (o: Partial<RunSummaryDto> = {}): RunSummaryDto => ({ total: 0, downloaded: 0, alreadyOwned: 0, failed: 0, review: 0, ignored: 0, active: 0, notDownloaded: 0, unchecked: 0, ended: true, ...o });

describe('summaryParts', () => {
  it('always says downloaded and already owned, and the rest only when there is any', () => {
    expect(summaryParts(s({ downloaded: 112, alreadyOwned: 6 })).map((p) => `${p.value} ${p.label}`)).toEqual(['112 downloaded', '6 already owned']);
    expect(summaryParts(s({ downloaded: 1, alreadyOwned: 1, failed: 2, notDownloaded: 1, review: 3 })).map((p) => `${p.value} ${p.label}`)).toEqual([
      '1 downloaded', '1 already owned', '2 failed', '1 not downloaded (cancelled)', '3 awaiting review',
    ]);
  });
});

describe('showSummary', () => {
  it('shows only for a finished analysis whose downloads are done', () => {
    expect(showSummary('finished', s())).toBe(true);
    expect(showSummary('finished', s({ ended: false, active: 2 }))).toBe(false);
    expect(showSummary('running', s({ ended: false }))).toBe(false);
    expect(showSummary('cancelled', s())).toBe(false);
    expect(showSummary('finished', null)).toBe(false);
  });
});

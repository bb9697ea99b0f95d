// The close calls of a search: files the matching engine would not download unasked but a person may still want
// (a bare "Title.mp3" without an artist, a doubtful spelling, a length a little off). They go to the review list
// with their score and breakdown instead of being forgotten. Pure.
import { REVIEW_THRESHOLD, type MatchResult } from '../../matching';
import type { ReviewCandidate } from '../../base';
import { qualityLabel, type QualityTier } from './quality';
import type { RankedCandidate, RejectedCandidate, SlskdCandidate } from './rank';

/**
 * Below this score a file is not offered at all. It is the engine's own review line (beets' 0.25 distance, see
 * matching/score.ts): past it the file is another track, not a doubtful copy of this one — offering it would
 * bury the plausible few under noise.
 */
export const REVIEW_FLOOR = 1 - REVIEW_THRESHOLD;
/** The best few are kept: enough to choose among peers and formats, few enough to read. */
export const REVIEW_CANDIDATES_KEPT = 6;

interface Scored {
  candidate: SlskdCandidate;
  match: MatchResult;
  quality: QualityTier;
  qualityRank: number;
}

/** Why a scored file is not worth a person's look, or undefined when it is. */
function notForReview(s: { match?: MatchResult; quality?: QualityTier }): boolean {
  const m = s.match;
  // A version conflict (live for studio, a remix) is another recording: never offered.
  return !m || !s.quality || m.versionConflict || m.verdict === 'reject' || m.score < REVIEW_FLOOR;
}

/** Collects close calls across the queries of one track (a file seen twice counts once, at its best score). */
export class CloseCalls {
  private readonly byKey = new Map<string, Scored>();

  constructor(private readonly isOffered: (remotePath: string) => boolean = () => true) {}

  /** The engine's turn-downs (rankCandidates' `rejected`) and, for a person's own search, its accepted files. */
  add(list: readonly (RejectedCandidate | RankedCandidate)[]): void {
    for (const item of list) {
      const s = 'candidate' in item
        ? { candidate: item.candidate, match: item.match, quality: item.quality, qualityRank: item.qualityRank ?? 0 }
        : { candidate: item, match: item.match, quality: item.quality, qualityRank: item.qualityRank };
      if (notForReview(s) || !this.isOffered(s.candidate.filename)) continue;
      const known = this.byKey.get(s.candidate.key);
      if (!known || known.match.score < s.match!.score) this.byKey.set(s.candidate.key, s as Scored);
    }
  }

  get size(): number {
    return this.byKey.size;
  }

  /** Best first: the score people read (to the percent), then quality, then the peer's free slot, queue and speed. */
  best(max = REVIEW_CANDIDATES_KEPT): ReviewCandidate[] {
    const pct = (s: Scored) => Math.round(s.match.score * 100);
    return [...this.byKey.values()]
      .sort(
        (a, b) =>
          pct(b) - pct(a) ||
          a.qualityRank - b.qualityRank ||
          Number(b.candidate.peer.hasFreeUploadSlot) - Number(a.candidate.peer.hasFreeUploadSlot) ||
          a.candidate.peer.queueLength - b.candidate.peer.queueLength ||
          b.candidate.peer.uploadSpeed - a.candidate.peer.uploadSpeed ||
          a.candidate.key.localeCompare(b.candidate.key),
      )
      .slice(0, max)
      .map(toReviewCandidate);
  }
}

function toReviewCandidate(s: Scored): ReviewCandidate {
  const c = s.candidate;
  return {
    username: c.username,
    filename: c.filename,
    size: c.size,
    ...(c.lengthSec !== undefined ? { lengthSec: c.lengthSec } : {}),
    ...(c.bitRate !== undefined ? { bitRate: c.bitRate } : {}),
    ...(c.bitDepth !== undefined ? { bitDepth: c.bitDepth } : {}),
    ...(c.sampleRate !== undefined ? { sampleRate: c.sampleRate } : {}),
    ...(c.isVariableBitRate !== undefined ? { isVariableBitRate: c.isVariableBitRate } : {}),
    quality: qualityLabel(s.quality),
    score: Math.round(s.match.score * 1000) / 1000,
    breakdown: s.match.breakdown,
    peer: { ...c.peer },
  };
}

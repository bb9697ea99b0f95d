// The matching engine's front door: score a candidate (a catalogue track or a peer's file path) against the
// track asked for, with the breakdown the UI shows and the engine's own accept decision. Pure.
import { matchProbability } from './calibration';
import { filenameTracks, parsePeerFilename } from './filename';
import { trackDistance, type MatchTrack, type MatchVerdict, type Penalty, type PenaltyName } from './score';

export interface BreakdownEntry {
  weight: number;
  /** 0 (agrees) … 1 (entirely different). */
  value: number;
  detail?: string;
}

export type MatchBreakdown = Partial<Record<PenaltyName, BreakdownEntry>>;

export interface MatchResult {
  /** 1 − distance, in [0, 1]; higher is better. */
  score: number;
  /** The engine's accept decision at its default threshold (`verdict === 'match'`). */
  match: boolean;
  verdict: MatchVerdict;
  /** Calibrated probability that this is the track asked for (the modal's percentage / 100). */
  probability: number;
  breakdown: MatchBreakdown;
  /** For file names: which reading of the name won ("artist - title", "folder artist", ...). */
  reading?: string;
}

function toBreakdown(penalties: readonly Penalty[]): MatchBreakdown {
  const out: MatchBreakdown = {};
  for (const p of penalties) {
    const entry: BreakdownEntry = { weight: p.weight, value: Math.round(p.value * 1000) / 1000 };
    if (p.detail) entry.detail = p.detail;
    out[p.name] = entry;
  }
  return out;
}

const VERDICT_ORDER: Record<MatchVerdict, number> = { match: 0, review: 1, reject: 2 };

/** Scores a candidate track against the wanted one. */
export function matchTracks(wanted: MatchTrack, candidate: MatchTrack): MatchResult {
  const d = trackDistance(wanted, candidate);
  const score = 1 - d.distance;
  return {
    score,
    match: d.verdict === 'match',
    verdict: d.verdict,
    probability: d.versionConflict ? Math.min(matchProbability(score), 0.05) : matchProbability(score),
    breakdown: toBreakdown(d.penalties),
  };
}

/**
 * Scores a peer's file (its path as shared, backslashes and all) against the wanted track: every plausible
 * reading of the name is scored and the best one kept (best verdict first, then best score).
 */
export function matchFilename(wanted: MatchTrack, path: string, durationSec?: number): MatchResult {
  const parsed = parsePeerFilename(path);
  let best: MatchResult | undefined;
  for (const { track, how } of filenameTracks(parsed, durationSec)) {
    const r = { ...matchTracks(wanted, track), reading: how };
    if (
      !best ||
      VERDICT_ORDER[r.verdict] < VERDICT_ORDER[best.verdict] ||
      (r.verdict === best.verdict && r.score > best.score)
    ) {
      best = r;
    }
  }
  return (
    best ?? {
      score: 0,
      match: false,
      verdict: 'reject',
      probability: 0,
      breakdown: { title: { weight: 3, value: 1, detail: 'no title in the file name' } },
    }
  );
}

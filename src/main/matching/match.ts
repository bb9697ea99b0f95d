// The matching engine's front door: score a candidate (a catalogue track or a peer's file path) against the
// track asked for, with the breakdown the UI shows and the engine's own accept decision. Pure.
import { matchProbability } from './calibration';
import { filenameTracks, parsePeerFilename } from './filename';
import { parsedTitleOf, prepareParsed, prepareTrack, type PreparedTrack } from './preparedTrack';
import { preparedDistance, trackDistance, type MatchTrack, type MatchVerdict, type Penalty, type PenaltyName, type TrackDistance } from './score';

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
  /** A recording other than the one asked for (live for studio, a remix, another remixer, ...). */
  versionConflict: boolean;
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

/** Scores a candidate track against the wanted one. */
export function matchTracks(wanted: MatchTrack, candidate: MatchTrack): MatchResult {
  return fromDistance(trackDistance(wanted, candidate));
}

/** `matchTracks` of two prepared tracks. */
export function matchPrepared(wanted: PreparedTrack, candidate: PreparedTrack): MatchResult {
  return fromDistance(preparedDistance(wanted, candidate));
}

function fromDistance(d: TrackDistance): MatchResult {
  const score = 1 - d.distance;
  return {
    score,
    match: d.verdict === 'match',
    verdict: d.verdict,
    versionConflict: d.versionConflict,
    probability: d.versionConflict ? Math.min(matchProbability(score), 0.05) : matchProbability(score),
    breakdown: toBreakdown(d.penalties),
  };
}

/** The distance without the version penalty: how well a reading fits the name, whatever version it is. */
function fitOf(penalties: readonly Penalty[]): number {
  let sum = 0;
  let max = 0;
  for (const p of penalties) {
    if (p.name === 'version') continue;
    sum += p.weight * p.value;
    max += p.weight;
  }
  return max === 0 ? 0 : sum / max;
}

/**
 * Scores a peer's file (its path as shared, backslashes and all) against the wanted track. Every plausible
 * reading of the name is tried; the one that fits the name best (title, artist, album, length — not the
 * version, which is a property of the file, not of how its name is read) is kept, with its full verdict.
 */
export function matchFilename(wanted: MatchTrack, path: string, durationSec?: number): MatchResult {
  return matchFileReadings(wanted, fileReadings(path, durationSec));
}

/** A peer's file parsed once, for scoring against many tracks (the index does this). */
export interface FileReadings {
  readings: ReadonlyArray<{ track: MatchTrack; how: string }>;
}

export function fileReadings(path: string, durationSec?: number): FileReadings {
  return { readings: filenameTracks(parsePeerFilename(path), durationSec) };
}

/** A file's readings with each reading prepared for scoring, for many comparisons (the index does this). */
export type PreparedReadings = ReadonlyArray<{ prepared: PreparedTrack; how: string }>;

export function prepareReadings(file: FileReadings): PreparedReadings {
  return file.readings.map(({ track, how }) => ({ prepared: prepareTrack(track), how }));
}

/** `matchFilename` for a file already parsed with `fileReadings`. */
export function matchFileReadings(wanted: MatchTrack, file: FileReadings): MatchResult {
  return matchPreparedReadings(prepareParsed(wanted, parsedTitleOf(wanted)), prepareReadings(file));
}

/** `matchFileReadings` with both sides prepared. */
export function matchPreparedReadings(wanted: PreparedTrack, readings: PreparedReadings): MatchResult {
  let best: { fit: number; distance: TrackDistance; how: string } | undefined;
  for (const { prepared, how } of readings) {
    const distance = preparedDistance(wanted, prepared);
    const fit = fitOf(distance.penalties);
    if (!best || fit < best.fit - 1e-9) best = { fit, distance, how };
  }
  if (best) return { ...fromDistance(best.distance), reading: best.how };
  return {
    score: 0,
    match: false,
    verdict: 'reject',
    versionConflict: false,
    probability: 0,
    breakdown: { title: { weight: 3, value: 1, detail: 'no title in the file name' } },
  };
}

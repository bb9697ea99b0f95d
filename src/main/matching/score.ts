// How far a candidate track is from the wanted one, as beets does it: a weighted distance made of named
// penalties (title, artist, length, track index, version, album) that the UI can show. Pure.
import { normalise, compactKey } from './normalise';
import { isDifferentRecording, parseArtistCredit, parseTitle, type ParsedTitle, type VersionKind } from './parse';
import { basicDistance, stringDistance } from './stringDistance';

export interface MatchTrack {
  title: string;
  artist: string;
  album?: string;
  durationSec?: number;
  trackNumber?: number;
}

export type PenaltyName = 'title' | 'artist' | 'length' | 'track_index' | 'version' | 'album';

export interface Penalty {
  name: PenaltyName;
  weight: number;
  /** 0 (no difference) … 1 (entirely different). */
  value: number;
  /** What differs, for people: "live version not asked for", "42 s longer". */
  detail?: string;
}

export type MatchVerdict = 'match' | 'review' | 'reject';

export interface TrackDistance {
  /** Σ weight·value / Σ weight over `penalties`, in [0, 1]. */
  distance: number;
  /** Every penalty that entered the distance, including zero-valued ones. */
  penalties: Penalty[];
  verdict: MatchVerdict;
}

export const MATCH_WEIGHTS: Readonly<Record<PenaltyName, number>> = {
  title: 3,
  artist: 2,
  length: 2,
  track_index: 1,
  album: 1,
  // Heavy enough that a different recording alone lands past the review threshold, even with every other
  // penalty present and zero: 4 / (3+2+2+1+1+4) ≈ 0.31.
  version: 4,
};

/** Duration differences up to this many seconds cost nothing. */
export const LENGTH_GRACE_SEC = 10;
/** Past the grace, the length penalty grows linearly and is full this many seconds later. */
export const LENGTH_MAX_SEC = 30;
/** Below this distance a candidate is accepted without asking. */
export const MATCH_THRESHOLD = 0.04;
/** Below this distance a candidate is offered for review; at or above it, rejected. */
export const REVIEW_THRESHOLD = 0.25;
/** `ownedConfidence` at or above this means "already in the library". */
export const OWNED_THRESHOLD = 0.8;

/** Cost of a credit difference that leaves the main artist intact ("A" vs "A feat. B"). */
const CREDIT_COST = 0.05;
/** Cost of two titles naming different numbers ("Part 1" vs "Part 2", "No. 5" vs "No. 9"). */
const NUMBER_COST = 0.5;
/** A remaster or radio edit where none was named (or the other way round). */
const HARMLESS_VERSION_COST = 0.05;
/** An extended mix where none was asked for: the same recording, noticeably longer. */
const EXTENDED_VERSION_COST = 0.5;

const clamp01 = (n: number) => Math.min(1, Math.max(0, n));

function titleWithoutVersion(p: ParsedTitle): string {
  return [p.base, ...p.extras.map((e) => `(${e})`)].join(' ');
}

function numbersIn(text: string): string {
  return (normalise(text).match(/\d+/g) ?? []).map((n) => String(Number(n))).sort().join(' ');
}

function titlePenalty(w: ParsedTitle, c: ParsedTitle): Penalty {
  const tw = titleWithoutVersion(w);
  const tc = titleWithoutVersion(c);
  let value = stringDistance(tw, tc);
  let detail: string | undefined;
  const nw = numbersIn(tw);
  const nc = numbersIn(tc);
  if (nw && nc && nw !== nc) {
    value = clamp01(value + NUMBER_COST);
    detail = 'numbers in the title differ';
  } else if (value > 0) {
    detail = `"${c.base}" for "${w.base}"`;
  }
  return { name: 'title', weight: MATCH_WEIGHTS.title, value, detail };
}

function creditedNames(artist: string, title: ParsedTitle): Set<string> {
  const credit = parseArtistCredit(artist);
  return new Set([...credit.names, ...credit.featuring, ...title.featuring].map(compactKey).filter(Boolean));
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

function artistPenalty(wanted: MatchTrack, candidate: MatchTrack, w: ParsedTitle, c: ParsedTitle): Penalty {
  const aw = parseArtistCredit(wanted.artist);
  const ac = parseArtistCredit(candidate.artist);
  let main = stringDistance(aw.main, ac.main);
  // "A, B" against "A": any shared name counts as the same main artist.
  if (aw.names.length > 1 || ac.names.length > 1) {
    for (const x of aw.names) for (const y of ac.names) main = Math.min(main, basicDistance(x, y));
  }
  const creditsDiffer = !sameSet(creditedNames(wanted.artist, w), creditedNames(candidate.artist, c));
  const value = clamp01(main + (creditsDiffer ? CREDIT_COST : 0));
  let detail: string | undefined;
  if (main > 0) detail = `"${ac.main}" for "${aw.main}"`;
  else if (creditsDiffer) detail = 'featured artists differ';
  return { name: 'artist', weight: MATCH_WEIGHTS.artist, value, detail };
}

function lengthPenalty(wantedSec: number, candidateSec: number): Penalty {
  const diff = candidateSec - wantedSec;
  const value = clamp01((Math.abs(diff) - LENGTH_GRACE_SEC) / LENGTH_MAX_SEC);
  const detail =
    Math.abs(diff) < 1 ? undefined : `${Math.round(Math.abs(diff))} s ${diff > 0 ? 'longer' : 'shorter'}`;
  return { name: 'length', weight: MATCH_WEIGHTS.length, value, detail };
}

function describe(kind: VersionKind | null): string {
  return kind ?? 'original';
}

/** 0 when the versions agree; small for remaster/edit differences; 1 for a recording that was not asked for. */
function versionValue(w: ParsedTitle, c: ParsedTitle): { value: number; detail?: string } {
  const kw = w.version.kind;
  const kc = c.version.kind;
  if (kw === kc) {
    if (!isDifferentRecording(kw)) return { value: 0 };
    // Same kind, maybe another remixer or another concert.
    const d = 0.5 * basicDistance(w.version.text, c.version.text);
    return d === 0 ? { value: 0 } : { value: d, detail: `"${c.version.text}" for "${w.version.text}"` };
  }
  if (isDifferentRecording(kw) || isDifferentRecording(kc)) {
    const detail =
      kc !== null && isDifferentRecording(kc)
        ? `${describe(kc)} version not asked for`
        : `${describe(kc)} version instead of the ${describe(kw)} asked for`;
    return { value: 1, detail };
  }
  if (kw === 'extended' || kc === 'extended') {
    return { value: EXTENDED_VERSION_COST, detail: `${describe(kc)} version for ${describe(kw)}` };
  }
  return { value: HARMLESS_VERSION_COST, detail: `${describe(kc)} version for ${describe(kw)}` };
}

function verdictFor(distance: number): MatchVerdict {
  if (distance < MATCH_THRESHOLD) return 'match';
  if (distance < REVIEW_THRESHOLD) return 'review';
  return 'reject';
}

/**
 * Weighted distance between the wanted track and a candidate. Penalties for fields that either side lacks
 * (album, duration, track number) are left out rather than counted as a match. The version penalty enters
 * only when the versions disagree, so agreeing versions neither help nor dilute the other penalties.
 */
export function trackDistance(wanted: MatchTrack, candidate: MatchTrack): TrackDistance {
  const w = parseTitle(wanted.title);
  const c = parseTitle(candidate.title);
  const penalties: Penalty[] = [titlePenalty(w, c), artistPenalty(wanted, candidate, w, c)];
  if (wanted.durationSec !== undefined && candidate.durationSec !== undefined) {
    penalties.push(lengthPenalty(wanted.durationSec, candidate.durationSec));
  }
  if (wanted.trackNumber !== undefined && candidate.trackNumber !== undefined) {
    const same = wanted.trackNumber === candidate.trackNumber;
    penalties.push({
      name: 'track_index',
      weight: MATCH_WEIGHTS.track_index,
      value: same ? 0 : 1,
      detail: same ? undefined : `track ${candidate.trackNumber} for ${wanted.trackNumber}`,
    });
  }
  if (wanted.album && candidate.album) {
    const value = stringDistance(wanted.album, candidate.album);
    penalties.push({
      name: 'album',
      weight: MATCH_WEIGHTS.album,
      value,
      detail: value > 0 ? `"${candidate.album}" for "${wanted.album}"` : undefined,
    });
  }
  const version = versionValue(w, c);
  if (version.value > 0) {
    penalties.push({ name: 'version', weight: MATCH_WEIGHTS.version, value: version.value, detail: version.detail });
  }

  let sum = 0;
  let max = 0;
  for (const p of penalties) {
    sum += p.weight * p.value;
    max += p.weight;
  }
  const distance = max === 0 ? 0 : clamp01(sum / max);
  return { distance, penalties, verdict: verdictFor(distance) };
}

/** 1 − distance: higher is better, for rankers that sort candidates. */
export function similarity(wanted: MatchTrack, candidate: MatchTrack): number {
  return 1 - trackDistance(wanted, candidate).distance;
}

/** Duration credit for "do I own this": full within ±5 s, none from 30 s apart. */
function durationCredit(a: number, b: number): number {
  const diff = Math.abs(a - b);
  return diff <= 5 ? 1 : clamp01(1 - (diff - 5) / 25);
}

/**
 * Confidence in [0, 1] that `owned` (a library track) is the `wanted` track: 0.6·title + 0.3·artist +
 * 0.1·duration (SoulSync's weights). A different recording (live for studio) halves the title credit.
 * Without both durations the title and artist shares are scaled up to fill the scale.
 */
export function ownedConfidence(wanted: MatchTrack, owned: MatchTrack): number {
  const w = parseTitle(wanted.title);
  const o = parseTitle(owned.title);
  const title = clamp01(1 - titlePenalty(w, o).value - 0.5 * versionValue(w, o).value);
  const artist = 1 - artistPenalty(wanted, owned, w, o).value;
  if (wanted.durationSec === undefined || owned.durationSec === undefined) {
    return (0.6 * title + 0.3 * artist) / 0.9;
  }
  return 0.6 * title + 0.3 * artist + 0.1 * durationCredit(wanted.durationSec, owned.durationSec);
}

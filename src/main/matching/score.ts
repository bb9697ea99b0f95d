// How far a candidate track is from the wanted one, as beets does it: a weighted distance made of named
// penalties (title, artist, album, length, track index, version) that the UI can show. Pure.
import { isDifferentRecording, parseTitle, type ParsedTitle, type VersionKind } from './parse';
import {
  parsedTitleOf,
  prepareCredits,
  prepareParsed,
  prepareTitle,
  prepareVersion,
  type PreparedAlbum,
  type PreparedTitle,
  type PreparedTrack,
  type PreparedVersion,
} from './preparedTrack';
import { keyDistance, preparedStringDistance } from './stringDistance';

export { effectiveVersion, parsedTitleOf } from './preparedTrack';

export interface MatchTrack {
  title: string;
  /** Credited artists, main artist first; an entry may itself be a credit ("A feat. B", "A & B"). */
  artists: readonly string[];
  album?: string;
  durationSec?: number;
  trackNumber?: number;
}

export type PenaltyName = 'title' | 'artist' | 'album' | 'length' | 'track_index' | 'version';

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
  /** A recording other than the one asked for (live for studio, a remix, another remixer's remix, ...). */
  versionConflict: boolean;
}

export const MATCH_WEIGHTS: Readonly<Record<PenaltyName, number>> = {
  title: 3,
  artist: 2,
  length: 2,
  // Track numbers and album names differ legitimately (the same recording on a single, an album and a
  // compilation), so they only nudge the distance.
  track_index: 0.5,
  album: 0.5,
  // Heavy enough that a different recording alone lands past the review threshold, even with every other
  // penalty present and zero: 4 / (3+2+2+0.5+0.5+4) = 0.33.
  version: 4,
};

/** Duration differences up to this many seconds cost nothing (encoders, gaps and fades differ by a few). */
export const LENGTH_GRACE_SEC = 10;
/** Past the grace, the length penalty grows linearly and is full this many seconds later. */
export const LENGTH_MAX_SEC = 30;
/**
 * Below this distance a candidate is accepted without asking. Chosen on the tuning half of the evaluation set
 * (test/fixtures/match-eval; `npm run eval:match -- --split tune --sweep`): precision stays 1.0 up to 0.16
 * and the first false accept appears at 0.18, so 0.14 keeps a margin below that edge at a recall of 0.998.
 * beets uses 0.04, but its inputs are clean tags; peers' file names lose punctuation, albums and credits,
 * which costs 0.05–0.12 on true matches, while a wrong artist alone costs ≥ 0.17 and any version conflict is
 * never accepted whatever its distance.
 */
export const MATCH_THRESHOLD = 0.14;
/** Below this distance a candidate is offered for review; at or above it, rejected (beets' value). */
export const REVIEW_THRESHOLD = 0.25;
/** `ownedConfidence` at or above this means "already in the library". */
export const OWNED_THRESHOLD = 0.8;

/** Cost of a credit difference that leaves the main artist intact ("A" vs "A feat. B"). */
const CREDIT_COST = 0.05;
/** Cost of two titles naming different numbers ("Part 1" vs "Part 2", "No. 5" vs "No. 9"). */
const NUMBER_COST = 0.5;
/** A remaster, radio edit or clean edit where none was named (or the other way round). */
const HARMLESS_VERSION_COST = 0.02;
/** An extended mix where none was asked for: the same recording, noticeably longer. */
const EXTENDED_VERSION_COST = 0.5;
/** One side names no artist at all (a bare "Title.mp3"): unknown, not wrong — but never enough to accept. */
const UNNAMED_ARTIST_COST = 0.6;
/** Albums are compared on their base names; edition words never count, and a total mismatch costs this much. */
const ALBUM_MAX_COST = 1;

const clamp01 = (n: number) => Math.min(1, Math.max(0, n));

export function titlePenalty(w: ParsedTitle, c: ParsedTitle): Penalty {
  return preparedTitlePenalty(prepareTitle(w), prepareTitle(c));
}

function preparedTitlePenalty(w: PreparedTitle, c: PreparedTitle): Penalty {
  let value = preparedStringDistance(w.text, c.text);
  let detail: string | undefined;
  const nw = w.numbers;
  const nc = c.numbers;
  // "Part 1" vs "Part 2", or "Song" vs "Song 2": the words agree, the numbers do not.
  const sameWords = w.words === c.words;
  if (nw !== nc && ((nw && nc) || sameWords)) {
    value = clamp01(value + NUMBER_COST);
    detail = 'numbers in the title differ';
  } else if (value > 0) {
    detail = `"${c.parsed.base}" for "${w.parsed.base}"`;
  }
  return { name: 'title', weight: MATCH_WEIGHTS.title, value, detail };
}

/** How far the closest name of `names` is from any name in `pool` (compact keys both). */
function nearest(names: readonly string[], pool: readonly string[]): number {
  let best = 1;
  for (const x of names) for (const y of pool) best = Math.min(best, keyDistance(x, y));
  return best;
}

export function artistPenalty(wanted: MatchTrack, candidate: MatchTrack, w: ParsedTitle, c: ParsedTitle): Penalty {
  return preparedArtistPenalty(
    { unnamed: wanted.artists.length === 0, credits: prepareCredits(wanted, w) },
    { unnamed: candidate.artists.length === 0, credits: prepareCredits(candidate, c) },
  );
}

function preparedArtistPenalty(
  wanted: Pick<PreparedTrack, 'unnamed' | 'credits'>,
  candidate: Pick<PreparedTrack, 'unnamed' | 'credits'>,
): Penalty {
  if (candidate.unnamed || wanted.unnamed) {
    return { name: 'artist', weight: MATCH_WEIGHTS.artist, value: UNNAMED_ARTIST_COST, detail: 'artist not named' };
  }
  const cw = wanted.credits;
  const cc = candidate.credits;
  // Either side's main artist credited anywhere on the other counts as the same artist: feat. moves
  // ("A feat. B" vs "A - Song (feat. B)") and remix credits ("B" vs "A" for "Song (A Remix)") stay together.
  const mainDistance = preparedStringDistance(cw.mainText, cc.mainText);
  let main = Math.min(mainDistance, nearest(cw.mainNames, cc.all), nearest(cc.mainNames, cw.all));
  if (main < 0.25 && main > 0) main = Math.min(main, mainDistance);
  const creditsDiffer = cw.allSet.size !== cc.allSet.size || [...cw.allSet].some((x) => !cc.allSet.has(x));
  const value = clamp01(main + (creditsDiffer ? CREDIT_COST : 0));
  let detail: string | undefined;
  if (main > 0) detail = `"${cc.main}" for "${cw.main}"`;
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

function albumPenalty(wanted: PreparedAlbum, candidate: PreparedAlbum): Penalty {
  const value = ALBUM_MAX_COST * preparedStringDistance(wanted.base, candidate.base);
  return {
    name: 'album',
    weight: MATCH_WEIGHTS.album,
    value,
    detail: value > 0 ? `"${candidate.name}" for "${wanted.name}"` : undefined,
  };
}

function describeKind(kind: VersionKind | null): string {
  if (kind === null) return 'original';
  if (kind === 'sped_up') return 'sped-up';
  return kind;
}

/** 0 when the versions agree; small for remaster/edit differences; 1 for a recording that was not asked for. */
export function versionValue(
  wanted: MatchTrack,
  candidate: MatchTrack,
  w: ParsedTitle,
  c: ParsedTitle,
): { value: number; detail?: string; conflict: boolean } {
  return preparedVersionValue(prepareVersion(wanted, w), prepareVersion(candidate, c));
}

function preparedVersionValue(vw: PreparedVersion, vc: PreparedVersion): { value: number; detail?: string; conflict: boolean } {
  const kw = vw.kind;
  const kc = vc.kind;
  if (kw === kc) {
    if (!isDifferentRecording(kw)) return { value: 0, conflict: false };
    // Same kind, maybe another remixer or another concert. Remixers compare by name, wherever they stand.
    const d =
      kw === 'remix' && vw.remixer && vc.remixer
        ? keyDistance(vw.remixer.key, vc.remixer.key)
        : 0.5 * keyDistance(vw.textKey, vc.textKey);
    if (d === 0) return { value: 0, conflict: false };
    return { value: d, detail: `"${vc.text}" for "${vw.text}"`, conflict: d >= 0.3 };
  }
  if (isDifferentRecording(kw) || isDifferentRecording(kc)) {
    const detail =
      kc !== null && isDifferentRecording(kc)
        ? `${describeKind(kc)} version not asked for`
        : `${describeKind(kc)} version instead of the ${describeKind(kw)} asked for`;
    return { value: 1, detail, conflict: true };
  }
  if (kw === 'extended' || kc === 'extended') {
    return { value: EXTENDED_VERSION_COST, detail: `${describeKind(kc)} version for ${describeKind(kw)}`, conflict: false };
  }
  return { value: HARMLESS_VERSION_COST, detail: `${describeKind(kc)} version for ${describeKind(kw)}`, conflict: false };
}

function verdictFor(distance: number, conflict: boolean, artistUnknown: boolean): MatchVerdict {
  if (conflict || artistUnknown) return distance < REVIEW_THRESHOLD ? 'review' : 'reject';
  if (distance < MATCH_THRESHOLD) return 'match';
  if (distance < REVIEW_THRESHOLD) return 'review';
  return 'reject';
}

/**
 * Weighted distance between the wanted track and a candidate. Penalties for fields that either side lacks
 * (album, duration, track number) are left out rather than counted as a match. The version penalty enters
 * only when the versions disagree, so agreeing versions neither help nor dilute the other penalties; a
 * version conflict can never be auto-accepted, whatever the other penalties say.
 */
export function trackDistance(wanted: MatchTrack, candidate: MatchTrack): TrackDistance {
  // The same tracks are scored again and again by callers without an index: their parsed titles are cached.
  return preparedDistance(prepareParsed(wanted, parsedTitleOf(wanted)), prepareParsed(candidate, parsedTitleOf(candidate)));
}

/** `trackDistance` of two prepared tracks (see `prepareTrack`): what an index calls for every candidate. */
export function preparedDistance(wanted: PreparedTrack, candidate: PreparedTrack): TrackDistance {
  const penalties: Penalty[] = [preparedTitlePenalty(wanted.title, candidate.title), preparedArtistPenalty(wanted, candidate)];
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
  if (wanted.album && candidate.album) penalties.push(albumPenalty(wanted.album, candidate.album));
  const version = preparedVersionValue(wanted.version, candidate.version);
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
  const artistUnknown = penalties[1]?.detail === 'artist not named';
  return {
    distance,
    penalties,
    verdict: verdictFor(distance, version.conflict, artistUnknown),
    versionConflict: version.conflict,
  };
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
  const title = clamp01(1 - titlePenalty(w, o).value - 0.5 * versionValue(wanted, owned, w, o).value);
  const artist = 1 - artistPenalty(wanted, owned, w, o).value;
  if (wanted.durationSec === undefined || owned.durationSec === undefined) {
    return (0.6 * title + 0.3 * artist) / 0.9;
  }
  return 0.6 * title + 0.3 * artist + 0.1 * durationCredit(wanted.durationSec, owned.durationSec);
}

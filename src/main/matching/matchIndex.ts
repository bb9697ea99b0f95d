// An in-memory index of catalogue tracks for "which of these is that file?": blocking on normalised title
// tokens (postings per token, the query's rarest tokens first) so a query scores a few hundred candidates,
// never the whole catalogue. Scoring is the engine's (`matchTracks` / `matchFilename`).
import { filenameTracks, parsePeerFilename } from './filename';
import { matchFilename, matchTracks, type MatchResult } from './match';
import { matchTokens } from './normalise';
import { parseArtistCredit } from './parse';
import { parsedTitleOf, type MatchTrack } from './score';

export interface IndexHit<Id> {
  id: Id;
  track: MatchTrack;
  result: MatchResult;
}

export interface SearchOptions {
  /** How many hits to return, best first (default 5). */
  limit?: number;
  /** Drop hits scoring below this (default 0). */
  minScore?: number;
}

/**
 * At most this many candidates are scored per query. Scoring costs ~10–20 µs a candidate, so 400 keeps one
 * query near 5 ms on a slow core; a title whose every token is this common is narrowed by a second token
 * and then by the artist.
 */
export const MAX_CANDIDATES = 400;
/** The query's rarest tokens whose postings are united (two, so one misspelt word does not lose the track). */
const BLOCKING_TOKENS = 2;

export class MatchIndex<Id = number> {
  private readonly tracks: Array<{ id: Id; track: MatchTrack }> = [];
  private readonly titlePostings = new Map<string, number[]>();
  private readonly artistPostings = new Map<string, number[]>();

  /** How many candidates the last query scored (blocking's effect, for benchmarks and tests). */
  lastCandidates = 0;

  get size(): number {
    return this.tracks.length;
  }

  add(id: Id, track: MatchTrack): void {
    const slot = this.tracks.length;
    this.tracks.push({ id, track });
    for (const t of new Set(matchTokens(parsedTitleOf(track).base))) push(this.titlePostings, t, slot);
    for (const t of new Set(artistTokens(track.artists))) push(this.artistPostings, t, slot);
  }

  /** Catalogue tracks that best match the wanted track, best first. */
  search(wanted: MatchTrack, options: SearchOptions = {}): Array<IndexHit<Id>> {
    const slots = this.block(matchTokens(parsedTitleOf(wanted).base), artistTokens(wanted.artists));
    return this.rank(slots, (t) => matchTracks(wanted, t), options);
  }

  /** Catalogue tracks that a peer's file most likely is, best first. */
  searchFilename(path: string, durationSec?: number, options: SearchOptions = {}): Array<IndexHit<Id>> {
    const parsed = parsePeerFilename(path);
    const titleTokens = new Set<string>();
    const nameTokens = new Set<string>();
    for (const { track } of filenameTracks(parsed)) {
      for (const t of matchTokens(track.title)) titleTokens.add(t);
      for (const t of artistTokens(track.artists)) nameTokens.add(t);
    }
    const slots = this.block([...titleTokens], [...nameTokens]);
    return this.rank(slots, (t) => matchFilename(t, path, durationSec), options);
  }

  /** Candidate slots: the union of the rarest title tokens' postings, narrowed when that is too many. */
  private block(titleTokens: readonly string[], nameTokens: readonly string[]): number[] {
    const postings = [...new Set(titleTokens)]
      .map((t) => this.titlePostings.get(t))
      .filter((p): p is number[] => p !== undefined)
      .sort((a, b) => a.length - b.length);
    if (postings.length === 0) return [];
    const union = new Set<number>();
    for (const p of postings.slice(0, BLOCKING_TOKENS)) for (const s of p) union.add(s);
    if (union.size <= MAX_CANDIDATES) return [...union];

    // Every token is common ("Love", "Intro"): require the two rarest together, then the artist.
    let narrowed = postings[0] ?? [];
    if (postings[1]) narrowed = intersect(narrowed, postings[1]);
    if (narrowed.length > MAX_CANDIDATES || narrowed.length === 0) {
      const base = postings[0] ?? [];
      const artistPosting = [...new Set(nameTokens)]
        .map((t) => this.artistPostings.get(t))
        .filter((p): p is number[] => p !== undefined)
        .sort((a, b) => a.length - b.length)[0];
      if (artistPosting) narrowed = intersect(narrowed.length > 0 ? narrowed : base, artistPosting);
      else if (narrowed.length === 0) narrowed = base;
    }
    return narrowed.slice(0, MAX_CANDIDATES);
  }

  private rank(
    slots: readonly number[],
    score: (track: MatchTrack) => MatchResult,
    { limit = 5, minScore = 0 }: SearchOptions,
  ): Array<IndexHit<Id>> {
    const hits: Array<IndexHit<Id>> = [];
    this.lastCandidates = slots.length;
    for (const slot of slots) {
      const entry = this.tracks[slot];
      if (!entry) continue;
      const result = score(entry.track);
      if (result.score >= minScore) hits.push({ id: entry.id, track: entry.track, result });
    }
    hits.sort((a, b) => Number(b.result.match) - Number(a.result.match) || b.result.score - a.result.score);
    return hits.slice(0, limit);
  }
}

function artistTokens(artists: readonly string[]): string[] {
  const out: string[] = [];
  for (const a of artists) {
    const c = parseArtistCredit(a);
    for (const name of [c.main, ...c.names, ...c.featuring]) out.push(...matchTokens(name));
  }
  return out;
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Intersection of two ascending slot lists. */
function intersect(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0;
    const y = b[j] ?? 0;
    if (x === y) {
      out.push(x);
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out;
}

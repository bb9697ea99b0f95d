// An in-memory index of catalogue tracks for "which of these is that file?": blocking on normalised title
// tokens (postings per token, the query's rarest tokens first) so a query scores a few hundred candidates,
// never the whole catalogue. Scoring is the engine's (`matchTracks` / `matchFilename`).
import { fileReadings, matchPrepared, matchPreparedReadings, prepareReadings, type MatchResult } from './match';
import { matchTokens } from './normalise';
import { parseArtistCredit } from './parse';
import { prepareTrack, type PreparedTrack } from './preparedTrack';
import type { MatchTrack } from './score';

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
 * At most this many candidates are scored per query (a full score costs ~10 µs per reading of a file name).
 * Candidates are chosen by weighted token overlap first, so the few hundred that share the query's rare
 * words compete, and only the best of them are scored.
 */
export const MAX_CANDIDATES = 40;
/** Postings longer than this share of the catalogue are too common to vote ("the", "love", "live"), unless
 * a query has nothing rarer. */
const COMMON_SHARE = 0.05;
export class MatchIndex<Id = number> {
  /** Each track as added, prepared for scoring once: the index scores a snapshot of what it was given. */
  private readonly tracks: Array<{ id: Id; track: MatchTrack; prepared: PreparedTrack }> = [];
  private readonly titlePostings = new Map<string, number[]>();
  private readonly artistPostings = new Map<string, number[]>();
  /** Scratch space for `block`'s vote counting, one cell per track, always left zeroed. */
  private votes = new Float64Array(0);

  /** How many candidates the last query scored (blocking's effect, for benchmarks and tests). */
  lastCandidates = 0;

  get size(): number {
    return this.tracks.length;
  }

  add(id: Id, track: MatchTrack): void {
    const slot = this.tracks.length;
    const prepared = prepareTrack(track);
    this.tracks.push({ id, track, prepared });
    for (const t of new Set(matchTokens(prepared.title.parsed.base))) push(this.titlePostings, t, slot);
    for (const t of new Set(artistTokens(track.artists))) push(this.artistPostings, t, slot);
  }

  /** Catalogue tracks that best match the wanted track, best first. */
  search(wanted: MatchTrack, options: SearchOptions = {}): Array<IndexHit<Id>> {
    const w = prepareTrack(wanted);
    const slots = this.block(matchTokens(w.title.parsed.base), artistTokens(wanted.artists));
    return this.rank(slots, (t) => matchPrepared(w, t), options);
  }

  /** Catalogue tracks that a peer's file most likely is, best first. */
  searchFilename(path: string, durationSec?: number, options: SearchOptions = {}): Array<IndexHit<Id>> {
    const file = fileReadings(path, durationSec);
    const titleTokens = new Set<string>();
    const nameTokens = new Set<string>();
    for (const { track } of file.readings) {
      for (const t of matchTokens(track.title)) titleTokens.add(t);
      for (const t of artistTokens(track.artists)) nameTokens.add(t);
    }
    const slots = this.block([...titleTokens], [...nameTokens]);
    const readings = prepareReadings(file);
    return this.rank(slots, (t) => matchPreparedReadings(t, readings), options);
  }

  /**
   * Candidate slots: every track sharing a not-too-common title token with the query, ranked by the summed
   * rarity (idf) of the title and artist tokens it shares, best MAX_CANDIDATES kept. Only the postings of the
   * query's own tokens are walked, never the catalogue.
   */
  private block(titleTokens: readonly string[], nameTokens: readonly string[]): number[] {
    const total = this.tracks.length;
    const common = Math.max(50, total * COMMON_SHARE);
    const title = [...new Set(titleTokens)]
      .map((t) => this.titlePostings.get(t))
      .filter((p): p is number[] => p !== undefined)
      .sort((a, b) => a.length - b.length);
    if (title.length === 0) return [];
    const voting = title.filter((p, i) => p.length <= common || i === 0);
    if (this.votes.length < total) this.votes = new Float64Array(Math.max(total, this.votes.length * 2));
    const votes = this.votes;
    const touched: number[] = [];
    const idf = (p: readonly number[]) => Math.log(1 + total / p.length);
    for (const p of voting) {
      const w = idf(p);
      for (const slot of p) {
        if (votes[slot] === 0) touched.push(slot);
        votes[slot] = (votes[slot] ?? 0) + w;
      }
    }
    // Artist words only add to tracks the title already proposed; common ones too (weighted by rarity), since
    // a common title word plus the artist is often all a file name has.
    for (const t of new Set(nameTokens)) {
      const p = this.artistPostings.get(t);
      if (!p) continue;
      const w = idf(p);
      for (const slot of p) if ((votes[slot] ?? 0) > 0) votes[slot] = (votes[slot] ?? 0) + w;
    }
    touched.sort((a, b) => (votes[b] ?? 0) - (votes[a] ?? 0) || a - b);
    const out = touched.slice(0, MAX_CANDIDATES);
    for (const slot of touched) votes[slot] = 0;
    return out;
  }

  private rank(
    slots: readonly number[],
    score: (track: PreparedTrack) => MatchResult,
    { limit = 5, minScore = 0 }: SearchOptions,
  ): Array<IndexHit<Id>> {
    const hits: Array<IndexHit<Id>> = [];
    this.lastCandidates = slots.length;
    for (const slot of slots) {
      const entry = this.tracks[slot];
      if (!entry) continue;
      const result = score(entry.prepared);
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

// An in-memory index of catalogue tracks for "which of these is that file?". A query never scores the whole
// catalogue: blocking (`candidateBlocking.ts`) walks the postings of the query's rarest words and rates what it
// finds cheaply, and only the best MAX_CANDIDATES get the engine's full score (`matchTracks` /
// `matchFilename`). Every catalogue track is prepared for scoring once, when it is added.
import { CandidateBlocking } from './candidateBlocking';
import { fileReadings, matchPrepared, matchPreparedReadings, prepareReadings, type MatchResult } from './match';
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
 * At most this many candidates get the full score per query (a full score of a file name costs a few µs per
 * reading). Blocking rates tracks with a cheap mirror of the score (title and artist words, length, track
 * number, album words, version kind), which puts the track a query names among its first few; 20 leaves room
 * for near-identical tracks (the same song on several albums, covers, live takes). On the full-scan comparison
 * (matchIndex.bruteForce.test.ts) and the benchmark's 100,000 tracks, 20 finds the same best as 40.
 */
export const MAX_CANDIDATES = 20;

export class MatchIndex<Id = number> {
  /** Each track as added, prepared for scoring once: the index scores a snapshot of what it was given. */
  private readonly tracks: Array<{ id: Id; track: MatchTrack; prepared: PreparedTrack }> = [];
  private readonly blocking = new CandidateBlocking();

  /** How many candidates the last query scored in full (blocking's effect, for benchmarks and tests). */
  lastCandidates = 0;

  /** How many tracks the last query's blocking rated cheaply before choosing the candidates. */
  get lastProposed(): number {
    return this.blocking.lastProposed;
  }

  get size(): number {
    return this.tracks.length;
  }

  add(id: Id, track: MatchTrack): void {
    const prepared = prepareTrack(track);
    this.tracks.push({ id, track, prepared });
    this.blocking.add(prepared);
  }

  /** Catalogue tracks that best match the wanted track, best first. */
  search(wanted: MatchTrack, options: SearchOptions = {}): Array<IndexHit<Id>> {
    const w = prepareTrack(wanted);
    const slots = this.blocking.candidates([w], MAX_CANDIDATES);
    return this.rank(slots, (t) => matchPrepared(w, t), options);
  }

  /** Catalogue tracks that a peer's file most likely is, best first. */
  searchFilename(path: string, durationSec?: number, options: SearchOptions = {}): Array<IndexHit<Id>> {
    const readings = prepareReadings(fileReadings(path, durationSec));
    const slots = this.blocking.candidates(
      readings.map((r) => r.prepared),
      MAX_CANDIDATES,
    );
    return this.rank(slots, (t) => matchPreparedReadings(t, readings), options);
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

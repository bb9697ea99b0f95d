// "Do I own it?": every track the library mirror and the catalog hold, blocked on their precomputed keys
// (blockingIndex.ts: the matching engine's rule), scored by the engine, and a verdict per playlist entry. Owned iff the best candidate's confidence is ≥ OWNED_THRESHOLD. Remaster vs
// original and feat. moves are the same recording (the engine says so); live, remix, acapella are not — from the
// title, else from the album ("Live at …", "Unplugged", remix albums), else from the length. The same ISRC is the
// same recording whatever the names say. Pure: no I/O.
import { matchTracks, OWNED_THRESHOLD, ownedConfidence, type MatchResult, type MatchTrack } from '../../matching';
import type { Decision, EntryStatus, MatchRef } from '../../playlists';
import { blockingKeysOf, type BlockingSnapshot } from '../../providers';
import { BlockingIndex } from './blockingIndex';

export type Where = MatchRef['where'];

export interface LibraryCandidate extends MatchTrack {
  where: Where;
  /** The catalog track, for `where: 'catalog'`. */
  catalogTrackId?: number;
  isrc?: string;
}

export interface Verdict {
  status: EntryStatus;
  owned: boolean;
  /** The best candidate's confidence, or null without one. */
  confidence: number | null;
  match: MatchRef | null;
  /** The candidate itself (its catalog id when it is a catalog track). */
  candidate: LibraryCandidate | null;
  /** Why, for people: "live version not asked for", "97 s longer: another recording". */
  reason: string;
}

/** A length difference past this, with titles and albums naming no version, is another recording (a live take). */
export const OTHER_RECORDING_SEC = 30;
/** Confidence of a candidate that is another recording: below the owned line, whatever the names. */
const OTHER_RECORDING_CAP = 0.7;
/** How many index hits are scored for ownership per entry. */
const HITS = 8;

export interface OwnedEntry extends MatchTrack {
  isrc?: string;
}

/**
 * A library mirror with its blocking index precomputed (the mirror stores it at refresh time) whose tracks are
 * built only when scored, so a 100,000-track library costs one read and a few hundred track objects per analysis.
 */
export interface MirrorCandidates {
  blocking: BlockingSnapshot;
  /** The candidate in a slot, or undefined when it is gone from the library since the snapshot was read. */
  candidate(slot: number): LibraryCandidate | undefined;
}

export class OwnedIndex {
  private readonly index: BlockingIndex;
  /** Per slot: the candidate once built (kept, so the engine's per-track parse cache keeps working); null: gone. */
  private readonly candidates: (LibraryCandidate | null | undefined)[] = [];
  private readonly byIsrc = new Map<string, number>();

  /** The mirror's tracks (when given) come first, then `candidates`, then whatever `add` adds. */
  constructor(
    candidates: Iterable<LibraryCandidate> = [],
    private readonly mirror?: MirrorCandidates,
  ) {
    this.index = new BlockingIndex(mirror?.blocking);
    this.candidates.length = this.index.size;
    for (const c of candidates) this.add(c);
  }

  get size(): number {
    return this.index.size;
  }

  add(c: LibraryCandidate): void {
    const slot = this.index.add(blockingKeysOf(c));
    this.candidates[slot] = c;
    if (c.isrc && !this.byIsrc.has(c.isrc.toUpperCase())) this.byIsrc.set(c.isrc.toUpperCase(), slot);
  }

  check(entry: OwnedEntry, decision: Decision | null = null): Verdict {
    const best = this.best(entry);
    const verdict = decide(best);
    if (decision === 'owned') return { ...verdict, status: 'owned', owned: true, reason: 'you said you own it' };
    if (decision === 'not_owned') return { ...verdict, status: 'download', owned: false, reason: 'you said this is not it' };
    return verdict;
  }

  private best(entry: OwnedEntry): Scored | undefined {
    const isrcSlot = entry.isrc ? this.byIsrc.get(entry.isrc.toUpperCase()) : undefined;
    if (isrcSlot !== undefined) {
      const c = this.candidates[isrcSlot]!;
      return { candidate: c, confidence: 1, reviewable: false, reason: 'same ISRC' };
    }
    const hits: { candidate: LibraryCandidate; result: MatchResult }[] = [];
    for (const slot of this.index.candidates(blockingKeysOf(entry))) {
      const candidate = this.candidate(slot);
      if (candidate) hits.push({ candidate, result: matchTracks(entry, candidate) });
    }
    // The engine's ranking (MatchIndex.search): accepted first, then by score; the best HITS are checked.
    hits.sort((a, b) => Number(b.result.match) - Number(a.result.match) || b.result.score - a.result.score);
    let best: Scored | undefined;
    for (const hit of hits.slice(0, HITS)) {
      const s = score(entry, hit.candidate, hit.result);
      if (!best || s.confidence > best.confidence) best = s;
    }
    return best;
  }

  private candidate(slot: number): LibraryCandidate | null {
    const known = this.candidates[slot];
    if (known !== undefined) return known;
    const c = this.mirror?.candidate(slot) ?? null;
    this.candidates[slot] = c;
    return c;
  }
}

interface Scored {
  candidate: LibraryCandidate;
  confidence: number;
  /** Close but not sure: same recording as far as the engine can tell, yet below the owned line. */
  reviewable: boolean;
  reason: string;
}

function score(entry: MatchTrack, c: LibraryCandidate, result: ReturnType<typeof matchTracks>): Scored {
  let confidence = ownedConfidence(entry, c);
  let reason = '';
  let otherRecording = result.versionConflict;
  if (result.versionConflict) reason = result.breakdown.version?.detail ?? 'another version';
  if (!otherRecording && entry.durationSec !== undefined && c.durationSec !== undefined) {
    const diff = c.durationSec - entry.durationSec;
    if (Math.abs(diff) > OTHER_RECORDING_SEC) {
      otherRecording = true;
      reason = `${Math.round(Math.abs(diff))} s ${diff > 0 ? 'longer' : 'shorter'}: another recording`;
    }
  }
  if (otherRecording) confidence = Math.min(confidence, OTHER_RECORDING_CAP);
  confidence = Math.round(confidence * 1000) / 1000;
  if (!reason) reason = confidence >= OWNED_THRESHOLD ? 'same recording' : (Object.values(result.breakdown).find((b) => b?.detail)?.detail ?? 'names differ');
  return { candidate: c, confidence, reviewable: !otherRecording && result.verdict !== 'reject', reason };
}

function decide(best: Scored | undefined): Verdict {
  if (!best) return { status: 'download', owned: false, confidence: null, match: null, candidate: null, reason: 'nothing like it in the library' };
  const c = best.candidate;
  const match: MatchRef = { title: c.title, artists: [...c.artists], album: c.album ?? null, where: c.where };
  const owned = best.confidence >= OWNED_THRESHOLD;
  const status: EntryStatus = owned ? 'owned' : best.reviewable ? 'review' : 'download';
  return { status, owned, confidence: best.confidence, match, candidate: c, reason: best.reason };
}

// Candidate blocking for the owned-check over precomputed keys: the mirror's frozen snapshot (built at refresh
// time) as slots 0..n-1, then the tracks added here (the catalog's), so an analysis never normalises the
// library again. The rule is the one MatchIndex used before it learnt rarity-rated readings: every track that
// shares a not-too-common title token with the query, ranked by the summed rarity (idf) of the title tokens and
// then the artist tokens it shares, the best OWNED_CANDIDATES kept (a playlist entry is one clean reading, so the
// cheaper rule loses nothing a full scan finds — the test checks exactly that). One difference in how, not what: artist tokens
// add to the proposed tracks by a membership test instead of walking their postings, since an artist word of a
// big library ("dj", "orchestra", a label's prefix) can name most of it. Pure.
import type { BlockingKeys, BlockingSnapshot } from '../../providers';

/**
 * Candidates scored per playlist entry. Twice the engine's MAX_CANDIDATES: this rule ranks by shared-token rarity
 * only, so same-titled tracks by other artists need room; scoring 40 is still well under a millisecond.
 */
export const OWNED_CANDIDATES = 40;

/** Postings longer than this share of the library are too common to vote, unless a query has nothing rarer. */
const COMMON_SHARE = 0.05;
/** ... but a posting this short always votes, however small the library. */
const COMMON_MIN = 50;

export class BlockingIndex {
  private readonly base: number;
  private readonly titlePostings = new Map<string, number[]>();
  /** Artist token → its id; `artistCount[id]` is how many slots name it. */
  private readonly artistIds = new Map<string, number>();
  private readonly artistCount: number[] = [];
  /** Each added track's artist token ids: `slotArtists[artistStart[i] .. artistStart[i + 1])`, i = slot − base. */
  private slotArtists = new Int32Array(1024);
  private artistsUsed = 0;
  private readonly artistStart: number[] = [0];
  /** Scratch space for vote counting, one cell per slot, always left zeroed. */
  private votes = new Float64Array(0);

  constructor(private readonly snapshot?: BlockingSnapshot) {
    this.base = snapshot?.size ?? 0;
  }

  get size(): number {
    return this.base + this.artistStart.length - 1;
  }

  /** Adds a track by its keys; returns its slot (after the snapshot's, in the order they are added). */
  add(keys: BlockingKeys): number {
    const slot = this.size;
    for (const t of keys.title) {
      const p = this.titlePostings.get(t);
      if (p) p.push(slot);
      else this.titlePostings.set(t, [slot]);
    }
    if (this.artistsUsed + keys.artist.length > this.slotArtists.length) {
      const grown = new Int32Array(Math.max(this.slotArtists.length * 2, this.artistsUsed + keys.artist.length));
      grown.set(this.slotArtists);
      this.slotArtists = grown;
    }
    for (const t of keys.artist) {
      let id = this.artistIds.get(t);
      if (id === undefined) {
        id = this.artistCount.length;
        this.artistIds.set(t, id);
        this.artistCount.push(0);
      }
      this.artistCount[id]!++;
      this.slotArtists[this.artistsUsed++] = id;
    }
    this.artistStart.push(this.artistsUsed);
    return slot;
  }

  /** The slots worth scoring for a query's keys, best first; at most OWNED_CANDIDATES. */
  candidates(query: BlockingKeys): number[] {
    const total = this.size;
    const common = Math.max(COMMON_MIN, total * COMMON_SHARE);
    const title = [...new Set(query.title)]
      .map((t) => new Postings(this.snapshot?.titlePostings(t), this.titlePostings.get(t)))
      .filter((p) => p.length > 0)
      .sort((a, b) => a.length - b.length);
    if (title.length === 0) return [];
    const voting = title.filter((p, i) => p.length <= common || i === 0);
    if (this.votes.length < total) this.votes = new Float64Array(Math.max(total, this.votes.length * 2));
    const votes = this.votes;
    const touched: number[] = [];
    const idf = (n: number) => Math.log(1 + total / n);
    for (const p of voting) {
      const w = idf(p.length);
      p.forEach((slot) => {
        if (votes[slot] === 0) touched.push(slot);
        votes[slot]! += w;
      });
    }
    // Artist words only add to tracks the title already proposed; common ones too (weighted by rarity).
    for (const t of new Set(query.artist)) {
      const frozen = this.snapshot?.artistToken(t) ?? -1;
      const added = this.artistIds.get(t) ?? -1;
      const count = (frozen >= 0 ? this.snapshot!.artistCount(frozen) : 0) + (added >= 0 ? this.artistCount[added]! : 0);
      if (count === 0) continue;
      const w = idf(count);
      for (const slot of touched) {
        const names = slot < this.base ? frozen >= 0 && this.snapshot!.names(slot, frozen) : added >= 0 && this.names(slot - this.base, added);
        if (names) votes[slot]! += w;
      }
    }
    touched.sort((a, b) => votes[b]! - votes[a]! || a - b);
    const out = touched.slice(0, OWNED_CANDIDATES);
    for (const slot of touched) votes[slot] = 0;
    return out;
  }

  /** Whether added track `i` (0 = the first added) names the artist token `id`. */
  private names(i: number, id: number): boolean {
    for (let k = this.artistStart[i]!, end = this.artistStart[i + 1]!; k < end; k++) if (this.slotArtists[k] === id) return true;
    return false;
  }
}

/** A title token's slots: the snapshot's, then those added since (both ascending). */
class Postings {
  readonly length: number;

  constructor(
    private readonly frozen: Int32Array | undefined,
    private readonly added: readonly number[] | undefined,
  ) {
    this.length = (frozen?.length ?? 0) + (added?.length ?? 0);
  }

  forEach(f: (slot: number) => void): void {
    if (this.frozen) for (const slot of this.frozen) f(slot);
    if (this.added) for (const slot of this.added) f(slot);
  }
}

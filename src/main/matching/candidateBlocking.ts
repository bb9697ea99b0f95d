// Blocking for the match index: which few catalogue tracks deserve the full score for a query. Walks the
// postings of the query's rarest title words only, rates every track found by a cheap mirror of the score
// (idf-weighted word overlap of title and artist, length, track number, album words, version kind, in the
// score's weights), and keeps the best. Nothing here parses or normalises a catalogue track again: each one's
// words are token ids stored at `add` time, in flat arrays so a walk touches little memory. Pure.
import { matchTokens } from './normalise';
import { isDifferentRecording, parseArtistCredit, type VersionKind } from './parse';
import type { PreparedTrack } from './preparedTrack';
import { LENGTH_GRACE_SEC, LENGTH_MAX_SEC, MATCH_WEIGHTS } from './score';

/**
 * Blocking proposes only tracks whose title shares at least this share (idf-weighted Jaccard) of a reading's
 * known title words. Walking the rarest words until more than (1 − this) of the title's weight is covered finds
 * every such track, so common words ("the", "love", "remix") are walked only when nothing rarer carries the
 * title. Words no catalogue title has (typos) are left out of the weight, so "Hey Judee" still finds "Hey Jude".
 */
const TITLE_OVERLAP_MIN = 0.5;
/**
 * When a title's walk would visit this many tracks or more (all its words are common), only the tracks on it
 * that also carry the reading's rarest artist word are rated. A track with the right title under an artist
 * sharing no word with the one named is then not proposed; it could not be accepted anyway (a wrong artist
 * alone costs more than the accept threshold allows). A reading naming no artist the catalogue knows walks in
 * full, unless another reading of the same file does name one (see `rate`). What this can miss: a misspelt
 * artist ("Metalica") with a common title when the file also reads as some known artist.
 */
const LARGE_WALK = 500;
/** A file with no artist named scores this artist similarity in full (1 − the unnamed-artist cost). */
const UNNAMED_ARTIST_SIMILARITY = 0.4;

/** Version kinds as small numbers: 0 for the original recording or the same recording re-cut (remaster, edit). */
const RECORDING_CODES = new Map<VersionKind, number>();
function recordingCode(kind: VersionKind | null): number {
  if (kind === null || !isDifferentRecording(kind)) return 0;
  let code = RECORDING_CODES.get(kind);
  if (code === undefined) {
    code = RECORDING_CODES.size + 1;
    RECORDING_CODES.set(kind, code);
  }
  return code;
}

/** What a query's reading brings to blocking. */
interface Reading {
  title: number[];
  artist: number[];
  unnamed: boolean;
  album: number[];
  durationSec: number;
  trackNumber: number;
  recording: number;
}

/** A posting list: the slots having one word, ascending (slots are added in order). */
type Postings = number[];

export class CandidateBlocking {
  private readonly tokenIds = new Map<string, number>();
  private readonly titlePostings: Postings[] = [];
  private readonly artistPostings: Postings[] = [];
  // Per slot, flat: its distinct title / artist / album token ids are tokens[start[slot]] … tokens[start[slot + 1] − 1].
  private readonly titleTokens: number[] = [];
  private readonly titleStart: number[] = [0];
  private readonly artistTokens: number[] = [];
  private readonly artistStart: number[] = [0];
  private readonly albumTokens: number[] = [];
  private readonly albumStart: number[] = [0];
  /** Per slot: length in seconds (NaN when unknown), track number (0 when unknown), recording code. */
  private readonly durations: number[] = [];
  private readonly trackNumbers: number[] = [];
  private readonly recordings: number[] = [];
  private readonly unnamed: boolean[] = [];

  // Scratch space reused by every query (one query at a time: JS is single-threaded).
  /** Per token id: the stamp of the reading having it in its title / artist / album. */
  private titleMark: Uint32Array = new Uint32Array(0);
  private artistMark: Uint32Array = new Uint32Array(0);
  private albumMark: Uint32Array = new Uint32Array(0);
  /** Per slot: the stamp of the reading that last rated it, and the best rating any reading gave it. */
  private slotSeen: Uint32Array = new Uint32Array(0);
  private slotBest: Float64Array = new Float64Array(0);
  private stamp = 0;
  /** idf per token and summed idf per slot, valid while the catalogue size equals their epoch. */
  private titleIdfValue: Float64Array = new Float64Array(0);
  private titleIdfEpoch: Uint32Array = new Uint32Array(0);
  private artistIdfValue: Float64Array = new Float64Array(0);
  private artistIdfEpoch: Uint32Array = new Uint32Array(0);
  private titleWeightValue: Float64Array = new Float64Array(0);
  private titleWeightEpoch: Uint32Array = new Uint32Array(0);
  private artistWeightValue: Float64Array = new Float64Array(0);
  private artistWeightEpoch: Uint32Array = new Uint32Array(0);

  /** How many tracks the last `candidates` call rated. */
  lastProposed = 0;

  get size(): number {
    return this.durations.length;
  }

  /** Indexes the next slot (0, 1, 2, ... in order). */
  add(track: PreparedTrack): void {
    const slot = this.size;
    for (const t of this.ids(matchTokens(track.title.parsed.base), true)) {
      (this.titlePostings[t] as Postings).push(slot);
      this.titleTokens.push(t);
    }
    this.titleStart.push(this.titleTokens.length);
    for (const t of this.ids(artistWords(track.track.artists), true)) {
      (this.artistPostings[t] as Postings).push(slot);
      this.artistTokens.push(t);
    }
    this.artistStart.push(this.artistTokens.length);
    for (const t of this.ids(albumWords(track), true)) this.albumTokens.push(t);
    this.albumStart.push(this.albumTokens.length);
    this.durations.push(track.durationSec ?? Number.NaN);
    this.trackNumbers.push(track.trackNumber ?? 0);
    this.recordings.push(recordingCode(track.version.kind));
    this.unnamed.push(track.unnamed);
  }

  /**
   * The `max` best-rated slots for a query read one or more ways, best first (ties by slot). A slot's rating is
   * its best reading's.
   */
  candidates(queries: readonly PreparedTrack[], max: number): number[] {
    if (this.size === 0) return [];
    this.ensureScratch();
    const touched: number[] = [];
    const readings = queries.map((q) => this.reading(q));
    const named = readings.some((r) => this.rarestArtistPostings(r) !== undefined);
    for (const r of readings) if (r.title.length > 0) this.rate(r, touched, named);
    this.lastProposed = touched.length;
    const out = this.best(touched, max);
    for (const slot of touched) this.slotBest[slot] = 0;
    return out;
  }

  private reading(q: PreparedTrack): Reading {
    return {
      title: this.ids(matchTokens(q.title.parsed.base), false),
      artist: this.ids(artistWords(q.track.artists), false),
      unnamed: q.unnamed,
      album: this.ids(albumWords(q), false),
      durationSec: q.durationSec ?? Number.NaN,
      trackNumber: q.trackNumber ?? 0,
      recording: recordingCode(q.version.kind),
    };
  }

  /**
   * Rates the slots on a reading's walk; each slot keeps its best rating in `slotBest`, listed in `touched`.
   * `named`: another reading names an artist the catalogue knows, so this one's long walk is skipped when it
   * names none (it is most likely the wrong reading: a title read as the artist, a stem read as the title).
   */
  private rate(r: Reading, touched: number[], named: boolean): void {
    const stamp = this.nextStamp();
    let queryTitle = 0;
    for (const t of r.title) {
      this.titleMark[t] = stamp;
      queryTitle += this.titleIdf(t);
    }
    let queryArtist = 0;
    for (const t of r.artist) {
      this.artistMark[t] = stamp;
      queryArtist += this.artistIdf(t);
    }
    for (const t of r.album) this.albumMark[t] = stamp;
    const hasDuration = !Number.isNaN(r.durationSec);
    const W = MATCH_WEIGHTS;

    const visit = (slot: number) => {
      if (this.slotSeen[slot] === stamp) return;
      this.slotSeen[slot] = stamp;
      let shared = 0;
      for (let i = this.titleStart[slot] as number, end = this.titleStart[slot + 1] as number; i < end; i++) {
        const t = this.titleTokens[i] as number;
        if (this.titleMark[t] === stamp) shared += this.titleIdf(t);
      }
      if (shared === 0) return;
      let sum = W.title * (shared / (queryTitle + this.titleWeight(slot) - shared));
      let max = W.title + W.artist;
      if (r.unnamed || this.unnamed[slot]) sum += W.artist * UNNAMED_ARTIST_SIMILARITY;
      else if (queryArtist > 0) {
        let sharedArtist = 0;
        for (let i = this.artistStart[slot] as number, end = this.artistStart[slot + 1] as number; i < end; i++) {
          const t = this.artistTokens[i] as number;
          if (this.artistMark[t] === stamp) sharedArtist += this.artistIdf(t);
        }
        sum += W.artist * (sharedArtist / (queryArtist + this.artistWeight(slot) - sharedArtist));
      }
      const duration = this.durations[slot] as number;
      if (hasDuration && !Number.isNaN(duration)) {
        const off = Math.abs(duration - r.durationSec) - LENGTH_GRACE_SEC;
        sum += W.length * (off <= 0 ? 1 : Math.max(0, 1 - off / LENGTH_MAX_SEC));
        max += W.length;
      }
      const trackNumber = this.trackNumbers[slot] as number;
      if (r.trackNumber !== 0 && trackNumber !== 0) {
        if (trackNumber === r.trackNumber) sum += W.track_index;
        max += W.track_index;
      }
      const albumFrom = this.albumStart[slot] as number;
      const albumTo = this.albumStart[slot + 1] as number;
      if (r.album.length > 0 && albumTo > albumFrom) {
        let sharedAlbum = 0;
        for (let i = albumFrom; i < albumTo; i++) if (this.albumMark[this.albumTokens[i] as number] === stamp) sharedAlbum++;
        sum += W.album * (sharedAlbum / (r.album.length + (albumTo - albumFrom) - sharedAlbum));
        max += W.album;
      }
      if (this.recordings[slot] !== r.recording) max += W.version;
      const rating = sum / max;
      const best = this.slotBest[slot] as number;
      // slotBest is 0 for every slot not yet in `touched`, and a rating is > 0 (a title word is shared).
      if (best === 0) touched.push(slot);
      if (rating > best) this.slotBest[slot] = rating;
    };

    const walk = this.titleWalk(r, queryTitle);
    let cost = 0;
    for (const p of walk) cost += p.length;
    if (cost < LARGE_WALK) {
      for (const p of walk) for (const slot of p) visit(slot);
      return;
    }
    const artist = this.rarestArtistPostings(r);
    if (artist) {
      for (const p of walk) {
        if (artist.length <= p.length) intersectSorted(artist, p, visit);
        else intersectSorted(p, artist, visit);
      }
    } else if (!named) {
      for (const p of walk) for (const slot of p) visit(slot);
    }
  }

  /** The postings of a reading's rarest title words, until more than (1 − TITLE_OVERLAP_MIN) of its weight. */
  private titleWalk(r: Reading, queryTitle: number): Postings[] {
    const byRarity = r.title
      .filter((t) => (this.titlePostings[t] as Postings).length > 0)
      .sort((a, b) => (this.titlePostings[a] as Postings).length - (this.titlePostings[b] as Postings).length);
    const lists: Postings[] = [];
    let covered = 0;
    for (const t of byRarity) {
      if (covered > (1 - TITLE_OVERLAP_MIN) * queryTitle) break;
      lists.push(this.titlePostings[t] as Postings);
      covered += this.titleIdf(t);
    }
    return lists;
  }

  private rarestArtistPostings(r: Reading): Postings | undefined {
    let rarest: Postings | undefined;
    for (const t of r.artist) {
      const p = this.artistPostings[t] as Postings;
      if (p.length > 0 && (!rarest || p.length < rarest.length)) rarest = p;
    }
    return rarest;
  }

  /** The `max` best-rated slots, best first; ties by slot, so results do not depend on walk order. */
  private best(touched: readonly number[], max: number): number[] {
    const rating = this.slotBest;
    const better = (a: number, b: number) =>
      (rating[a] as number) > (rating[b] as number) || (rating[a] === rating[b] && a < b);
    const top: number[] = [];
    for (const slot of touched) {
      if (top.length === max && !better(slot, top[max - 1] as number)) continue;
      let i = top.length === max ? max - 1 : top.length;
      while (i > 0 && better(slot, top[i - 1] as number)) {
        top[i] = top[i - 1] as number;
        i--;
      }
      top[i] = slot;
    }
    return top;
  }

  /** Distinct token ids of `tokens`; unknown tokens get an id only when `create` (indexing), else are dropped. */
  private ids(tokens: readonly string[], create: boolean): number[] {
    const out: number[] = [];
    for (const token of tokens) {
      let id = this.tokenIds.get(token);
      if (id === undefined) {
        if (!create) continue;
        id = this.titlePostings.length;
        this.tokenIds.set(token, id);
        this.titlePostings.push([]);
        this.artistPostings.push([]);
      }
      if (!out.includes(id)) out.push(id);
    }
    return out;
  }

  /** log(1 + N / df) of a title word, cached per catalogue size. */
  private titleIdf(token: number): number {
    const total = this.size;
    if (this.titleIdfEpoch[token] === total) return this.titleIdfValue[token] as number;
    const value = idfOf(total, (this.titlePostings[token] as Postings).length);
    this.titleIdfEpoch[token] = total;
    this.titleIdfValue[token] = value;
    return value;
  }

  /** log(1 + N / df) of an artist word, cached per catalogue size. */
  private artistIdf(token: number): number {
    const total = this.size;
    if (this.artistIdfEpoch[token] === total) return this.artistIdfValue[token] as number;
    const value = idfOf(total, (this.artistPostings[token] as Postings).length);
    this.artistIdfEpoch[token] = total;
    this.artistIdfValue[token] = value;
    return value;
  }

  private titleWeight(slot: number): number {
    const total = this.size;
    if (this.titleWeightEpoch[slot] === total) return this.titleWeightValue[slot] as number;
    let sum = 0;
    for (let i = this.titleStart[slot] as number, end = this.titleStart[slot + 1] as number; i < end; i++) {
      sum += this.titleIdf(this.titleTokens[i] as number);
    }
    this.titleWeightEpoch[slot] = total;
    this.titleWeightValue[slot] = sum;
    return sum;
  }

  private artistWeight(slot: number): number {
    const total = this.size;
    if (this.artistWeightEpoch[slot] === total) return this.artistWeightValue[slot] as number;
    let sum = 0;
    for (let i = this.artistStart[slot] as number, end = this.artistStart[slot + 1] as number; i < end; i++) {
      sum += this.artistIdf(this.artistTokens[i] as number);
    }
    this.artistWeightEpoch[slot] = total;
    this.artistWeightValue[slot] = sum;
    return sum;
  }

  private ensureScratch(): void {
    const tokens = this.titlePostings.length;
    const slots = this.size;
    this.titleMark = grown(this.titleMark, tokens);
    this.artistMark = grown(this.artistMark, tokens);
    this.albumMark = grown(this.albumMark, tokens);
    this.titleIdfEpoch = grown(this.titleIdfEpoch, tokens);
    this.artistIdfEpoch = grown(this.artistIdfEpoch, tokens);
    this.titleIdfValue = grownFloat(this.titleIdfValue, tokens);
    this.artistIdfValue = grownFloat(this.artistIdfValue, tokens);
    this.slotSeen = grown(this.slotSeen, slots);
    this.titleWeightEpoch = grown(this.titleWeightEpoch, slots);
    this.artistWeightEpoch = grown(this.artistWeightEpoch, slots);
    this.slotBest = grownFloat(this.slotBest, slots);
    this.titleWeightValue = grownFloat(this.titleWeightValue, slots);
    this.artistWeightValue = grownFloat(this.artistWeightValue, slots);
  }

  private nextStamp(): number {
    if (this.stamp >= 0xffff_fffe) {
      this.stamp = 0;
      this.titleMark.fill(0);
      this.artistMark.fill(0);
      this.albumMark.fill(0);
      this.slotSeen.fill(0);
    }
    return ++this.stamp;
  }
}

function grown(a: Uint32Array, n: number): Uint32Array {
  if (a.length >= n) return a;
  const b = new Uint32Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}

function grownFloat(a: Float64Array, n: number): Float64Array {
  if (a.length >= n) return a;
  const b = new Float64Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}

function idfOf(total: number, df: number): number {
  return Math.log(1 + total / Math.max(1, df));
}

/** Calls `visit` for every slot on both ascending lists; gallops through the longer one. */
function intersectSorted(short: Postings, long: Postings, visit: (slot: number) => void): void {
  let lo = 0;
  for (const slot of short) {
    // Exponential then binary search for the first entry ≥ slot.
    let step = 1;
    let hi = lo;
    while (hi < long.length && (long[hi] as number) < slot) {
      lo = hi + 1;
      hi += step;
      step *= 2;
    }
    hi = Math.min(hi, long.length);
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((long[mid] as number) < slot) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= long.length) return;
    if (long[lo] === slot) visit(slot);
  }
}

/** The words of every name credited: main credit, its names, featured artists. */
function artistWords(artists: readonly string[]): string[] {
  const out: string[] = [];
  for (const a of artists) {
    const c = parseArtistCredit(a);
    for (const name of [c.main, ...c.names, ...c.featuring]) out.push(...matchTokens(name));
  }
  return out;
}

/** The words of the album's base name (edition noise removed). */
function albumWords(track: PreparedTrack): string[] {
  return track.album ? matchTokens(track.album.baseName) : [];
}

// The mirror's blocking index, frozen: title-token postings and each row's artist tokens as flat integer arrays
// with sorted token dictionaries, stored as one record per connector. Loading it is a few buffer copies and one
// string split, instead of reading and tokenising every row (a 100,000-track mirror: ~20 ms against ~400 ms).
// The owned-check reads it through `MirrorStore.keyed`; the candidate rule lives with the owned-check. Pure.
import type { BlockingKeys } from './blockingKeys';

/** How the snapshot is stored (library_mirror_blocking's columns). */
export interface BlockingSnapshotRecord {
  ids: Buffer;
  titleTokens: string;
  titleStart: Buffer;
  titleSlots: Buffer;
  artistTokens: string;
  artistStart: Buffer;
  artistIds: Buffer;
}

export class BlockingSnapshot {
  /** Per token id (`titleTokens` sorted), its slots: `titleSlots[titleStart[t] .. titleStart[t + 1])`. */
  private constructor(
    /** Slot → mirror row id. */
    private readonly ids: Float64Array,
    private readonly titleTokens: readonly string[],
    private readonly titleStart: Int32Array,
    private readonly titleSlots: Int32Array,
    private readonly artistTokens: readonly string[],
    /** Per slot, its artist token ids: `artistIds[artistStart[s] .. artistStart[s + 1])`. */
    private readonly artistStart: Int32Array,
    private readonly artistIds: Int32Array,
    /** Per artist token id, how many slots name it. */
    private readonly artistCounts: Int32Array,
  ) {}

  /** Builds the snapshot of rows given as `[row id, keys]`; slots follow the order given. */
  static build(rows: Iterable<readonly [number, BlockingKeys]>): BlockingSnapshot {
    const ids: number[] = [];
    const title = new Map<string, number[]>();
    const artistOf: BlockingKeys['artist'][] = [];
    const artistSet = new Set<string>();
    for (const [id, keys] of rows) {
      const slot = ids.length;
      ids.push(id);
      for (const t of keys.title) {
        const p = title.get(t);
        if (p) p.push(slot);
        else title.set(t, [slot]);
      }
      artistOf.push(keys.artist);
      for (const t of keys.artist) artistSet.add(t);
    }
    const titleTokens = [...title.keys()].sort();
    const titleStart = new Int32Array(titleTokens.length + 1);
    const titleSlots = new Int32Array([...title.values()].reduce((n, p) => n + p.length, 0));
    let at = 0;
    titleTokens.forEach((t, i) => {
      const p = title.get(t)!;
      titleSlots.set(p, at);
      at += p.length;
      titleStart[i + 1] = at;
    });
    const artistTokens = [...artistSet].sort();
    const artistId = new Map(artistTokens.map((t, i) => [t, i]));
    const artistStart = new Int32Array(ids.length + 1);
    const artistIds = new Int32Array(artistOf.reduce((n, a) => n + a.length, 0));
    const artistCounts = new Int32Array(artistTokens.length);
    at = 0;
    artistOf.forEach((names, slot) => {
      for (const t of names) {
        const id = artistId.get(t)!;
        artistIds[at++] = id;
        artistCounts[id]!++;
      }
      artistStart[slot + 1] = at;
    });
    return new BlockingSnapshot(Float64Array.from(ids), titleTokens, titleStart, titleSlots, artistTokens, artistStart, artistIds, artistCounts);
  }

  /** Throws when the record does not hold together (a damaged row): the caller rebuilds it. */
  static fromRecord(r: BlockingSnapshotRecord): BlockingSnapshot {
    const artistStart = int32(r.artistStart);
    const artistIds = int32(r.artistIds);
    const artistTokens = splitLines(r.artistTokens);
    const ids = new Float64Array(copyOf(r.ids));
    const titleTokens = splitLines(r.titleTokens);
    const titleStart = int32(r.titleStart);
    const titleSlots = int32(r.titleSlots);
    const consistent =
      titleStart.length === titleTokens.length + 1 && titleStart[titleTokens.length] === titleSlots.length &&
      artistStart.length === ids.length + 1 && artistStart[ids.length] === artistIds.length &&
      titleSlots.every((slot) => slot >= 0 && slot < ids.length) && artistIds.every((id) => id >= 0 && id < artistTokens.length);
    if (!consistent) throw new Error('the stored blocking snapshot is inconsistent');
    const artistCounts = new Int32Array(artistTokens.length);
    for (const id of artistIds) artistCounts[id]!++;
    return new BlockingSnapshot(ids, titleTokens, titleStart, titleSlots, artistTokens, artistStart, artistIds, artistCounts);
  }

  toRecord(): BlockingSnapshotRecord {
    const buf = (a: Float64Array | Int32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    return {
      ids: buf(this.ids),
      titleTokens: this.titleTokens.join('\n'),
      titleStart: buf(this.titleStart),
      titleSlots: buf(this.titleSlots),
      artistTokens: this.artistTokens.join('\n'),
      artistStart: buf(this.artistStart),
      artistIds: buf(this.artistIds),
    };
  }

  get size(): number {
    return this.ids.length;
  }

  /** The mirror row id of a slot. */
  rowId(slot: number): number {
    return this.ids[slot]!;
  }

  /** The slots whose title has this token (empty when none has). */
  titlePostings(token: string): Int32Array {
    const t = find(this.titleTokens, token);
    return t < 0 ? EMPTY : this.titleSlots.subarray(this.titleStart[t]!, this.titleStart[t + 1]!);
  }

  /** The artist token's id, or -1 when no slot names it. */
  artistToken(token: string): number {
    return find(this.artistTokens, token);
  }

  /** How many slots name the artist token `id`. */
  artistCount(id: number): number {
    return this.artistCounts[id]!;
  }

  /** Whether the slot's artists include the artist token `id`. */
  names(slot: number, id: number): boolean {
    for (let i = this.artistStart[slot]!, end = this.artistStart[slot + 1]!; i < end; i++) if (this.artistIds[i] === id) return true;
    return false;
  }
}

const EMPTY = new Int32Array(0);

/** Binary search in a sorted array (JS string order, the order `sort()` gave it). */
function find(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === key) return mid;
    if (v < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function splitLines(text: string): string[] {
  return text === '' ? [] : text.split('\n');
}

/** The bytes in an ArrayBuffer of their own: a typed array needs aligned memory, a Buffer may share a pool. */
function int32(b: Buffer): Int32Array {
  return new Int32Array(copyOf(b));
}

function copyOf(b: Buffer): ArrayBuffer {
  const out = new ArrayBuffer(b.byteLength);
  new Uint8Array(out).set(b);
  return out;
}

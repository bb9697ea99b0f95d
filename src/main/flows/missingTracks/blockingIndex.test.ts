import { describe, expect, it } from 'vitest';
import { ownedConfidence, type MatchTrack } from '../../matching';
import { BlockingSnapshot, blockingKeysOf } from '../../providers';
import { BlockingIndex, OWNED_CANDIDATES } from './blockingIndex';

// A library with the shapes blocking has to get right: common title words (past 5 % of the library), rare
// ones, shared artist words, credits with feat./&, and a few non-Latin names.
function library(n: number): MatchTrack[] {
  const words = ['love', 'night', 'river', 'golden', 'echo', 'paper', 'ember', 'zephyr', 'north', 'velvet'];
  let s = 3;
  const rand = () => {
    s = (s * 1103515245 + 12345) >>> 0;
    return s / 2 ** 32;
  };
  const pick = (k: number) => words[Math.floor(rand() * Math.min(k, words.length))]!;
  const out: MatchTrack[] = [];
  for (let i = 0; i < n; i++) {
    const artist = i % 17 === 0 ? `DJ ${pick(10)} & The ${pick(4)}s` : i % 23 === 0 ? 'Кино' : `Band ${Math.floor(i / 12)}`;
    const title = i % 31 === 0 ? `Группа крови ${i % 3}` : `${pick(3)} ${pick(10)} ${i % 5 === 0 ? `(feat. ${pick(10)})` : i}`;
    out.push({ title, artists: [artist], durationSec: 200 + (i % 60) });
  }
  return out;
}

const queries: MatchTrack[] = [
  { title: 'Love Night', artists: ['Band 3'] },
  { title: 'golden river 120', artists: ['Band 10'] },
  { title: 'Love', artists: ['DJ Echo'] },
  { title: 'Группа крови', artists: ['Кино'] },
  { title: 'Echo Paper (Live)', artists: ['Nobody'] },
  { title: 'Nothing in common', artists: ['Band 1'] },
];

/** The best owned-confidence over the whole library: what blocking must never lose. */
function fullScanBest(tracks: readonly MatchTrack[], q: MatchTrack): number {
  let best = 0;
  for (const t of tracks) best = Math.max(best, ownedConfidence(q, t));
  return best;
}

function bestOf(tracks: readonly MatchTrack[], ids: readonly number[], q: MatchTrack): number {
  let best = 0;
  for (const id of ids) best = Math.max(best, ownedConfidence(q, tracks[id]!));
  return best;
}

// The library's own tracks as a playlist lists them (feat. moved into the artist, case changed, no length), and
// the designed shapes above.
function playlistQueries(tracks: readonly MatchTrack[]): MatchTrack[] {
  const out: MatchTrack[] = [...queries];
  for (let i = 0; i < tracks.length; i += 97) {
    const t = tracks[i]!;
    const feat = /\(feat\. ([^)]+)\)/.exec(t.title);
    out.push(feat ? { title: t.title.replace(feat[0], '').trim(), artists: [...t.artists, feat[1]!] } : { title: t.title.toUpperCase(), artists: t.artists });
  }
  return out;
}

describe('BlockingIndex over precomputed keys', () => {
  const tracks = library(2_000);

  it('proposes at most OWNED_CANDIDATES, and never loses the best match a full scan finds', () => {
    const index = new BlockingIndex();
    for (const t of tracks) index.add(blockingKeysOf(t));
    const owned = new Set(playlistQueries(tracks).slice(queries.length));
    expect(owned.size).toBeGreaterThan(15);
    for (const q of [...queries, ...owned]) {
      const mine = index.candidates(blockingKeysOf(q));
      expect(mine.length).toBeLessThanOrEqual(OWNED_CANDIDATES);
      const full = fullScanBest(tracks, q);
      // A library track listed the way a playlist lists it must be found as well as a full scan finds it. (The
      // designed shapes above are only held to the cap: for a partial title such as "Love Night" the full scan's
      // best is another song, "love night 37", which this rule may pass by.)
      if (owned.has(q)) expect(bestOf(tracks, mine, q), q.title).toBeCloseTo(full, 6);
    }
    expect(index.candidates(blockingKeysOf({ title: 'Nothing in common', artists: ['Band 1'] }))).toEqual([]);
  });

  it('gives the same answer when the first tracks come from a stored snapshot and the rest are added', () => {
    const all = new BlockingIndex();
    for (const t of tracks) all.add(blockingKeysOf(t));
    const split = 1_500;
    const stored = BlockingSnapshot.build(tracks.slice(0, split).map((t, i) => [i, blockingKeysOf(t)] as const));
    const index = new BlockingIndex(BlockingSnapshot.fromRecord(stored.toRecord()));
    for (const t of tracks.slice(split)) index.add(blockingKeysOf(t));
    expect(index.size).toBe(tracks.length);
    for (const q of playlistQueries(tracks)) {
      expect([...index.candidates(blockingKeysOf(q))].sort((a, b) => a - b), q.title).toEqual([...all.candidates(blockingKeysOf(q))].sort((a, b) => a - b));
    }
  });
});

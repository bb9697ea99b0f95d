import { describe, expect, it } from 'vitest';
import { MAX_CANDIDATES, MatchIndex, type MatchTrack } from '../../matching';
import { BlockingSnapshot, blockingKeysOf } from '../../providers';
import { BlockingIndex } from './blockingIndex';

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

/** MatchIndex's candidate set for a query: every hit it scores, since scores are never below 0. */
function engineCandidates(index: MatchIndex<number>, q: MatchTrack): number[] {
  return index.search(q, { limit: 1_000 }).map((h) => h.id).sort((a, b) => a - b);
}

describe('BlockingIndex over precomputed keys', () => {
  const tracks = library(2_000);
  const engine = new MatchIndex<number>();
  tracks.forEach((t, i) => engine.add(i, t));

  it('proposes exactly the candidates the matching engine blocks on', () => {
    const index = new BlockingIndex();
    for (const t of tracks) index.add(blockingKeysOf(t));
    for (const q of queries) {
      const mine = index.candidates(blockingKeysOf(q));
      expect(mine.length).toBeLessThanOrEqual(MAX_CANDIDATES);
      expect([...mine].sort((a, b) => a - b), q.title).toEqual(engineCandidates(engine, q));
    }
    expect(index.candidates(blockingKeysOf({ title: 'Nothing in common', artists: ['Band 1'] }))).toEqual([]);
  });

  it('gives the same answer when the first tracks come from a stored snapshot and the rest are added', () => {
    const split = 1_500;
    const stored = BlockingSnapshot.build(tracks.slice(0, split).map((t, i) => [1_000 + i, blockingKeysOf(t)] as const));
    const index = new BlockingIndex(BlockingSnapshot.fromRecord(stored.toRecord()));
    for (const t of tracks.slice(split)) index.add(blockingKeysOf(t));
    expect(index.size).toBe(tracks.length);
    for (const q of queries) expect([...index.candidates(blockingKeysOf(q))].sort((a, b) => a - b), q.title).toEqual(engineCandidates(engine, q));
  });
});

// Blocking must not change answers: on realistic queries the index's best hit is the best a full scan of the
// catalogue finds with the engine's public scorer. The catalogue is the evaluation set's real tracks (Spotify
// album listings and a non-Latin song list, see test/fixtures/match-eval/README.md), tricky additions (feat.
// moves, remixes, live takes, same titles by other artists) and generated tracks whose words are drawn from the
// real ones with a Zipf-like skew, so common words are as common as in real catalogues.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPeerNamer } from '../../../scripts/match-eval/peerNames';
import { fileReadings, matchPrepared, matchPreparedReadings, prepareReadings, type MatchResult } from './match';
import { MatchIndex } from './matchIndex';
import { prepareTrack, type PreparedTrack } from './preparedTrack';
import type { MatchTrack } from './score';

interface FixtureTrack {
  title: string;
  artists: string[];
  album?: string;
  durationMs?: number;
  trackNumber?: number;
}
const fixture = (name: string) =>
  JSON.parse(readFileSync(`test/fixtures/match-eval/${name}`, 'utf8')) as FixtureTrack[];

const GENERATED = 1200;

function catalogue(): MatchTrack[] {
  const { rand, pick } = createPeerNamer(11);
  const real = [...fixture('catalogue.json'), ...fixture('nonlatin.json')];
  const tracks: MatchTrack[] = real.map((t) => ({
    title: t.title,
    artists: t.artists,
    ...(t.album ? { album: t.album } : {}),
    ...(t.durationMs ? { durationSec: t.durationMs / 1000 } : { durationSec: 150 + Math.floor(rand() * 150) }),
    ...(t.trackNumber ? { trackNumber: t.trackNumber } : {}),
  }));
  tracks.push(
    { title: 'Get Lucky (feat. Pharrell Williams)', artists: ['Daft Punk'], album: 'Random Access Memories', durationSec: 369, trackNumber: 8 },
    { title: 'Get Lucky', artists: ['Daft Punk', 'Pharrell Williams', 'Nile Rodgers'], album: 'Get Lucky', durationSec: 248, trackNumber: 1 },
    { title: 'Get Lucky (Daft Punk Remix)', artists: ['Daft Punk'], album: 'Get Lucky (Remixes)', durationSec: 408, trackNumber: 2 },
    { title: 'Hey Jude', artists: ['The Beatles'], album: '1967-1970', durationSec: 431, trackNumber: 5 },
    { title: 'Hey Jude - Live', artists: ['The Beatles'], album: 'Live at the BBC', durationSec: 460, trackNumber: 3 },
    { title: 'Hey Jude', artists: ['Wilson Pickett'], album: 'Hey Jude', durationSec: 243, trackNumber: 1 },
    { title: 'Song 2', artists: ['Blur'], album: 'Blur', durationSec: 122, trackNumber: 2 },
    { title: 'Группа крови', artists: ['Кино'], album: 'Группа крови', durationSec: 285, trackNumber: 1 },
    { title: '夜に駆ける', artists: ['YOASOBI'], album: 'THE BOOK', durationSec: 261, trackNumber: 2 },
    { title: 'Love', artists: ['Kendrick Lamar', 'Zacari'], album: 'DAMN.', durationSec: 213, trackNumber: 10 },
    { title: 'Love', artists: ['Lana Del Rey'], album: 'Lust for Life', durationSec: 273, trackNumber: 2 },
  );
  const words = (s: string) => s.split(/[^\p{L}\p{N}']+/u).filter((w) => w.length > 1);
  const titleWords = [...new Set(real.flatMap((t) => words(t.title)))];
  const nameWords = [...new Set(real.flatMap((t) => t.artists.flatMap(words)))];
  const zipf = <T>(xs: readonly T[]): T =>
    xs[Math.min(xs.length - 1, Math.floor(Math.exp(rand() * Math.log(xs.length + 1)) - 1))] as T;
  const phrase = (from: readonly string[], most: number) =>
    Array.from({ length: 1 + Math.floor(rand() * most) }, () => zipf(from)).join(' ');
  const artists = Array.from({ length: 300 }, () => phrase(nameWords, 2));
  for (let i = 0; i < GENERATED; i++) {
    const version = rand() < 0.1 ? pick([' (Live)', ' - Remastered 2011', ' (Radio Edit)', ` (${pick(artists)} Remix)`, ' (Acoustic)']) : '';
    const feat = rand() < 0.05 ? ` (feat. ${pick(artists)})` : '';
    tracks.push({
      title: phrase(titleWords, 3) + feat + version,
      artists: [zipf(artists)],
      album: phrase(titleWords, 2),
      durationSec: 120 + Math.floor(rand() * 240),
      trackNumber: 1 + Math.floor(rand() * 14),
    });
  }
  return tracks;
}

const tracks = catalogue();
const index = new MatchIndex<number>();
tracks.forEach((t, i) => index.add(i, t));
// The scan scores with the same (prepared) scorer the index uses; only the blocking differs.
const prepared = tracks.map(prepareTrack);

/** The order the index promises: accepted first, then by score. */
const better = (a: MatchResult, b: MatchResult) => Number(a.match) - Number(b.match) || a.score - b.score;

function bruteForce(score: (t: PreparedTrack) => MatchResult): MatchResult {
  let best: MatchResult | undefined;
  for (const t of prepared) {
    const r = score(t);
    if (!best || better(r, best) > 0) best = r;
  }
  return best as MatchResult;
}

/** The index's best equals the scan's best (the same result; ties between equal tracks may pick either). */
function expectSameBest(found: MatchResult | undefined, scanned: MatchResult, query: string): void {
  expect({ query, match: found?.match, score: found?.score }).toEqual({ query, match: scanned.match, score: scanned.score });
}

describe('MatchIndex blocking against a full scan', () => {
  it('finds the best match of a full scan for realistic peer file names', { timeout: 120_000 }, () => {
    const { rand, peerPath } = createPeerNamer(5);
    const queries: Array<{ path: string; durationSec?: number }> = [
      { path: 'Music\\Daft Punk\\Random Access Memories\\08 - Get Lucky (feat. Pharrell Williams).flac', durationSec: 369 },
      { path: 'Daft Punk feat. Pharrell Williams - Get Lucky.mp3', durationSec: 248 },
      { path: '@@share\\Daft Punk - Get Lucky (Daft Punk Remix) [320].mp3' },
      { path: 'Music\\The Beatles\\1967-1970\\05 - Hey Jude.flac', durationSec: 431 },
      { path: 'Kino - Gruppa krovi.mp3', durationSec: 286 },
      { path: 'Кино\\Группа крови\\01 Группа крови.flac' },
      { path: 'YOASOBI - 夜に駆ける.flac', durationSec: 261 },
      { path: 'Lana Del Rey - Love.mp3', durationSec: 272 },
      { path: 'Blur\\Blur\\02 Song 2.mp3', durationSec: 122 },
    ];
    for (let i = 0; i < 120; i++) {
      const t = tracks[Math.floor(rand() * tracks.length)] as MatchTrack;
      const path = peerPath({ title: t.title, artists: [...t.artists], album: t.album, trackNumber: t.trackNumber });
      queries.push(t.durationSec === undefined ? { path } : { path, durationSec: t.durationSec + Math.round(rand() * 2) });
    }
    for (const q of queries) {
      const file = prepareReadings(fileReadings(q.path, q.durationSec));
      const scanned = bruteForce((t) => matchPreparedReadings(t, file));
      expectSameBest(index.searchFilename(q.path, q.durationSec, { limit: 1 })[0]?.result, scanned, q.path);
    }
  });

  it('finds the best match of a full scan for catalogue listings (feat. moves, remixes, versions)', { timeout: 120_000 }, () => {
    const { rand } = createPeerNamer(9);
    const wanted: MatchTrack[] = [
      { title: 'Get Lucky', artists: ['Daft Punk feat. Pharrell Williams'], durationSec: 369 },
      { title: 'Get Lucky - Daft Punk Remix', artists: ['Daft Punk'] },
      { title: 'Hey Jude (Live)', artists: ['Beatles'], durationSec: 458 },
      { title: 'Gruppa krovi', artists: ['Kino'] },
      { title: 'LOVE.', artists: ['Kendrick Lamar feat. Zacari'], durationSec: 213 },
    ];
    for (let i = 0; i < 80; i++) {
      const t = tracks[Math.floor(rand() * tracks.length)] as MatchTrack;
      // The same track listed elsewhere: another album, a second or two off.
      wanted.push({ title: t.title, artists: t.artists, ...(t.durationSec ? { durationSec: t.durationSec + 1 } : {}) });
    }
    for (const w of wanted) {
      const pw = prepareTrack(w);
      const scanned = bruteForce((t) => matchPrepared(pw, t));
      expectSameBest(index.search(w, { limit: 1 })[0]?.result, scanned, `${w.artists.join(', ')} - ${w.title}`);
    }
  });
});

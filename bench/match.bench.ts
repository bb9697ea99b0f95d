// npm run bench:match — 1,000 peer file names, each matched against a 100,000-track in-memory index.
// The index holds the evaluation catalogue's real tracks (test/fixtures/match-eval/catalogue.json) plus
// generated ones whose titles and artists are drawn from the real tracks' words with a Zipf-like skew, so
// common words ("love", "the", "live") are as common as in real catalogues. Queries are named with the
// Soulseek naming patterns of the evaluation set. Prints JSON {queries, indexTracks, p50Ms, p95Ms, ...} last.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { MatchIndex, type MatchTrack } from '../src/main/matching';
import { createPeerNamer } from '../scripts/match-eval/peerNames';
import { measureMatchedAlbum } from './matchedAlbumRequests';

const INDEX_TRACKS = Number(process.env.BENCH_TRACKS ?? 100_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 1_000);

interface CatalogueTrack {
  title: string;
  artists: string[];
  album?: string;
  durationMs?: number;
  trackNumber?: number;
}
const real = JSON.parse(readFileSync('test/fixtures/match-eval/catalogue.json', 'utf8')) as CatalogueTrack[];
const { rand, pick, peerPath } = createPeerNamer(42);

const words = (s: string) => s.split(/[^\p{L}\p{N}']+/u).filter((w) => w.length > 1);
const titleWords = [...new Set(real.flatMap((t) => words(t.title)))];
const nameWords = [...new Set(real.flatMap((t) => t.artists.flatMap(words)))];
/** Index drawn with a Zipf-like skew: word i is picked with weight ~ 1/(i+1). */
const zipf = <T>(xs: readonly T[]): T => xs[Math.min(xs.length - 1, Math.floor(Math.exp(rand() * Math.log(xs.length + 1)) - 1))] as T;
const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

const artists = Array.from({ length: 12_000 }, () =>
  Array.from({ length: 1 + Math.floor(rand() * 2) }, () => cap(zipf(nameWords))).join(' '),
);
const tracks: MatchTrack[] = real.map((t) => ({
  title: t.title,
  artists: t.artists,
  ...(t.album ? { album: t.album } : {}),
  ...(t.durationMs ? { durationSec: t.durationMs / 1000 } : {}),
  ...(t.trackNumber ? { trackNumber: t.trackNumber } : {}),
}));
while (tracks.length < INDEX_TRACKS) {
  const title = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => cap(zipf(titleWords))).join(' ');
  const version = rand() < 0.08 ? pick([' (Live)', ' - Remastered 2011', ' (Radio Edit)', ` (${pick(artists)} Remix)`]) : '';
  tracks.push({
    title: title + version,
    artists: [zipf(artists)],
    album: Array.from({ length: 1 + Math.floor(rand() * 3) }, () => cap(zipf(titleWords))).join(' '),
    durationSec: 120 + Math.floor(rand() * 240),
    trackNumber: 1 + Math.floor(rand() * 14),
  });
}

const buildStart = performance.now();
const index = new MatchIndex<number>();
tracks.forEach((t, i) => index.add(i, t));
const buildMs = performance.now() - buildStart;

const queries = Array.from({ length: QUERIES }, () => {
  const id = Math.floor(rand() * tracks.length);
  const t = tracks[id] as MatchTrack;
  const path = peerPath({ title: t.title, artists: [...t.artists], album: t.album, trackNumber: t.trackNumber });
  return { id, path, durationSec: t.durationSec === undefined ? undefined : t.durationSec + Math.round(rand() * 2) };
});

// Warm-up (JIT), not timed.
for (const q of queries.slice(0, 50)) index.searchFilename(q.path, q.durationSec);

const times: number[] = [];
let found = 0;
let candidates = 0;
let rated = 0;
for (const q of queries) {
  const t0 = performance.now();
  const hits = index.searchFilename(q.path, q.durationSec, { limit: 5 });
  times.push(performance.now() - t0);
  candidates += index.lastCandidates;
  rated += index.lastProposed;
  if (hits.some((h) => h.id === q.id || (h.result.match && h.track.title === tracks[q.id]?.title))) found++;
}
times.sort((a, b) => a - b);
const pct = (p: number) => Math.round((times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0) * 1000) / 1000;

process.stderr.write('matched album download of 12 tracks against the emulators...\n');
const album = await measureMatchedAlbum();

process.stdout.write(
  `${JSON.stringify({
    queries: QUERIES,
    indexTracks: index.size,
    p50Ms: pct(0.5),
    p95Ms: pct(0.95),
    p99Ms: pct(0.99),
    meanCandidatesScored: Math.round(candidates / QUERIES),
    // Tracks the blocking rated cheaply (word overlap) to choose those candidates.
    meanTracksRated: Math.round(rated / QUERIES),
    top5ContainsTrack: Math.round((found / QUERIES) * 1000) / 1000,
    buildMs: Math.round(buildMs),
    // One matched album download of 12 tracks, through the real flow against the emulators: Web API requests
    // (target ≤ 3 + one per track), requests that repeat an earlier one (target 0), and the same download again.
    albumRequests: album.albumRequests,
    albumRequestsLimit: 3 + album.albumTracks,
    repeatRequests: album.repeatRequests,
    secondRunRequests: album.secondRunRequests,
    albumTracksFiled: album.filed,
  })}\n`,
);

// `npm run eval:match`: the matching engine on the labelled pairs of test/fixtures/match-eval/pairs.jsonl.
// Prints precision, recall and F1 of the engine's own accept decision (its default threshold) on the test
// half, and the calibration of the suggestion percentage (predicted vs observed, bins of 10 %); the last line
// is JSON. Options: `--split tune` evaluates the tuning half instead (what thresholds are tuned on),
// `--errors` lists the misjudged pairs, `--sweep` shows other thresholds, `--fit` prints calibration knots
// fitted on the tuning half.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { matchFilename, matchTracks, MATCH_THRESHOLD, type MatchResult, type MatchTrack } from '../../src/main/matching';

const TrackSchema = z.object({
  title: z.string(),
  artists: z.array(z.string()),
  album: z.string().optional(),
  durationMs: z.number().optional(),
  trackNumber: z.number().optional(),
});
const PairSchema = z.object({
  id: z.string(),
  kind: z.string(),
  label: z.boolean(),
  split: z.enum(['tune', 'test']),
  a: z.union([z.object({ filename: z.string(), durationMs: z.number().optional() }), TrackSchema]),
  b: TrackSchema,
});
type Pair = z.infer<typeof PairSchema>;

const args = new Set(process.argv.slice(2));
const splitArg = process.argv.includes('--split') ? process.argv[process.argv.indexOf('--split') + 1] : 'test';
const split = splitArg === 'tune' ? 'tune' : 'test';

const pairs = readFileSync('test/fixtures/match-eval/pairs.jsonl', 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => PairSchema.parse(JSON.parse(l)));

function toTrack(t: z.infer<typeof TrackSchema>): MatchTrack {
  const out: MatchTrack = { title: t.title, artists: t.artists };
  if (t.album) out.album = t.album;
  if (t.durationMs !== undefined) out.durationSec = t.durationMs / 1000;
  if (t.trackNumber !== undefined) out.trackNumber = t.trackNumber;
  return out;
}

function score(p: Pair): MatchResult {
  const wanted = toTrack(p.b);
  return 'filename' in p.a
    ? matchFilename(wanted, p.a.filename, p.a.durationMs === undefined ? undefined : p.a.durationMs / 1000)
    : matchTracks(wanted, toTrack(p.a));
}

const scored = pairs.map((p) => ({ pair: p, result: score(p) }));
const half = scored.filter((s) => s.pair.split === split);

let tp = 0;
let fp = 0;
let fn = 0;
let tn = 0;
for (const { pair, result } of half) {
  if (result.match && pair.label) tp++;
  else if (result.match) fp++;
  else if (pair.label) fn++;
  else tn++;
}
const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);

// Calibration: bins of 10 % of the predicted probability; observed = share of pairs in the bin that are right.
const bins = Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i * 10 + 10, n: 0, predicted: 0, right: 0 }));
for (const { pair, result } of half) {
  const pct = result.probability * 100;
  const bin = bins[Math.min(9, Math.floor(pct / 10))];
  if (!bin) continue;
  bin.n++;
  bin.predicted += pct;
  if (pair.label) bin.right++;
}
const calibration = bins
  .filter((b) => b.n > 0)
  .map((b) => ({
    bin: `${b.from}-${b.to}%`,
    n: b.n,
    predictedPct: Math.round((10 * b.predicted) / b.n) / 10,
    observedPct: Math.round((1000 * b.right) / b.n) / 10,
  }));

const out = process.stdout;
out.write(`match-eval: ${half.length} pairs in the ${split} half (${pairs.length} in all), threshold distance < ${MATCH_THRESHOLD}\n`);
out.write(`  TP ${tp}  FP ${fp}  FN ${fn}  TN ${tn}\n`);
out.write(`  precision ${precision.toFixed(4)}  recall ${recall.toFixed(4)}  F1 ${f1.toFixed(4)}\n`);
out.write('  suggestion percentage calibration (predicted vs observed):\n');
for (const c of calibration) {
  out.write(`    ${c.bin.padEnd(8)} n=${String(c.n).padStart(4)}  predicted ${c.predictedPct.toFixed(1).padStart(5)}%  observed ${c.observedPct.toFixed(1).padStart(5)}%\n`);
}

if (args.has('--errors')) {
  for (const { pair, result } of half) {
    if (result.match === pair.label) continue;
    const a = 'filename' in pair.a ? pair.a.filename : `${pair.a.artists.join(', ')} – ${pair.a.title}`;
    out.write(`  ${pair.label ? 'MISSED' : 'WRONG '} ${pair.id} ${pair.kind} score=${result.score.toFixed(3)} ${result.reading ?? ''}\n`);
    out.write(`      a: ${a}\n      b: ${pair.b.artists.join(', ')} – ${pair.b.title}${pair.b.album ? ` [${pair.b.album}]` : ''}\n`);
    out.write(`      ${JSON.stringify(result.breakdown)}\n`);
  }
}

if (args.has('--sweep')) {
  // Precision and recall at other thresholds (same rules as the engine: never a version conflict, never an
  // unnamed artist), on the chosen half.
  for (const t of [0.04, 0.08, 0.1, 0.12, 0.14, 0.16, 0.18, 0.2, 0.25]) {
    let stp = 0;
    let sfp = 0;
    let sfn = 0;
    for (const { pair, result } of half) {
      const m = !result.versionConflict && result.breakdown.artist?.detail !== 'artist not named' && 1 - result.score < t;
      if (m && pair.label) stp++;
      else if (m) sfp++;
      else if (pair.label) sfn++;
    }
    out.write(`  threshold ${t.toFixed(2)}: precision ${(stp / Math.max(1, stp + sfp)).toFixed(4)} recall ${(stp / Math.max(1, stp + sfn)).toFixed(4)}\n`);
  }
}

if (args.has('--fit')) {
  // Calibration knots from the tuning half only: scores in bins of 0.05, each bin's share of right answers
  // smoothed towards ½ (Laplace: (right + 1) / (n + 2), so a bin of a few pairs never claims 0 or 100 %),
  // then made monotone by pooling adjacent violators, weighted by bin size.
  const WIDTH = 0.05;
  // Version conflicts are capped by the engine itself (≤ 5 %), so they stay out of the fit.
  const tune = scored.filter((s) => s.pair.split === 'tune' && !s.result.versionConflict);
  const fitBins = Array.from({ length: Math.round(1 / WIDTH) }, (_, i) => ({ x: (i + 0.5) * WIDTH, n: 0, right: 0 }));
  for (const s of tune) {
    const b = fitBins[Math.min(fitBins.length - 1, Math.floor(s.result.score / WIDTH))];
    if (!b) continue;
    b.n++;
    if (s.pair.label) b.right++;
  }
  const blocks: Array<{ xs: number[]; n: number; right: number }> = [];
  const rate = (b: { n: number; right: number }) => (b.right + 1) / (b.n + 2);
  for (const b of fitBins.filter((f) => f.n > 0)) {
    blocks.push({ xs: [b.x], n: b.n, right: b.right });
    while (blocks.length > 1) {
      const y = blocks[blocks.length - 1];
      const x = blocks[blocks.length - 2];
      if (!x || !y || rate(x) <= rate(y)) break;
      blocks.splice(blocks.length - 2, 2, { xs: [...x.xs, ...y.xs], n: x.n + y.n, right: x.right + y.right });
    }
  }
  // One knot per pooled block, at its score centre.
  const knots = blocks.map((b) => [
    Math.round(((b.xs[0] ?? 0) + (b.xs[b.xs.length - 1] ?? 0)) * 500) / 1000,
    Math.round(rate(b) * 1000) / 1000,
  ]);
  out.write(`  fitted knots (tuning half): ${JSON.stringify([[0, 0], ...knots, [1, knots[knots.length - 1]?.[1] ?? 1]])}\n`);
}

out.write(
  `${JSON.stringify({
    split,
    pairs: half.length,
    threshold: MATCH_THRESHOLD,
    tp,
    fp,
    fn,
    tn,
    precision: Math.round(precision * 10_000) / 10_000,
    recall: Math.round(recall * 10_000) / 10_000,
    f1: Math.round(f1 * 10_000) / 10_000,
    calibration,
  })}\n`,
);

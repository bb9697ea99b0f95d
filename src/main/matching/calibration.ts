// Turns an engine score into the percentage the artist modal shows: "among suggestions shown at about p %,
// about p % are right". The knots were fitted on the tuning half of the evaluation set
// (test/fixtures/match-eval, `npm run eval:match -- --fit`): scores in bins of 0.05, isotonic regression of
// "is the right track" on the score, each pooled block's rate Laplace-smoothed ((right + 1) / (n + 2)) so a
// thin bin never claims certainty. Between knots the mapping is linear. `npm run eval:match` checks it on the
// test half. Version conflicts are capped separately (see match.ts). Pure.

/** [score, probability] knots, ascending in both. */
export const CALIBRATION_KNOTS: ReadonlyArray<readonly [number, number]> = [
  [0, 0],
  [0.25, 0.009],
  [0.65, 0.009],
  [0.825, 0.154],
  [0.875, 0.75],
  [0.925, 0.889],
  [0.975, 0.998],
  [1, 0.998],
];

/** Calibrated probability in [0, 1] that a candidate with this score is the track asked for. */
export function matchProbability(score: number): number {
  if (!Number.isFinite(score)) return 0;
  const knots = CALIBRATION_KNOTS;
  const first = knots[0];
  const last = knots[knots.length - 1];
  if (!first || !last) return 0;
  if (score <= first[0]) return first[1];
  if (score >= last[0]) return last[1];
  for (let i = 1; i < knots.length; i++) {
    const [x1, y1] = knots[i] ?? last;
    const [x0, y0] = knots[i - 1] ?? first;
    if (score <= x1) return x1 === x0 ? y1 : y0 + ((score - x0) / (x1 - x0)) * (y1 - y0);
  }
  return last[1];
}

/** The suggestion percentage, 0–100, whole numbers. */
export function suggestionPercent(score: number): number {
  return Math.round(100 * matchProbability(score));
}

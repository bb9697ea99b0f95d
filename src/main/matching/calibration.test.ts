import { describe, expect, it } from 'vitest';
import { CALIBRATION_KNOTS, matchProbability, suggestionPercent } from './calibration';

describe('matchProbability', () => {
  it('passes through every knot and interpolates between them', () => {
    for (const [x, y] of CALIBRATION_KNOTS) expect(matchProbability(x)).toBeCloseTo(y, 10);
    const [x0, y0] = CALIBRATION_KNOTS[4]!;
    const [x1, y1] = CALIBRATION_KNOTS[5]!;
    expect(matchProbability((x0 + x1) / 2)).toBeCloseTo((y0 + y1) / 2, 10);
  });

  it('never decreases with the score and stays in [0, 1]', () => {
    let last = -1;
    for (let s = -0.1; s <= 1.1; s += 0.01) {
      const p = matchProbability(s);
      expect(p).toBeGreaterThanOrEqual(last);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
      last = p;
    }
    expect(matchProbability(Number.NaN)).toBe(0);
  });

  it('shows whole percentages', () => {
    expect(suggestionPercent(1)).toBe(100);
    expect(suggestionPercent(0.9)).toBe(82);
    expect(suggestionPercent(0.3)).toBe(1);
  });
});

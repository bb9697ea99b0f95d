import { describe, expect, it } from 'vitest';
import { isRetryable, retryDelayMs } from './retryPolicy';

describe('retry policy', () => {
  it.each([
    [0, 60_000],
    [1, 150_000],
    [2, 375_000],
    [3, 937_500],
    [6, 14_648_437.5],
    [7, 36_621_093.75],
    [8, 24 * 3600_000],
    [20, 24 * 3600_000],
  ])('after %i earlier failures waits %d ms', (n, ms) => {
    expect(retryDelayMs(n)).toBe(ms);
  });

  it('never retries what waiting cannot fix', () => {
    expect(isRetryable('not_found')).toBe(false);
    expect(isRetryable('cancelled')).toBe(false);
    expect(isRetryable('needs_review')).toBe(false);
    // Deny by default: a type the policy does not know is not retried on its own.
    expect(isRetryable('later_type' as never)).toBe(false);
    for (const t of ['connection', 'timeout', 'rejected', 'parse', 'storage', 'corruption', 'unknown'] as const) expect(isRetryable(t)).toBe(true);
  });
});

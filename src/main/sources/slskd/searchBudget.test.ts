import { describe, expect, it } from 'vitest';
import { DEFAULT_SEARCH_BUDGET, pruneSearchHistory, searchBudgetDelay, type SearchBudget } from './searchBudget';

const budget: SearchBudget = { maxSearches: 3, windowMs: 1_000, minGapMs: 100 };

describe('searchBudgetDelay', () => {
  it.each<[string, number[], number, number]>([
    ['first search goes at once', [], 5_000, 0],
    ['waits out the minimum gap', [4_950], 5_000, 50],
    ['gap already passed', [4_800], 5_000, 0],
    ['window not full yet', [4_300, 4_600], 5_000, 0],
    ['window full: waits until the oldest leaves it', [4_200, 4_500, 4_800], 5_000, 200],
    ['older searches outside the window do not count', [1_000, 2_000, 4_500, 4_800], 5_000, 0],
    ['the later of gap and window wins', [4_050, 4_100, 4_950], 5_000, 50],
  ])('%s', (_name, history, now, wait) => {
    expect(searchBudgetDelay(history, now, budget)).toBe(wait);
  });

  it('defaults to at most 35 searches per 220 s, 5 s apart', () => {
    expect(DEFAULT_SEARCH_BUDGET).toEqual({ maxSearches: 35, windowMs: 220_000, minGapMs: 5_000 });
    const history = Array.from({ length: 35 }, (_, i) => i * 5_000);
    const now = 35 * 5_000;
    // The 36th must wait until the first search is 220 s old.
    expect(searchBudgetDelay(history, now, DEFAULT_SEARCH_BUDGET)).toBe(220_000 - now);
  });
});

describe('pruneSearchHistory', () => {
  it('keeps only starts that can still delay a search', () => {
    expect(pruneSearchHistory([1_000, 4_100, 4_900], 5_000, budget)).toEqual([4_100, 4_900]);
  });
});

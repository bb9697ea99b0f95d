// The search budget: Soulseek disconnects accounts that search too often (thresholds unpublished), so we allow at
// most `maxSearches` per sliding `windowMs`, each at least `minGapMs` after the previous one. Pure.

export interface SearchBudget {
  maxSearches: number;
  windowMs: number;
  minGapMs: number;
}

export const DEFAULT_SEARCH_BUDGET: SearchBudget = { maxSearches: 35, windowMs: 220_000, minGapMs: 5_000 };

/** Milliseconds to wait before the next search may start, given earlier start times (ascending). */
export function searchBudgetDelay(startedAt: readonly number[], now: number, budget: SearchBudget): number {
  let wait = 0;
  const last = startedAt[startedAt.length - 1];
  if (last !== undefined) wait = last + budget.minGapMs - now;
  const inWindow = startedAt.filter((t) => t > now - budget.windowMs);
  if (budget.maxSearches > 0 && inWindow.length >= budget.maxSearches) {
    // The search that has to leave the window before another fits.
    const blocker = inWindow[inWindow.length - budget.maxSearches];
    if (blocker !== undefined) wait = Math.max(wait, blocker + budget.windowMs - now);
  }
  return Math.max(0, wait);
}

/** Drops start times that can no longer affect the budget. */
export function pruneSearchHistory(startedAt: readonly number[], now: number, budget: SearchBudget): number[] {
  return startedAt.filter((t) => t > now - Math.max(budget.windowMs, budget.minGapMs));
}

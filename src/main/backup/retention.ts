// Which runs retention removes: beyond the newest `keep` complete runs, older complete runs go; never the only
// complete one, and never a run that is not complete (partial, paused or failed runs are evidence, kept).
import type { RunInfo } from './runStore';

export function runsToPrune(runsOldestFirst: readonly RunInfo[], keep: number): RunInfo[] {
  const complete = runsOldestFirst.filter((r) => r.state === 'complete');
  const keepN = Math.max(1, keep);
  return complete.length > keepN ? complete.slice(0, complete.length - keepN) : [];
}

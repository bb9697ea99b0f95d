// Frozen: never edit a shipped migration; add a new numbered one instead.
// missing_runs.notified_at: when the host told the person (tray balloon / desktop notification / log line) that
// this playlist run ended — its analysis done and its downloads settled. Persisted so each run is announced
// exactly once, also when it ends after a restart. Runs that ended before this column existed count as told
// (no flood of old notices on the first start after the upgrade).
export const migration011 = `
ALTER TABLE missing_runs ADD COLUMN notified_at INTEGER;
UPDATE missing_runs SET notified_at = coalesce(finished_at, updated_at) WHERE state <> 'running';
CREATE INDEX missing_runs_unnotified ON missing_runs (id) WHERE notified_at IS NULL;
`;

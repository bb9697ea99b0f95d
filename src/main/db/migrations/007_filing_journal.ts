// Frozen: never edit a shipped migration; add a new numbered one instead.
// The filing journal (owned by library/): one row per file being filed into its final place in steps (copy
// under a part name → rename → tag → cover → remove the original), so the next start finishes or rolls back a
// step a crash interrupted. `context` is the flow's own record of the request (opaque to the library).
export const migration007 = `
CREATE TABLE filing_journal (
  id INTEGER PRIMARY KEY,
  queue_item_id INTEGER UNIQUE REFERENCES queue_items(id) ON DELETE CASCADE,
  step TEXT NOT NULL CHECK (step IN ('requested','transferring','transferred','tagged')),
  original_path TEXT,
  target_path TEXT,
  part_path TEXT,
  cover_path TEXT,
  context TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
`;

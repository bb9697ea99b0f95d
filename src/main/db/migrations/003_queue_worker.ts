// Frozen: never edit a shipped migration; add a new numbered one instead.
// Which process holds an in-progress item, so start-up recovery only takes back items whose process is gone
// (a `qoget sync` may be running beside the app).
export const migration003 = `
ALTER TABLE queue_items ADD COLUMN worker TEXT;
`;

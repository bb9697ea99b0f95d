// Frozen: never edit a shipped migration; add a new numbered one instead.
// The owned-check's precomputed keys (owned by providers/libraryIndex), so an analysis never normalises the whole
// library again:
// - library_mirror gains each row's blocking keys (normalised title and artist tokens), written at refresh time
//   for changed rows only; `keys_version` says which tokenisation wrote them (NULL: rows from before, recomputed
//   on the next refresh).
// - library_mirror_blocking: per connector, the blocking index over those keys, frozen into flat arrays (see
//   blockingSnapshot.ts). Derived data: any write to a connector's rows deletes it, and it is rebuilt from the
//   stored keys at the end of the refresh (or by the next reader). `format` names the layout and byte order.
export const migration009 = `
ALTER TABLE library_mirror ADD COLUMN title_keys TEXT;
ALTER TABLE library_mirror ADD COLUMN artist_keys TEXT;
ALTER TABLE library_mirror ADD COLUMN keys_version INTEGER;

CREATE TABLE library_mirror_blocking (
  connector TEXT PRIMARY KEY,
  format TEXT NOT NULL,
  keys_version INTEGER NOT NULL,
  track_count INTEGER NOT NULL,
  ids BLOB NOT NULL,
  title_tokens TEXT NOT NULL,
  title_start BLOB NOT NULL,
  title_slots BLOB NOT NULL,
  artist_tokens TEXT NOT NULL,
  artist_start BLOB NOT NULL,
  artist_ids BLOB NOT NULL
);
`;

// Frozen: never edit a shipped migration; add a new numbered one instead.
// The Soulseek half of the review list (owned by playlists/):
// - peer_reviews: for a catalog track no Soulseek file matched with confidence, the best close candidates (peer,
//   file, size, quality, length, score and the engine's breakdown, as JSON) and the search that found them
//   (`query` null: the queue's own search; else the person's "Search again" text). Replaced, never appended.
// - playlist_tracks.ignored_at: the person's "Ignore" on an entry — neither downloaded nor retried, kept across
//   re-analyses until taken back.
export const migration010 = `
CREATE TABLE peer_reviews (
  track_id INTEGER PRIMARY KEY REFERENCES tracks(id) ON DELETE CASCADE,
  query TEXT,
  candidates TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

ALTER TABLE playlist_tracks ADD COLUMN ignored_at INTEGER;
`;

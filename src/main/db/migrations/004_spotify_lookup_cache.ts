// Frozen: never edit a shipped migration; add a new numbered one instead.
// The Spotify lookup cache (owned by providers/spotify): one row per looked-up thing, with its expiry.
export const migration004 = `
CREATE TABLE spotify_lookup_cache (
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  fetched_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (kind, key)
);
CREATE INDEX spotify_lookup_cache_expiry ON spotify_lookup_cache (expires_at);
`;

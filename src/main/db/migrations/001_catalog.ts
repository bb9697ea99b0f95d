// Frozen: never edit a shipped migration; add a new numbered one instead.
export const migration001 = `
CREATE TABLE artists (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  spotify_id TEXT,
  qobuz_id TEXT,
  created_at INTEGER NOT NULL
);

CREATE TABLE albums (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  version TEXT,
  artist_id INTEGER NOT NULL REFERENCES artists(id),
  album_key TEXT NOT NULL UNIQUE,
  qobuz_id TEXT UNIQUE,
  spotify_id TEXT UNIQUE,
  upc TEXT,
  release_date TEXT,
  genre TEXT,
  label TEXT,
  track_count INTEGER,
  disc_count INTEGER,
  cover_url TEXT,
  is_compilation INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE INDEX albums_artist ON albums(artist_id);

CREATE TABLE tracks (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  version TEXT,
  artist_id INTEGER NOT NULL REFERENCES artists(id),
  album_id INTEGER REFERENCES albums(id),
  track_number INTEGER,
  disc_number INTEGER,
  duration_sec REAL,
  isrc TEXT,
  qobuz_id TEXT UNIQUE,
  spotify_id TEXT UNIQUE,
  track_key TEXT UNIQUE,
  source TEXT,
  local_path TEXT UNIQUE,
  planned_path TEXT,
  status TEXT NOT NULL DEFAULT 'missing'
    CHECK (status IN ('missing','queued','downloading','downloaded','failed')),
  size_bytes INTEGER,
  last_seen_at INTEGER,
  last_error TEXT,
  error_type TEXT,
  retry_count INTEGER NOT NULL DEFAULT 0,
  retry_after INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX tracks_status ON tracks(status);
CREATE INDEX tracks_album ON tracks(album_id);
CREATE INDEX tracks_artist ON tracks(artist_id);
CREATE INDEX tracks_isrc ON tracks(isrc);
`;

// Frozen: never edit a shipped migration; add a new numbered one instead.
// The "do I own it?" index and playlists in the catalog:
// - library_mirror (owned by providers/libraryIndex): one normalised row per track a library connector (folder,
//   Plex, Jellyfin, Subsonic) reports, keyed by the connector's stable key (a path — Plex ratingKeys change on
//   refresh); `fingerprint` is what changes when the track does, so a refresh writes only what changed.
// - library_mirror_state: when each connector's mirror was last refreshed (its age when the server is down).
// - playlists, playlist_tracks, missing_runs (owned by playlists/): each analysed playlist in order, the catalog
//   track each entry became, the last verdict, the person's decision (which always wins), and the analysis run
//   state, so a run survives a restart.
// - tracks.owned_elsewhere: a catalog track the library owns on a server (no local file): reconcile keeps it
//   downloaded instead of calling it missing.
export const migration008 = `
CREATE TABLE library_mirror (
  id INTEGER PRIMARY KEY,
  connector TEXT NOT NULL CHECK (connector IN ('folder','plex','jellyfin','subsonic')),
  ext_key TEXT NOT NULL,
  title TEXT NOT NULL,
  artists TEXT NOT NULL,
  album TEXT,
  track_number INTEGER,
  disc_number INTEGER,
  duration_sec REAL,
  path TEXT,
  size_bytes INTEGER,
  fingerprint TEXT NOT NULL,
  UNIQUE (connector, ext_key)
);

CREATE TABLE library_mirror_state (
  connector TEXT PRIMARY KEY,
  origin TEXT NOT NULL,
  refreshed_at INTEGER NOT NULL,
  track_count INTEGER NOT NULL
);

CREATE TABLE playlists (
  id INTEGER PRIMARY KEY,
  ref TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('spotify','csv','m3u')),
  name TEXT NOT NULL,
  account TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE playlist_tracks (
  playlist_id INTEGER NOT NULL REFERENCES playlists(id) ON DELETE CASCADE,
  entry_key TEXT NOT NULL,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  artists TEXT NOT NULL,
  album TEXT,
  duration_sec REAL,
  spotify_id TEXT,
  isrc TEXT,
  track_id INTEGER REFERENCES tracks(id) ON DELETE SET NULL,
  status TEXT CHECK (status IN ('owned','download','review')),
  confidence REAL,
  match TEXT,
  decision TEXT CHECK (decision IN ('owned','not_owned')),
  decided_at INTEGER,
  PRIMARY KEY (playlist_id, entry_key)
);
CREATE INDEX playlist_tracks_order ON playlist_tracks (playlist_id, position);

CREATE TABLE missing_runs (
  id INTEGER PRIMARY KEY,
  playlist_id INTEGER NOT NULL REFERENCES playlists(id) ON DELETE CASCADE,
  state TEXT NOT NULL CHECK (state IN ('running','finished','cancelled','failed')),
  options TEXT NOT NULL,
  done INTEGER NOT NULL DEFAULT 0,
  total INTEGER NOT NULL DEFAULT 0,
  owned INTEGER NOT NULL DEFAULT 0,
  to_download INTEGER NOT NULL DEFAULT 0,
  review INTEGER NOT NULL DEFAULT 0,
  library TEXT,
  error TEXT,
  started_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  finished_at INTEGER
);
CREATE INDEX missing_runs_playlist ON missing_runs (playlist_id, id);

ALTER TABLE tracks ADD COLUMN owned_elsewhere TEXT;
`;

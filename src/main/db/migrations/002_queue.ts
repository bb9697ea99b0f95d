// Frozen: never edit a shipped migration; add a new numbered one instead.
export const migration002 = `
CREATE TABLE queue_items (
  id INTEGER PRIMARY KEY,
  parent_id INTEGER REFERENCES queue_items(id) ON DELETE CASCADE,
  kind TEXT NOT NULL DEFAULT 'track' CHECK (kind IN ('track','album')),
  track_id INTEGER REFERENCES tracks(id) ON DELETE CASCADE,
  album_id INTEGER REFERENCES albums(id) ON DELETE CASCADE,
  status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending','in_progress','retry_waiting','completed','failed','cancelled')),
  priority INTEGER NOT NULL DEFAULT 2 CHECK (priority BETWEEN 1 AND 4),
  source TEXT NOT NULL,
  request_source TEXT NOT NULL DEFAULT 'user'
    CHECK (request_source IN ('user','watchdog','playlist','matched','sync','reconcile')),
  requested_by TEXT NOT NULL DEFAULT 'local',
  sort_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  completed_at INTEGER,
  last_attempt_at INTEGER,
  next_retry_at INTEGER,
  heartbeat_at INTEGER,
  retry_count INTEGER NOT NULL DEFAULT 0,
  max_retries INTEGER NOT NULL DEFAULT 8,
  error_type TEXT,
  error_message TEXT,
  external_ref TEXT,
  bytes_total INTEGER,
  bytes_downloaded INTEGER NOT NULL DEFAULT 0,
  detail TEXT,
  destination_path TEXT,
  processing_ms INTEGER,
  tried TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX queue_claim ON queue_items(status, source, priority, sort_at, id);
CREATE INDEX queue_track ON queue_items(track_id, status);
CREATE INDEX queue_parent ON queue_items(parent_id);
CREATE INDEX queue_user ON queue_items(requested_by, created_at);
-- At most one active request per track: the dedupe rule enforced by the database itself.
CREATE UNIQUE INDEX queue_one_active_per_track ON queue_items(track_id)
  WHERE track_id IS NOT NULL AND status IN ('pending','in_progress','retry_waiting');

CREATE TABLE quarantine (
  source TEXT NOT NULL,
  key TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (source, key)
);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  event TEXT NOT NULL CHECK (event IN
    ('request_created','started','completed','failed','retry_scheduled','cancelled','admin_retry','recovered','priority_changed')),
  queue_item_id INTEGER,
  actor TEXT NOT NULL,
  detail TEXT
);
CREATE INDEX audit_at ON audit_log(at);
`;

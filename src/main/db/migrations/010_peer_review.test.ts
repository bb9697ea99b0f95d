import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { migrations, openDatabase } from '..';
import { migration010 } from './010_peer_review';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

it('migration 010 adds peer_reviews and playlist_tracks.ignored_at, keeping existing entries', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cassette-db-'));
  dirs.push(dir);
  const path = join(dir, 'catalog.db');
  const before = openDatabase(path, migrations.slice(0, migrations.indexOf(migration010)));
  before.prepare(`INSERT INTO artists (name, name_key, created_at) VALUES ('A', 'a', 1)`).run();
  before.prepare(`INSERT INTO tracks (title, artist_id, track_key, created_at, updated_at) VALUES ('T', 1, 'k', 1, 1)`).run();
  before.prepare(`INSERT INTO playlists (ref, kind, name, created_at, updated_at) VALUES ('/p.m3u8', 'm3u', 'P', 1, 1)`).run();
  before.prepare(`INSERT INTO playlist_tracks (playlist_id, entry_key, position, title, artists, track_id) VALUES (1, 'k', 0, 'T', '["A"]', 1)`).run();
  before.close();
  const db = openDatabase(path);
  expect(db.prepare('SELECT entry_key, track_id, ignored_at FROM playlist_tracks').get()).toEqual({ entry_key: 'k', track_id: 1, ignored_at: null });
  db.prepare(`INSERT INTO peer_reviews (track_id, query, candidates, updated_at) VALUES (1, NULL, '[]', 5)`).run();
  expect(() => db.prepare(`INSERT INTO peer_reviews (track_id, candidates, updated_at) VALUES (1, '[]', 6)`).run()).toThrow(/UNIQUE|PRIMARY/);
  // A track that leaves the catalog takes its candidates with it.
  db.prepare('DELETE FROM playlist_tracks').run();
  db.prepare('DELETE FROM tracks WHERE id = 1').run();
  expect(db.prepare('SELECT count(*) AS n FROM peer_reviews').get()).toEqual({ n: 0 });
  db.close();
});

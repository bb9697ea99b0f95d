import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { migrations, openDatabase } from '..';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

it('migration 009 adds the library mirror, playlists and runs, and owned_elsewhere, keeping existing tracks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cassette-db-'));
  dirs.push(dir);
  const path = join(dir, 'catalog.db');
  const before = openDatabase(path, migrations.slice(0, 7));
  before.prepare(`INSERT INTO artists (name, name_key, created_at) VALUES ('A', 'a', 1)`).run();
  before.prepare(`INSERT INTO tracks (title, artist_id, track_key, created_at, updated_at) VALUES ('T', 1, 'k', 1, 1)`).run();
  before.close();
  const db = openDatabase(path);
  expect(db.prepare('SELECT title, owned_elsewhere FROM tracks').get()).toEqual({ title: 'T', owned_elsewhere: null });
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type='table'`).all() as { name: string }[]).map((r) => r.name);
  expect(tables).toEqual(expect.arrayContaining(['library_mirror', 'library_mirror_state', 'playlists', 'playlist_tracks', 'missing_runs']));
  expect(() => db.prepare(`INSERT INTO library_mirror (connector, ext_key, title, artists, fingerprint) VALUES ('itunes','k','t','[]','f')`).run()).toThrow(/CHECK/);
  db.close();
});

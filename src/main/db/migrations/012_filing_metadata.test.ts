import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { migrations, openDatabase } from '..';
import { migration012 } from './012_filing_metadata';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

it('migration 12 adds the album type, the track credits and playlist entry metadata to an existing catalog, unknown for old rows', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cassette-db-'));
  dirs.push(dir);
  const path = join(dir, 'catalog.db');
  const at = migrations.indexOf(migration012);
  expect(at).toBeGreaterThan(0);
  const before = openDatabase(path, migrations.slice(0, at));
  before.prepare(`INSERT INTO artists (name, name_key, created_at) VALUES ('A', 'a', 1)`).run();
  before.prepare(`INSERT INTO albums (title, artist_id, album_key, created_at) VALUES ('B', 1, 'b', 1)`).run();
  before.prepare(`INSERT INTO tracks (title, artist_id, album_id, track_key, created_at, updated_at) VALUES ('T', 1, 1, 'k', 1, 1)`).run();
  before.close();
  const db = openDatabase(path);
  expect(db.prepare('SELECT album_type FROM albums').get()).toEqual({ album_type: null });
  expect(db.prepare('SELECT artist_credits FROM tracks').get()).toEqual({ artist_credits: null });
  const columns = (db.prepare(`SELECT name FROM pragma_table_info('playlist_tracks')`).all() as { name: string }[]).map((c) => c.name);
  expect(columns).toContain('metadata');
  db.prepare(`UPDATE albums SET album_type = 'single'`).run();
  expect(() => db.prepare(`UPDATE albums SET album_type = 'ep'`).run()).toThrow(/CHECK/);
  db.close();
});

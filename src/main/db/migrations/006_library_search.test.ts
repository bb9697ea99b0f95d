import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { migrations, openDatabase } from '..';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

const match = (db: ReturnType<typeof openDatabase>, table: string, q: string) =>
  (db.prepare(`SELECT rowid AS id FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid`).all(q) as { id: number }[]).map((r) => r.id);

it('migration 6 indexes the tracks, artists and albums a version-5 catalog already holds, folded, and keeps indexing new ones', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cassette-db-'));
  dirs.push(dir);
  const path = join(dir, 'catalog.db');
  const v5 = openDatabase(path, migrations.slice(0, 5));
  v5.prepare(`INSERT INTO artists (id, name, name_key, created_at) VALUES (1, 'Beyoncé', 'beyoncé', 1), (2, 'Кино', 'кино', 1)`).run();
  v5.prepare(`INSERT INTO albums (id, title, artist_id, album_key, created_at) VALUES (1, 'Dangerously in Love', 1, 'k1', 1)`).run();
  v5.prepare(
    `INSERT INTO tracks (id, title, artist_id, album_id, track_key, created_at, updated_at)
     VALUES (1, 'Crazy in Love', 1, 1, 'a', 1, 1), (2, 'Кукушка', 2, NULL, 'b', 1, 1)`,
  ).run();
  v5.close();

  const db = openDatabase(path, migrations.slice(0, 6));
  expect(db.pragma('user_version', { simple: true })).toBe(6);
  expect(match(db, 'tracks_fts', '"beyonce"')).toEqual([1]);
  expect(match(db, 'tracks_fts', '"dangerously"')).toEqual([1]);
  expect(match(db, 'tracks_fts', 'artist : "kino"')).toEqual([2]);
  expect(match(db, 'tracks_fts', '"kukushka"')).toEqual([2]);
  expect(match(db, 'artists_fts', '"beyon"')).toEqual([1]);
  expect(match(db, 'albums_fts', '"in love"')).toEqual([1]);
  // The triggers are in place for what comes after the upgrade.
  db.prepare(`INSERT INTO tracks (id, title, artist_id, album_id, track_key, created_at, updated_at) VALUES (3, 'Halo', 1, 1, 'c', 1, 1)`).run();
  expect(match(db, 'tracks_fts', '"beyonce"')).toEqual([1, 3]);
  db.close();
});

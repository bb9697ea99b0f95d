import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { migrations, openDatabase } from '..';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

it('migration 5 adds metadata_source and file_mtime_ms to a version-4 catalog, keeping its tracks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cassette-db-'));
  dirs.push(dir);
  const path = join(dir, 'catalog.db');
  const v3 = openDatabase(path, migrations.slice(0, 4));
  v3.prepare(`INSERT INTO artists (name, name_key, created_at) VALUES ('A', 'a', 1)`).run();
  v3.prepare(`INSERT INTO tracks (title, artist_id, track_key, created_at, updated_at) VALUES ('T', 1, 'k', 1, 1)`).run();
  v3.close();
  const db = openDatabase(path);
  expect(db.prepare('SELECT title, metadata_source, file_mtime_ms FROM tracks').get()).toEqual({ title: 'T', metadata_source: null, file_mtime_ms: null });
  db.close();
});

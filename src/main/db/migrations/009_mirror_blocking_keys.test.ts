import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { migrations, openDatabase } from '..';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

it('migration 009 gives mirror rows blocking keys (existing rows without them, recomputed later) and a blocking snapshot table', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cassette-db-'));
  dirs.push(dir);
  const path = join(dir, 'catalog.db');
  const before = openDatabase(path, migrations.slice(0, 8));
  before.prepare(`INSERT INTO library_mirror (connector, ext_key, title, artists, fingerprint) VALUES ('plex', 'k', 'Song', '["A"]', 'f')`).run();
  before.close();
  const db = openDatabase(path, migrations.slice(0, 9));
  expect(db.prepare('SELECT title, title_keys, artist_keys, keys_version FROM library_mirror').get()).toEqual({
    title: 'Song', title_keys: null, artist_keys: null, keys_version: null,
  });
  db.prepare(`UPDATE library_mirror SET title_keys = 'song', artist_keys = 'a', keys_version = 1`).run();
  expect(db.prepare('SELECT title_keys, artist_keys, keys_version FROM library_mirror').get()).toEqual({ title_keys: 'song', artist_keys: 'a', keys_version: 1 });
  expect(db.prepare('SELECT count(*) FROM library_mirror_blocking').pluck().get()).toBe(0);
  expect(() => db.prepare(`INSERT INTO library_mirror_blocking (connector, format, keys_version, track_count) VALUES ('plex', 'v1', 1, 0)`).run()).toThrow(/NOT NULL/);
  db.close();
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { migrations, openDatabase } from '..';
import { migration011 } from './011_run_notices';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

it('migration 011 adds notified_at to playlist runs: runs that had ended count as announced, a running one does not', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cassette-db-'));
  dirs.push(dir);
  const path = join(dir, 'catalog.db');
  const at = migrations.indexOf(migration011);
  expect(at).toBeGreaterThan(0);
  const before = openDatabase(path, migrations.slice(0, at));
  before.prepare(`INSERT INTO playlists (ref, kind, name, created_at, updated_at) VALUES ('a.m3u', 'm3u', 'A', 1, 1)`).run();
  const run = before.prepare(`INSERT INTO missing_runs (playlist_id, state, options, started_at, updated_at, finished_at) VALUES (1, ?, '{}', 1, ?, ?)`);
  run.run('finished', 5, 4);
  run.run('cancelled', 7, null);
  run.run('running', 9, null);
  before.close();
  const db = openDatabase(path);
  expect(db.prepare('SELECT state, notified_at FROM missing_runs ORDER BY id').all()).toEqual([
    { state: 'finished', notified_at: 4 },
    { state: 'cancelled', notified_at: 7 },
    { state: 'running', notified_at: null },
  ]);
  db.close();
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { migrations, openDatabase } from '..';
import { migration007 } from './007_filing_journal';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

it('migration 8 adds the filing journal to an existing catalog; its rows go with their queue item', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cassette-db-'));
  dirs.push(dir);
  const path = join(dir, 'catalog.db');
  const at = migrations.indexOf(migration007);
  expect(at).toBeGreaterThan(0);
  const before = openDatabase(path, migrations.slice(0, at));
  before.prepare(`INSERT INTO artists (name, name_key, created_at) VALUES ('A', 'a', 1)`).run();
  before.prepare(`INSERT INTO tracks (title, artist_id, track_key, created_at, updated_at) VALUES ('T', 1, 'k', 1, 1)`).run();
  before.prepare(`INSERT INTO queue_items (kind, track_id, status, priority, source, request_source, requested_by, sort_at, created_at) VALUES ('track', 1, 'pending', 2, 'slskd', 'matched', 'local', 1, 1)`).run();
  before.close();
  const db = openDatabase(path);
  db.prepare(`INSERT INTO filing_journal (queue_item_id, step, context, created_at, updated_at) VALUES (1, 'requested', '{}', 1, 1)`).run();
  expect(() => db.prepare(`INSERT INTO filing_journal (step, context, created_at, updated_at) VALUES ('half', '{}', 1, 1)`).run()).toThrow(/CHECK/);
  db.prepare('DELETE FROM queue_items WHERE id = 1').run();
  expect(db.prepare('SELECT count(*) AS n FROM filing_journal').get()).toEqual({ n: 0 });
  db.close();
});

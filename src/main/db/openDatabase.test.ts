import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations, openDatabase } from '.';

const dirs: string[] = [];
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), 'cassette-db-'));
  dirs.push(d);
  return join(d, 'catalog.db');
};
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

describe('catalog database', () => {
  it('applies every migration to a new file, with WAL and foreign keys on', () => {
    const db = openDatabase(fresh());
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('refuses a catalog written by a newer Cassette, saying what to do, and leaves it untouched', () => {
    const path = fresh();
    const future = new Database(path);
    future.pragma(`user_version = ${migrations.length + 5}`);
    future.close();
    expect(() => openDatabase(path)).toThrow(/newer version of Cassette .*Update Cassette/);
    const again = new Database(path);
    expect(again.pragma('user_version', { simple: true })).toBe(migrations.length + 5);
    again.close();
  });

  it('migration 3 adds the worker column to a version-2 catalog without losing queue rows', () => {
    const path = fresh();
    const v2 = openDatabase(path, migrations.slice(0, 2));
    v2.prepare(`INSERT INTO artists (name, name_key, created_at) VALUES ('A', 'a', 1)`).run();
    v2.prepare(`INSERT INTO tracks (title, artist_id, track_key, created_at, updated_at) VALUES ('T', 1, 'k', 1, 1)`).run();
    v2.prepare(`INSERT INTO queue_items (track_id, source, sort_at, created_at, status) VALUES (1, 'slskd', 1, 1, 'in_progress')`).run();
    v2.close();
    const db = openDatabase(path);
    expect(db.prepare('SELECT status, worker FROM queue_items').get()).toEqual({ status: 'in_progress', worker: null });
    db.close();
  });

  it('rolls back a failing migration and keeps the earlier version', () => {
    const path = fresh();
    expect(() => openDatabase(path, [...migrations, 'CREATE TABLE broken (;'])).toThrow();
    const db = new Database(path);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    db.close();
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db';
import { blockingKeysOf } from './blockingKeys';
import { MirrorStore } from './mirrorStore';
import { fingerprintOf, type LibraryConnector, type MirrorTrack } from './types';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

function store(): { db: Db; mirror: MirrorStore } {
  const dir = mkdtempSync(join(tmpdir(), 'cassette-mirror-'));
  dirs.push(dir);
  const db = openDatabase(join(dir, 'catalog.db'));
  return { db, mirror: new MirrorStore(db, { now: () => 1_000 }) };
}

const track = (extKey: string, title: string, artist: string): MirrorTrack => {
  const t = { title, artists: [artist] };
  return { extKey, ...t, fingerprint: fingerprintOf(t) };
};

/** A connector listing `pages`, failing after the first page when `failAfterFirst` is set. */
function connector(pages: MirrorTrack[][], failAfterFirst = false): LibraryConnector {
  return {
    name: 'plex',
    origin: 'http://plex.test',
    async *list() {
      for (const [i, page] of pages.entries()) {
        if (failAfterFirst && i > 0) throw new Error('connection reset');
        yield page;
      }
    },
  };
}

const changes = (db: Db) => db.prepare('SELECT total_changes()').pluck().get() as number;
const slotsOf = (mirror: MirrorStore, token: string) => {
  const k = mirror.keyed('plex');
  return [...k.blocking.titlePostings(token)].map((slot) => k.track(slot)?.title);
};

describe('MirrorStore blocking keys', () => {
  const library = [
    [track('a', 'Hotel California - 2013 Remaster', 'Eagles'), track('b', 'Empire State of Mind (feat. Alicia Keys)', 'JAY-Z')],
    [track('c', 'Hurt', 'Johnny Cash'), track('d', 'Hurt', 'Nine Inch Nails')],
  ];

  it('keys every row it writes with the blocking tokens of its title and credits', async () => {
    const { db, mirror } = store();
    await mirror.refresh(connector(library));
    const row = db.prepare(`SELECT title_keys, artist_keys, keys_version FROM library_mirror WHERE ext_key = 'b'`).get();
    expect(row).toEqual({ title_keys: 'empire state of mind', artist_keys: 'jay z', keys_version: 1 });
    expect(blockingKeysOf({ title: 'Empire State of Mind (feat. Alicia Keys)', artists: ['JAY-Z'] })).toEqual({ title: ['empire', 'state', 'of', 'mind'], artist: ['jay', 'z'] });
    expect(slotsOf(mirror, 'hurt').sort()).toEqual(['Hurt', 'Hurt']);
    expect(mirror.keyed('plex').blocking.size).toBe(4);
  });

  it('a refresh that finds nothing changed writes only the refresh time', async () => {
    const { db, mirror } = store();
    await mirror.refresh(connector(library));
    const before = changes(db);
    const report = await mirror.refresh(connector(library));
    expect(report).toMatchObject({ added: 0, updated: 0, removed: 0, unchanged: 4 });
    expect(changes(db) - before).toBe(1);
  });

  it('a change is in the blocking index as soon as the refresh ends; a removed row is gone from it', async () => {
    const { mirror } = store();
    await mirror.refresh(connector(library));
    await mirror.refresh(connector([[track('a', 'Hotel California', 'Eagles'), track('c', 'Hurt (Live)', 'Johnny Cash')]]));
    expect(slotsOf(mirror, 'hurt')).toEqual(['Hurt (Live)']);
    expect(slotsOf(mirror, 'empire')).toEqual([]);
    expect(mirror.keyed('plex').blocking.size).toBe(2);
  });

  it('a refresh cut short leaves no stale index: the next reader rebuilds it with the rows that arrived', async () => {
    const { db, mirror } = store();
    await mirror.refresh(connector([[track('a', 'Old Song', 'Eagles')]]));
    await expect(mirror.refresh(connector([[track('n', 'New Song', 'Eagles')], [track('x', 'Never Listed', 'Eagles')]], true))).rejects.toThrow(/reset/);
    expect(db.prepare('SELECT count(*) FROM library_mirror_blocking').pluck().get()).toBe(0);
    expect(slotsOf(mirror, 'song').sort()).toEqual(['New Song', 'Old Song']);
    expect(db.prepare('SELECT count(*) FROM library_mirror_blocking').pluck().get()).toBe(1);
  });

  it('rows keyed by an older tokenisation (or before keys were stored) are rekeyed, then indexed', async () => {
    const { db, mirror } = store();
    await mirror.refresh(connector(library));
    db.prepare(`UPDATE library_mirror SET title_keys = NULL, artist_keys = NULL, keys_version = NULL WHERE ext_key IN ('c', 'd')`).run();
    db.prepare('DELETE FROM library_mirror_blocking').run();
    await mirror.refresh(connector(library));
    expect(db.prepare(`SELECT count(*) FROM library_mirror WHERE keys_version IS NULL`).pluck().get()).toBe(0);
    expect(db.prepare(`SELECT title_keys FROM library_mirror WHERE ext_key = 'd'`).pluck().get()).toBe('hurt');
    expect(slotsOf(mirror, 'hurt')).toHaveLength(2);
  });
});

describe('MirrorStore blocking snapshot storage', () => {
  it('a damaged stored snapshot is rebuilt from the rows, not trusted', async () => {
    const { db, mirror } = store();
    await mirror.refresh(connector([[track('a', 'Hurt', 'Johnny Cash'), track('b', 'Creep', 'Radiohead')]]));
    db.prepare(`UPDATE library_mirror_blocking SET title_slots = zeroblob(3)`).run();
    expect(slotsOf(mirror, 'creep')).toEqual(['Creep']);
    expect((db.prepare('SELECT length(title_slots) FROM library_mirror_blocking').pluck().get() as number) % 4).toBe(0);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db';
import { fingerprintOf, MirrorStore, type LibraryConnector, type MirrorTrack } from '../../providers';
import { buildOwnedIndex } from './buildOwnedIndex';
import { OwnedIndex, type OwnedEntry } from './ownedIndex';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

const server: Omit<MirrorTrack, 'extKey' | 'fingerprint'>[] = [
  { title: 'Bohemian Rhapsody', artists: ['Queen'], album: 'A Night at the Opera', durationSec: 355 },
  { title: 'Hotel California - 2013 Remaster', artists: ['Eagles'], album: 'Hotel California (2013 Remaster)', durationSec: 391 },
  { title: 'Empire State of Mind (feat. Alicia Keys)', artists: ['JAY-Z'], album: 'The Blueprint 3', durationSec: 277 },
  { title: 'Hurt', artists: ['Johnny Cash'], album: 'American IV: The Man Comes Around', durationSec: 218 },
  { title: 'Yellow', artists: ['Coldplay'], album: 'Live in Buenos Aires', durationSec: 290 },
  { title: 'Smells Like Teen Spirit', artists: ['Nirvana'], album: 'Nevermind', durationSec: 301 },
];

const entries: OwnedEntry[] = [
  { title: 'Bohemian Rhapsody', artists: ['Queen'], album: 'A Night at the Opera', durationSec: 354 },
  { title: 'Hotel California', artists: ['Eagles'], album: 'Hotel California', durationSec: 390 },
  { title: 'Empire State of Mind', artists: ['JAY-Z', 'Alicia Keys'], album: 'The Blueprint 3', durationSec: 276 },
  { title: 'Hurt', artists: ['Nine Inch Nails'], album: 'The Downward Spiral', durationSec: 373 },
  { title: 'Yellow', artists: ['Coldplay'], album: 'Parachutes', durationSec: 269 },
  { title: 'Teen Spirit', artists: ['Nirvana'], album: 'Nevermind', durationSec: 301 },
  { title: 'Losing My Religion (Remastered)', artists: ['REM'], isrc: 'uswb19100001' },
  { title: 'Karma Police', artists: ['Radiohead'], album: 'OK Computer', durationSec: 264 },
];

function world(): { db: Db; mirror: MirrorStore; listing: MirrorTrack[]; plex: LibraryConnector } {
  const dir = mkdtempSync(join(tmpdir(), 'cassette-owned-'));
  dirs.push(dir);
  const db = openDatabase(join(dir, 'catalog.db'));
  db.prepare(`INSERT INTO artists (id, name, name_key, created_at) VALUES (1, 'R.E.M.', 'rem', 1)`).run();
  db.prepare(
    `INSERT INTO tracks (id, title, artist_id, track_key, isrc, duration_sec, status, local_path, created_at, updated_at)
     VALUES (7, 'Losing My Religion', 1, 'rem-lmr', 'USWB19100001', 268, 'downloaded', '/music/lmr.flac', 1, 1)`,
  ).run();
  const listing = server.map((t, i) => ({ extKey: `k${i}`, ...t, fingerprint: fingerprintOf(t) }));
  const plex: LibraryConnector = {
    name: 'plex',
    origin: 'http://plex.test',
    async *list() {
      yield listing;
    },
  };
  return { db, mirror: new MirrorStore(db, { now: () => 1 }), listing, plex };
}

describe('buildOwnedIndex: the mirror from its stored keys, plus the catalog', () => {
  it('gives the verdicts an index built from the tracks themselves gives', async () => {
    const { db, mirror, plex } = world();
    await mirror.refresh(plex);
    const stored = buildOwnedIndex({ db, mirror, connector: 'plex' });
    const direct = new OwnedIndex([
      ...mirror.tracks('plex').map((t) => ({ ...t, where: 'plex' as const })),
      { title: 'Losing My Religion', artists: ['R.E.M.'], durationSec: 268, isrc: 'USWB19100001', where: 'catalog', catalogTrackId: 7 },
    ]);
    expect(stored.size).toBe(server.length + 1);
    for (const e of entries) {
      const a = stored.check(e);
      const b = direct.check(e);
      expect({ status: a.status, confidence: a.confidence, match: a.match, reason: a.reason }, e.title).toEqual({
        status: b.status, confidence: b.confidence, match: b.match, reason: b.reason,
      });
    }
    expect(stored.check(entries[0]!)).toMatchObject({ status: 'owned', match: { where: 'plex', title: 'Bohemian Rhapsody' } });
    expect(stored.check(entries[6]!)).toMatchObject({ status: 'owned', candidate: { where: 'catalog', catalogTrackId: 7 } });
  });

  it('without a library (server down, no mirror) only the catalog counts', async () => {
    const { db, mirror, plex } = world();
    await mirror.refresh(plex);
    const index = buildOwnedIndex({ db, mirror, connector: null });
    expect(index.size).toBe(1);
    expect(index.check(entries[0]!).status).toBe('download');
  });

  it('a track a later refresh removed is never offered as the match', async () => {
    const { db, mirror, plex, listing } = world();
    await mirror.refresh(plex);
    const index = buildOwnedIndex({ db, mirror, connector: 'plex' });
    listing.splice(0, 1);
    await mirror.refresh(plex);
    expect(index.check(entries[0]!)).toMatchObject({ status: 'download', match: null });
    expect(index.check(entries[1]!).status).toBe('owned');
  });
});

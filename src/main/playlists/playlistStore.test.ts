import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from '../db';
import { parseExportifyCsv, PlaylistStore } from '.';

const fixtures = join(import.meta.dirname, '../../../test/fixtures/playlists');
const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

function store() {
  const dir = mkdtempSync(join(tmpdir(), 'cassette-playlists-'));
  dirs.push(dir);
  const db = openDatabase(join(dir, 'catalog.db'));
  return { db, store: new PlaylistStore(db, { now: () => 1 }) };
}

it('keeps what an entry says beyond its columns (numbers, date, cover, album ids and type) across save and read', () => {
  const { db, store: s } = store();
  const entries = parseExportifyCsv(readFileSync(join(fixtures, 'exportify.csv'), 'utf8'));
  const spotifyEntry = { key: 'spotify:x', title: 'Ember', artists: ['Nina Vale'], album: 'Summer Sessions', albumType: 'single' as const, albumTrackCount: 2, trackNumber: 2 };
  const id = s.save({ ref: 'night.csv', kind: 'csv', name: 'Night', entries: [...entries, spotifyEntry] });
  const back = s.entries(id);
  expect(back[0]).toMatchObject({ ...entries[0], position: 0 });
  expect(back[0]).toMatchObject({ coverUrl: 'https://i.scdn.co/image/ab67616d0000b273', trackNumber: 1, discNumber: 1, releaseDate: '1987-11-12', albumSpotifyId: '6XhjNHCyCDyyGJRM5mg40G' });
  expect(back[1]).toMatchObject({ albumArtists: ['Crosby, Stills & Nash'] });
  expect(back.at(-1)).toMatchObject(spotifyEntry);
  // Unreadable metadata costs only the metadata, never the entry.
  db.prepare(`UPDATE playlist_tracks SET metadata = '{"trackNumber":"two"}' WHERE entry_key = 'spotify:x'`).run();
  expect(s.entries(id).at(-1)).toMatchObject({ title: 'Ember', album: 'Summer Sessions' });
  expect(s.entries(id).at(-1)!.albumType).toBeUndefined();
  db.close();
});

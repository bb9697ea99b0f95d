import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from '../db';
import { CatalogStore, upsertPlaylistTrack } from '.';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

function catalog(): CatalogStore {
  const dir = mkdtempSync(join(tmpdir(), 'cassette-catalog-'));
  dirs.push(dir);
  return new CatalogStore(openDatabase(join(dir, 'catalog.db')), { now: () => 1 });
}

it('files a playlist track with its credits, album type and count; one album per Spotify album id', () => {
  const c = catalog();
  const album = { album: 'Summer Sessions', albumSpotifyId: 'b'.repeat(22), albumType: 'single' as const, albumTrackCount: 2 };
  const a = upsertPlaylistTrack(c, { title: 'Lantern', artists: ['Nina Vale', 'Bo'], albumArtists: ['Nina Vale'], trackNumber: 1, spotifyId: 't1'.padEnd(22, '0'), ...album });
  // The same album credited to someone else by another entry is still that album, not a clash.
  const b = upsertPlaylistTrack(c, { title: 'Ember', artists: ['Bo'], albumArtists: ['Bo'], trackNumber: 2, spotifyId: 't2'.padEnd(22, '0'), ...album });
  expect(c.db.prepare('SELECT count(*) AS n FROM albums').get()).toEqual({ n: 1 });
  expect(c.trackWanted(a)).toMatchObject({ artist: 'Nina Vale', artists: ['Nina Vale', 'Bo'], album: 'Summer Sessions', albumType: 'single', albumTrackCount: 2, trackNumber: 1 });
  // A lone artist is not stored as credits: the track's artist says it.
  expect(c.trackWanted(b)?.artists).toBeUndefined();
  expect(c.trackWanted(b)).toMatchObject({ albumType: 'single', trackNumber: 2 });
});

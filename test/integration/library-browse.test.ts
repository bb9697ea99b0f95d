// The Library's reads through the contract: artists → albums → tracks with completeness, search, sort, status.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OWNER, type Core } from '../../src/main/core';
import { seedAlbums } from '../support/catalogBuilder';
import { openTestCore, tempDir } from '../support/testCore';

let core: Core;
let cleanup: () => Promise<void>;
let album1: number;
beforeAll(async () => {
  const t = await tempDir('cassette-library-');
  cleanup = t.cleanup;
  core = openTestCore(t.dir, { reconcileOnStart: false });
  seedAlbums(core.catalog, 6, 4); // Artist 1..3, two albums each, 4 tracks per album
  // Album 1 complete on disk, one track of album 2 failed.
  const ids = core.db.prepare(`SELECT t.id FROM tracks t JOIN albums al ON al.id = t.album_id WHERE al.title = 'Album 1'`).all() as { id: number }[];
  ids.forEach(({ id }, i) => core.catalog.markDownloaded(id, join(t.dir, `a1-${i}.mp3`), 100));
  album1 = (core.db.prepare(`SELECT id FROM albums WHERE title = 'Album 1'`).get() as { id: number }).id;
  const failed = core.db.prepare(`SELECT id FROM tracks WHERE title = 'Song 2-3'`).get() as { id: number };
  core.catalog.markFailed(failed.id, 'not_found', 'Nobody shares this track', null);
});
afterAll(async () => {
  await core.close();
  await cleanup();
});

describe('library browsing', () => {
  it('pages artists by name with their completeness', async () => {
    const first = await core.handlers['library.artists']({ sort: 'name', offset: 0, limit: 2 });
    expect(first.total).toBe(3);
    expect(first.items).toEqual([
      { id: expect.any(Number), name: 'Artist 1', albums: 2, coverAlbumId: album1, tracks: 8, onDisk: 4, missing: 3, active: 0, failed: 1 },
      expect.objectContaining({ name: 'Artist 2', tracks: 8, onDisk: 0, missing: 8, coverAlbumId: null }),
    ]);
    const next = await core.handlers['library.artists']({ sort: 'name', offset: 2, limit: 2 });
    expect(next.items.map((a) => a.name)).toEqual(['Artist 3']);
    const desc = await core.handlers['library.artists']({ sort: 'name_desc', offset: 0, limit: 1 });
    expect(desc.items[0]!.name).toBe('Artist 3');
  });

  it('searches artists, albums and tracks, case-insensitively, with % taken literally', async () => {
    expect((await core.handlers['library.artists']({ search: 'artist 2', sort: 'name', offset: 0, limit: 10 })).items.map((a) => a.name)).toEqual(['Artist 2']);
    expect((await core.handlers['library.artists']({ search: '%', sort: 'name', offset: 0, limit: 10 })).total).toBe(0);
    const tracks = await core.handlers['library.tracks']({ search: 'song 2-', offset: 0, limit: 100 });
    expect(tracks.total).toBe(4);
    expect(tracks.items.find((t) => t.title === 'Song 2-3')).toMatchObject({ status: 'failed', error: 'Nobody shares this track', album: 'Album 2', artist: 'Artist 1' });
    expect((await core.handlers['library.albums']({ search: 'ALBUM 5', sort: 'name', offset: 0, limit: 10 })).items.map((a) => a.title)).toEqual(['Album 5']);
  });

  it("lists an artist's albums and an album's tracks in order, with status and path", async () => {
    const artist = (await core.handlers['library.artists']({ search: 'Artist 1', sort: 'name', offset: 0, limit: 1 })).items[0]!;
    const albums = await core.handlers['library.albums']({ artistId: artist.id, sort: 'name', offset: 0, limit: 10 });
    expect(albums.items.map((a) => [a.title, a.onDisk, a.tracks, a.trackCount])).toEqual([['Album 1', 4, 4, 4], ['Album 2', 0, 4, 4]]);
    const { album, tracks } = await core.handlers['library.album']({ id: albums.items[0]!.id });
    expect(album.title).toBe('Album 1');
    expect(tracks.map((t) => [t.trackNumber, t.status])).toEqual([[1, 'downloaded'], [2, 'downloaded'], [3, 'downloaded'], [4, 'downloaded']]);
    expect(tracks[0]!.path).toMatch(/a1-0\.mp3$/);
    await expect(core.dispatch('library.album', { id: 9999 }, OWNER)).resolves.toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('sorts artists by what they miss', async () => {
    const r = await core.handlers['library.artists']({ sort: 'most_missing', offset: 0, limit: 3 });
    expect(r.items.map((a) => a.name)).toEqual(['Artist 2', 'Artist 3', 'Artist 1']);
  });
});

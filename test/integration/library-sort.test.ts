// The Library's orders through the contract: by name, release year, completeness and when things were added,
// for artists, albums and tracks.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { FakeClock, openTestCore, tempDir } from '../support/testCore';

let core: Core;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const t = await tempDir('cassette-library-sort-');
  cleanup = t.cleanup;
  const clock = new FakeClock();
  core = openTestCore(t.dir, { reconcileOnStart: false }, clock);
  // Added in this order, a minute apart: Cher (1998, 2 of 2 on disk), Abba (1976 and 1980, 3 of 3),
  // Björk (2001, 0 of 1, and a release of 4 tracks, by its track count, only 1 of which is in the catalog).
  const add = (artist: string, album: string, releaseDate: string, titles: string[], onDisk: number, trackCount?: number) => {
    clock.advance(60_000);
    const albumId = core.catalog.upsertAlbum({ title: album, artist: { name: artist }, releaseDate, trackCount });
    titles.forEach((title, i) => {
      clock.advance(1_000);
      const id = core.catalog.upsertTrack({ title, artist: { name: artist }, albumId, trackNumber: i + 1 });
      if (i < onDisk) core.catalog.markDownloaded(id, join(t.dir, `${album}-${i}.mp3`), 1);
    });
  };
  add('Cher', 'Believe', '1998-10-22', ['Believe', 'Strong Enough'], 2);
  add('Abba', 'Arrival', '1976-10-11', ['Dancing Queen', 'Money, Money, Money'], 2);
  add('Abba', 'Super Trouper', '1980-11-03', ['The Winner Takes It All'], 1);
  add('Björk', 'Vespertine', '2001-08-27', ['Hidden Place'], 0);
  add('Björk', 'Homogenic', '1997-09-22', ['Jóga'], 1, 4);
});
afterAll(async () => {
  await core.close();
  await cleanup();
});

type Sort = Parameters<Core['handlers']['library.artists']>[0]['sort'];
type TrackSort = NonNullable<Parameters<Core['handlers']['library.tracks']>[0]['sort']>;
const artists = async (sort: Sort) => (await core.handlers['library.artists']({ sort, offset: 0, limit: 10 })).items.map((a) => a.name);
const albums = async (sort: Sort, artistId?: number) => (await core.handlers['library.albums']({ sort, artistId, offset: 0, limit: 10 })).items.map((a) => a.title);
const tracks = async (sort: TrackSort, search?: string) => (await core.handlers['library.tracks']({ sort, search, offset: 0, limit: 10 })).items.map((t) => t.title);

describe('library sorting', () => {
  it('sorts artists by name, latest release, completeness and when they were added', async () => {
    expect(await artists('name')).toEqual(['Abba', 'Björk', 'Cher']);
    expect(await artists('name_desc')).toEqual(['Cher', 'Björk', 'Abba']);
    expect(await artists('year')).toEqual(['Abba', 'Cher', 'Björk']); // latest releases 1980, 1998, 2001
    expect(await artists('year_desc')).toEqual(['Björk', 'Cher', 'Abba']);
    expect(await artists('completeness')).toEqual(['Abba', 'Cher', 'Björk']); // 3 of 3, 2 of 2, 1 of 2
    expect(await artists('recently_added')).toEqual(['Björk', 'Abba', 'Cher']);
  });

  it('sorts albums by name, year, completeness (against the release’s track count) and when they were added', async () => {
    expect(await albums('name')).toEqual(['Arrival', 'Believe', 'Homogenic', 'Super Trouper', 'Vespertine']);
    expect(await albums('name_desc')).toEqual(['Vespertine', 'Super Trouper', 'Homogenic', 'Believe', 'Arrival']);
    expect(await albums('year')).toEqual(['Arrival', 'Super Trouper', 'Homogenic', 'Believe', 'Vespertine']);
    expect(await albums('year_desc')).toEqual(['Vespertine', 'Believe', 'Homogenic', 'Super Trouper', 'Arrival']);
    // 100 %: Arrival, Believe, Super Trouper; 25 % (1 of the 4 the release has): Homogenic; 0 %: Vespertine.
    expect(await albums('completeness')).toEqual(['Arrival', 'Believe', 'Super Trouper', 'Homogenic', 'Vespertine']);
    expect(await albums('recently_added')).toEqual(['Homogenic', 'Vespertine', 'Super Trouper', 'Arrival', 'Believe']);
    const bjork = (await core.handlers['library.artists']({ search: 'bjork', sort: 'name', offset: 0, limit: 1 })).items[0]!;
    expect(await albums('year', bjork.id)).toEqual(['Homogenic', 'Vespertine']);
    expect(await albums('name', bjork.id)).toEqual(['Homogenic', 'Vespertine']);
    expect(await albums('year_desc', bjork.id)).toEqual(['Vespertine', 'Homogenic']);
  });

  it('sorts tracks by title, release year and when they were added; a search ranks by relevance unless told otherwise', async () => {
    expect(await tracks('name')).toEqual(['Believe', 'Dancing Queen', 'Hidden Place', 'Jóga', 'Money, Money, Money', 'Strong Enough', 'The Winner Takes It All']);
    expect((await tracks('name_desc'))[0]).toBe('The Winner Takes It All');
    expect(await tracks('year')).toEqual(['Dancing Queen', 'Money, Money, Money', 'The Winner Takes It All', 'Jóga', 'Believe', 'Strong Enough', 'Hidden Place']);
    expect((await tracks('year_desc')).slice(0, 2)).toEqual(['Hidden Place', 'Believe']);
    expect(await tracks('recently_added')).toEqual(['Jóga', 'Hidden Place', 'The Winner Takes It All', 'Money, Money, Money', 'Dancing Queen', 'Strong Enough', 'Believe']);
    // "believe": the equal title first, then the album's other track; by name both are in title order too.
    expect(await tracks('relevance', 'believe')).toEqual(['Believe', 'Strong Enough']);
    expect(await tracks('recently_added', 'believe')).toEqual(['Strong Enough', 'Believe']);
  });
});

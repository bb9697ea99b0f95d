// Sorting the Library in a browser: artists by their newest release, an artist's albums by year or name, tracks
// by when they were added.
import type { Locator } from '@playwright/test';
import { expect, test } from './support/fixtures';

test.use({
  cassetteOptions: {
    core: { env: {} },
    seed: async (core) => {
      const add = (artist: string, album: string, releaseDate: string, title: string) => {
        const albumId = core.catalog.upsertAlbum({ title: album, artist: { name: artist }, releaseDate });
        core.catalog.upsertTrack({ title, artist: { name: artist }, albumId, trackNumber: 1 });
      };
      add('Abba', 'Arrival', '1976-10-11', 'Dancing Queen');
      add('Cher', 'Believe', '1998-10-22', 'Strong Enough');
      add('Björk', 'Vespertine', '2001-08-27', 'Hidden Place');
      add('Abba', 'Voyage', '2021-11-05', 'I Still Have Faith in You');
      add('Abba', 'Super Trouper', '1980-11-03', 'The Winner Takes It All');
    },
  },
});

/** Which of `names` each row of the list shows, in the list's order. */
const shown = async (list: Locator, names: string[]) => (await list.getByRole('listitem').allInnerTexts()).map((t) => names.find((n) => t.includes(n)));
const ARTISTS = ['Abba', 'Björk', 'Cher'];
const ALBUMS = ['Arrival', 'Super Trouper', 'Voyage'];
const TRACKS = ['Dancing Queen', 'Strong Enough', 'Hidden Place', 'I Still Have Faith in You', 'The Winner Takes It All'];

test('sorts artists, an artist’s albums and tracks as asked', async ({ app }) => {
  await app.getByRole('link', { name: /^Library/ }).click();
  const artists = app.getByRole('list', { name: 'Artists' });
  await expect.poll(() => shown(artists, ARTISTS)).toEqual(['Abba', 'Björk', 'Cher']);
  await app.getByRole('combobox', { name: 'Sort artists' }).selectOption({ label: 'Oldest release' });
  await expect.poll(() => shown(artists, ARTISTS)).toEqual(['Cher', 'Björk', 'Abba']); // latest 1998, 2001, 2021

  await artists.getByRole('link', { name: /Abba/ }).click();
  const albums = app.getByRole('list', { name: 'Albums' });
  await expect.poll(() => shown(albums, ALBUMS)).toEqual(['Arrival', 'Super Trouper', 'Voyage']); // by year
  await app.getByRole('combobox', { name: 'Sort albums' }).selectOption({ label: 'Newest first' });
  await expect.poll(() => shown(albums, ALBUMS)).toEqual(['Voyage', 'Super Trouper', 'Arrival']);

  await app.getByRole('link', { name: 'Library', exact: true }).first().click();
  await app.getByRole('button', { name: 'Tracks', exact: true }).click();
  const tracks = app.getByRole('list', { name: 'Tracks' });
  await expect.poll(() => shown(tracks, TRACKS)).toEqual(['Dancing Queen', 'Hidden Place', 'I Still Have Faith in You', 'Strong Enough', 'The Winner Takes It All']);
  await app.getByRole('combobox', { name: 'Sort tracks' }).selectOption({ label: 'Recently added' });
  await expect.poll(() => shown(tracks, TRACKS)).toEqual(['The Winner Takes It All', 'I Still Have Faith in You', 'Hidden Place', 'Strong Enough', 'Dancing Queen']);
});

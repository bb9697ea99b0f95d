// Album covers in the Library: the picture embedded in an album's files shows in the artist's album tiles, the
// album's header and the artist's row, loaded from the host with a cover key (never the access token); an album
// without one keeps its placeholder.
import { join } from 'node:path';
import { makeTone } from '../test/support/audio';
import { embedPicture, makeImage, writeImage } from '../test/support/pictures';
import { expect, test } from './support/fixtures';
import { E2E_TOKEN } from './support/app';

test.use({
  cassetteOptions: {
    seed: async (core, dir) => {
      const artist = { name: 'Mara Lindqvist' };
      const embedded = await makeTone(join(dir, 'Mara', 'Salt Roads', '01 Harbour.mp3'), { seconds: 1, format: 'mp3' });
      await embedPicture(embedded, await makeImage({ width: 600, height: 600, format: 'jpeg', color: '#b8432f' }));
      const salt = core.catalog.upsertAlbum({ title: 'Salt Roads', artist, releaseDate: '2019-01-01' });
      core.catalog.upsertTrack({ title: 'Harbour', artist, albumId: salt, trackNumber: 1, localPath: embedded });
      const folder = await makeTone(join(dir, 'Mara', 'Low Light', '01 Ember.flac'), { seconds: 1, format: 'flac' });
      await writeImage(join(dir, 'Mara', 'Low Light', 'folder.jpg'), { width: 400, height: 400, format: 'jpeg', color: '#2f6fb8' });
      const low = core.catalog.upsertAlbum({ title: 'Low Light', artist, releaseDate: '2021-01-01' });
      core.catalog.upsertTrack({ title: 'Ember', artist, albumId: low, trackNumber: 1, localPath: folder });
      const bare = await makeTone(join(dir, 'Mara', 'Sketches', '01 Draft.mp3'), { seconds: 1, format: 'mp3' });
      const sketches = core.catalog.upsertAlbum({ title: 'Sketches', artist, releaseDate: '2023-01-01' });
      core.catalog.upsertTrack({ title: 'Draft', artist, albumId: sketches, trackNumber: 1, localPath: bare });
      core.events.catalogChanged();
    },
  },
});
test.afterEach(({ pageErrors }) => {
  // CSP violations and failed requests other than "no cover" show up here.
  expect(pageErrors).toEqual([]);
});

const loaded = (img: import('@playwright/test').Locator) => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth);

test('the album view shows the album’s embedded cover, fetched with a cover key', async ({ app }) => {
  await app.getByRole('link', { name: /^Library/ }).click();
  await app.getByRole('list', { name: 'Artists' }).getByRole('link', { name: /Mara Lindqvist/ }).click();
  await app.getByRole('link', { name: /Salt Roads/ }).click();
  const cover = app.getByRole('img', { name: 'Cover of Salt Roads by Mara Lindqvist' });
  await expect(cover).toBeVisible();
  await expect.poll(() => loaded(cover)).toBe(300);
  const src = (await cover.getAttribute('src'))!;
  expect(src).toMatch(/^\/v1\/covers\/album\/\d+\?size=300&key=[0-9a-z]+\.[\w-]+$/);
  expect(src).not.toContain(E2E_TOKEN);
  await expect(cover).toHaveAttribute('loading', 'lazy');
  const box = await cover.boundingBox();
  expect(box && Math.round(box.width)).toBe(Math.round(box!.height));
});

test('album tiles show each cover (embedded or folder.jpg) and a placeholder where there is none', async ({ app }) => {
  await app.getByRole('link', { name: /^Library/ }).click();
  await app.getByRole('list', { name: 'Artists' }).getByRole('link', { name: /Mara Lindqvist/ }).click();
  const tiles = app.getByRole('list', { name: 'Albums' });
  for (const title of ['Salt Roads', 'Low Light']) {
    const tile = tiles.getByRole('link', { name: new RegExp(title) });
    await expect(tile.locator('.album-cover')).toHaveAttribute('data-cover', 'loaded');
    expect(await loaded(tile.locator('img'))).toBe(300);
  }
  const bare = tiles.getByRole('link', { name: /Sketches/ });
  await expect(bare.locator('.album-cover')).toHaveAttribute('data-cover', 'none');
  await expect(bare.locator('img')).toHaveCount(0);
  await expect(bare.locator('.album-cover svg')).toBeVisible();
  // The tiles keep one size with and without a cover.
  const sizes = await tiles.locator('.album-cover').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().height)));
  expect(new Set(sizes).size).toBe(1);
});

test('the artist row shows the cover of their first album on disk', async ({ app }) => {
  await app.getByRole('link', { name: /^Library/ }).click();
  const row = app.getByRole('list', { name: 'Artists' }).getByRole('link', { name: /Mara Lindqvist/ });
  await expect(row.locator('.album-cover')).toHaveAttribute('data-cover', 'loaded');
  expect(await loaded(row.locator('img'))).toBe(96);
});

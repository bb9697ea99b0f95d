// The Playlists page with a signed-in Spotify account (the emulator): owned, collaborative and followed
// playlists listed with their track counts, and one analysed from its dashboard.
import { expect, test as cassetteTest } from './support/fixtures';
import { signInOnPage, spotifySandbox, type SpotifySandbox } from './support/spotify';

const test = cassetteTest.extend<object, { spotify: SpotifySandbox }>({
  spotify: [
    async ({}, use) => {
      const s = await spotifySandbox({ likes: 10, playlists: 2, itemsPerPlaylist: 6 });
      try {
        await use(s);
      } finally {
        await s.close();
      }
    },
    { scope: 'worker' },
  ],
  cassetteOptions: [async ({ spotify }, use) => use({ core: spotify.core }), { scope: 'worker' }],
});

test('lists the account playlists and analyses one', async ({ app: page, spotify, pageErrors }) => {
  await signInOnPage(page, spotify.emu, 'main', 'alice');
  await page.getByRole('link', { name: 'Playlists' }).click();
  const list = page.getByRole('list', { name: 'Playlists', exact: true });
  await expect(list.getByRole('listitem')).toHaveCount(4);
  await expect(list).toContainText('Road trip');
  await expect(list).toContainText('Carol’s picks');
  await expect(page.getByRole('note')).toBeHidden();

  await list.getByRole('button', { name: 'Download Missing Tracks: Playlist 0' }).click();
  const dialog = page.getByRole('dialog', { name: /Playlist 0/ });
  await dialog.getByRole('button', { name: 'Begin Search' }).click();
  await expect(dialog.getByText(/Analysis finished/)).toBeVisible();
  const total = Number(await dialog.getByRole('list', { name: 'Playlist counters' }).getByRole('listitem', { name: /^Total tracks/ }).locator('.stat-value').textContent());
  expect(total).toBeGreaterThan(0);
  await expect(dialog.getByRole('table', { name: 'Playlist tracks' }).getByRole('row')).not.toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(list.getByRole('listitem').filter({ hasText: 'Playlist 0' })).toContainText('to download');
  expect(pageErrors).toEqual([]);
});

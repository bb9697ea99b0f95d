// "Keep my likes": turned on in Settings → Spotify, Liked Songs become a playlist of the Playlists page whose
// missing tracks are checked and queued from its dashboard like any other.
import { expect, test as cassetteTest } from './support/fixtures';
import { signInOnPage, spotifySandbox, type SpotifySandbox } from './support/spotify';

const test = cassetteTest.extend<object, { spotify: SpotifySandbox }>({
  spotify: [
    async ({}, use) => {
      const s = await spotifySandbox({ likes: 8, playlists: 1, itemsPerPlaylist: 4 });
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

test('Keep my likes in Settings lists Liked Songs on the Playlists page, and their dashboard queues the missing ones', async ({ app: page, spotify, pageErrors }) => {
  await signInOnPage(page, spotify.emu, 'main', 'alice');
  await page.getByRole('link', { name: 'Playlists' }).click();
  const list = page.getByRole('list', { name: 'Playlists', exact: true });
  await expect(list).toContainText('Playlist 0');
  await expect(list).not.toContainText('Liked Songs');

  await page.evaluate(() => (window.location.hash = '#/settings/spotify'));
  const keep = page.getByRole('checkbox', { name: 'Keep my likes' });
  await expect(keep).not.toBeChecked();
  await keep.check();
  const form = page.locator('form').filter({ has: keep });
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved. In use now.');

  await page.getByRole('link', { name: 'Playlists' }).click();
  await expect(list.getByRole('listitem').first()).toContainText('Liked Songs');
  await expect(list.getByRole('listitem').first()).toContainText('8 tracks');
  await list.getByRole('button', { name: 'Download Missing Tracks: Liked Songs' }).click();
  const dialog = page.getByRole('dialog', { name: /Liked Songs/ });
  await dialog.getByRole('button', { name: 'Begin Search' }).click();
  await expect(dialog.getByText(/Analysis finished/)).toBeVisible();
  await expect(dialog.getByRole('list', { name: 'Playlist counters' }).getByRole('listitem', { name: /^To download/ })).toContainText('8');
  await expect(dialog.getByText(/8 queued/)).toBeVisible();
  expect(pageErrors).toEqual([]);
});

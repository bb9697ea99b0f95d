// Settings for the library servers in a browser, against the Plex emulator: Test connection with what is typed (a
// refused token says exactly that, the right one connects), Save puts the address in cassette.toml and the token
// in the secret store, a reload shows it saved, and the owned-check can then be pointed at Plex.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { settingsPath } from '../src/main/config';
import { pathsFor } from '../src/main/core';
import { startPlexEmulator, type PlexEmulator } from '../test/emulators/plex';
import { expect, test as cassetteTest } from './support/fixtures';

const TOKEN = 'plex-e2e-token';

const test = cassetteTest.extend<object, { plex: PlexEmulator }>({
  plex: [
    async ({}, use) => {
      const plex = await startPlexEmulator({
        token: TOKEN,
        sections: [
          { key: '1', title: 'Films', type: 'movie' },
          { key: '2', title: 'Music', type: 'artist', tracks: [{ title: 'Harbour Lights', artist: 'Nina Vale', album: 'Tidewater', durationSec: 200 }] },
        ],
      });
      try {
        await use(plex);
      } finally {
        await plex.close();
      }
    },
    { scope: 'worker' },
  ],
});
test.use({ cassetteOptions: { core: { env: {}, connectionTestTimeoutMs: 3_000 } } });
// One host for the file: the later steps build on what the earlier ones saved.
test.describe.configure({ mode: 'serial' });

const plexSection = (page: Page) => page.getByRole('region', { name: 'Plex' });
const openPlexSettings = async (page: Page) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Plex' }).click();
  await expect(plexSection(page)).toBeVisible();
  return plexSection(page);
};

test('the library servers are one group of the Settings sections', async ({ app }) => {
  await openPlexSettings(app);
  const group = app.getByRole('navigation', { name: 'Settings sections' }).getByRole('list', { name: 'Library servers' });
  await expect(group.getByRole('link')).toHaveText(['Owned-check', 'Plex', 'Jellyfin', 'Navidrome / Subsonic']);
  await expect(app).toHaveURL(/#\/settings\/plex$/);
});

test('Test connection: a refused token says so exactly, the right one connects to the music library', async ({ app, plex }) => {
  const section = await openPlexSettings(app);
  await section.getByRole('textbox', { name: 'Plex address' }).fill(plex.url);
  await section.getByLabel('Plex token').fill('not-the-token');
  await section.getByRole('button', { name: 'Test connection' }).click();
  const result = section.getByRole('status').filter({ hasText: 'Key refused' });
  await expect(result).toHaveText(`Key refusedPlex at ${plex.url} refused the token: check the Plex token (or PLEX_TOKEN).`);
  await expect(result).not.toContainText('not-the-token');

  await section.getByLabel('Plex token').fill(TOKEN);
  await section.getByRole('button', { name: 'Test connection' }).click();
  await expect(section.getByRole('status').filter({ hasText: 'Connected' })).toHaveText('ConnectedConnected to Plex: music library "Music".');
});

test('an address where nothing answers is "Unreachable", with the address', async ({ app }) => {
  const section = await openPlexSettings(app);
  await section.getByRole('textbox', { name: 'Plex address' }).fill('http://127.0.0.1:9');
  await section.getByLabel('Plex token').fill(TOKEN);
  await section.getByRole('button', { name: 'Test connection' }).click();
  await expect(section.getByRole('status').filter({ hasText: 'Unreachable' })).toContainText('Cannot reach Plex at http://127.0.0.1:9');
});

test('Save: the address to cassette.toml, the token to the secret store; a reload shows it saved and it is in use', async ({ app, cassette, plex }) => {
  const section = await openPlexSettings(app);
  await section.getByRole('textbox', { name: 'Plex address' }).fill(plex.url);
  await section.getByLabel('Plex token').fill(TOKEN);
  await section.getByRole('button', { name: 'Save' }).click();
  await expect(section.getByText('Saved. In use now.')).toBeVisible();

  const toml = await readFile(settingsPath(pathsFor(cassette.dataDir)), 'utf8');
  expect(toml).toContain(`[plex]\nurl = "${plex.url}"`);
  expect(toml).not.toContain(TOKEN);
  const secrets = JSON.parse(await readFile(join(cassette.dataDir, 'headless-secrets.json'), 'utf8')) as Record<string, string>;
  expect(secrets['plex.token']).toBe(TOKEN);
  // In use without a restart: the core's Plex connector is the saved one.
  expect((await cassette.core.libraryConnector('plex')).origin).toBe(plex.url);

  await app.reload();
  const reloaded = await openPlexSettings(app);
  await expect(reloaded.getByRole('textbox', { name: 'Plex address' })).toHaveValue(plex.url);
  await expect(reloaded.getByLabel('Plex token')).toHaveValue('');
  await expect(reloaded.getByLabel('Plex token')).toHaveAttribute('placeholder', 'Saved — type to replace');
  // Nothing typed: the test uses the saved address and the stored token.
  await reloaded.getByRole('button', { name: 'Test connection' }).click();
  await expect(reloaded.getByRole('status').filter({ hasText: 'Connected' })).toContainText('music library "Music"');
});

test('the owned-check can read Plex once it is set up, and stays so after a reload', async ({ app, cassette }) => {
  await openPlexSettings(app);
  const owned = app.getByRole('region', { name: 'Owned-check' });
  const select = owned.getByRole('combobox', { name: 'Check playlists against' });
  await expect(select.getByRole('option', { name: 'Plex', exact: true })).toHaveCount(1);
  await expect(select.getByRole('option', { name: 'Jellyfin (not set up)' })).toHaveCount(1);
  await select.selectOption('plex');
  await owned.getByRole('button', { name: 'Save' }).click();
  await expect(owned.getByText('Saved. In use now.')).toBeVisible();
  expect((await cassette.core.libraryConnector()).name).toBe('plex');
  await app.reload();
  await expect(app.getByRole('region', { name: 'Owned-check' }).getByRole('combobox', { name: 'Check playlists against' })).toHaveValue('plex');
});

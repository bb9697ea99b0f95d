// The MP3 tag version on the Settings page: a clear choice between ID3v2.4 and ID3v2.3, saved into cassette.toml
// and in use at once; locked (and saying why) when CASSETTE_ID3_VERSION sets it.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { settingsPath } from '../src/main/config';
import { pathsFor } from '../src/main/core';
import { expect, test } from './support/fixtures';

test.use({ cassetteOptions: { core: { env: {} } } });

const V24 = 'ID3v2.4 (modern)';
const V23 = 'ID3v2.3 (older players, car stereos)';
const foldersCard = (page: Page) => page.getByRole('region', { name: 'Folders and downloads' });

test('chooses ID3v2.3, saves it to [library] id3_version, and it is still chosen after a reload', async ({ app, cassette, pageErrors }) => {
  await app.evaluate(() => (window.location.hash = '#/settings/folders'));
  const card = foldersCard(app);
  const tags = card.getByRole('group', { name: 'MP3 tags' });
  await expect(tags.getByRole('radio', { name: V24 })).toBeChecked();
  await expect(tags.getByText('Several artists share one field, joined with "/".')).toBeVisible();
  await tags.getByRole('radio', { name: V23 }).check();
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(card.getByText('Saved. In use now.')).toBeVisible();
  expect((await cassette.core.handlers['settings.get']({})).tags.id3Version).toBe('2.3');
  expect(await readFile(settingsPath(pathsFor(cassette.core.paths.dataDir)), 'utf8')).toContain('id3_version = "2.3"');

  await app.reload();
  await expect(foldersCard(app).getByRole('radio', { name: V23 })).toBeChecked();
  await foldersCard(app).getByRole('radio', { name: V24 }).check();
  await foldersCard(app).getByRole('button', { name: 'Save' }).click();
  await expect(foldersCard(app).getByText('Saved. In use now.')).toBeVisible();
  expect((await cassette.core.handlers['settings.get']({})).tags.id3Version).toBe('2.4');
  expect(pageErrors).toEqual([]);
});

test('is locked when the environment sets it', async ({ page, startCassette }) => {
  const locked = await startCassette({ core: { env: { CASSETTE_ID3_VERSION: '2.3' } } });
  await page.goto(locked.openUrl);
  await page.evaluate(() => (window.location.hash = '#/settings/folders'));
  const tags = foldersCard(page).getByRole('group', { name: 'MP3 tags' });
  await expect(tags.getByRole('radio', { name: V23 })).toBeChecked();
  await expect(tags.getByRole('radio', { name: V23 })).toBeDisabled();
  await expect(tags.getByRole('radio', { name: V24 })).toBeDisabled();
  await expect(tags.getByText('Set by CASSETTE_ID3_VERSION in the environment; change it there.')).toBeVisible();
});

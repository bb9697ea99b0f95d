// The Library in a browser: artists → albums → tracks, search, a missing track's Download, statuses changing
// live, and a folder import with a corrupt file that is skipped with its reason.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { makeTone } from '../test/support/audio';
import { expect, test } from './support/fixtures';
import { seedDownloadedTracks } from './support/seed';

let folder = '';
let missingId = 0;
test.use({
  cassetteOptions: {
    core: { env: {} },
    seed: async (core, dir) => {
      await seedDownloadedTracks(core, dir, 6, { artists: 2 });
      const albumId = core.catalog.upsertAlbum({ title: 'Open Weather', artist: { name: 'Ada Okafor' }, trackCount: 2 });
      core.catalog.upsertTrack({ title: 'Northerly', artist: { name: 'Ada Okafor' }, albumId, trackNumber: 1, durationSec: 200 });
      missingId = core.catalog.upsertTrack({ title: 'Rain Theory', artist: { name: 'Ada Okafor' }, albumId, trackNumber: 2, durationSec: 200 });
      folder = join(dir, 'Import');
      await makeTone(join(folder, 'Glass Harbour', 'Tidal Maps', '01 Harbour Lights.mp3'), { seconds: 1, format: 'mp3' });
      const noise = Buffer.alloc(32 * 1024);
      for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
      await writeFile(join(folder, 'corrupt.mp3'), noise);
    },
  },
});
// One catalog for the file: the Download of one step is still queued in the next, the import comes last.
test.describe.configure({ mode: 'serial' });
test.beforeEach(async ({ app }) => {
  await app.getByRole('link', { name: /^Library/ }).click();
});

const openAlbum = async (page: Page) => {
  await page.getByRole('list', { name: 'Artists' }).getByRole('link', { name: /Ada Okafor/ }).click();
  await expect(page.getByRole('heading', { name: 'Ada Okafor', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: /Open Weather/ }).click();
  await expect(page.getByRole('heading', { name: 'Open Weather', level: 1 })).toBeVisible();
};

test('browses from an artist to an album and shows each track with its status', async ({ app }) => {
  await openAlbum(app);
  const tracks = app.getByRole('list', { name: 'Tracks' });
  await expect(tracks.getByText('Rain Theory')).toBeVisible();
  await expect(app.getByText('0 of 2 on disk · 2 missing')).toHaveCount(1);
  await expect(tracks.getByText('Missing')).toHaveCount(2);
  // Reveal in folder is desktop-only: nothing offers it in the browser.
  await expect(app.getByRole('button', { name: /^Reveal/ })).toHaveCount(0);
});

test('queues a missing track with Download, and its status follows the queue live', async ({ app, cassette }) => {
  const { core } = cassette;
  await openAlbum(app);
  await app.getByRole('button', { name: 'Download Rain Theory by Ada Okafor' }).click();
  const row = app.getByLabel('Rain Theory by Ada Okafor', { exact: true });
  await expect(row.getByText('Queued', { exact: true })).toBeVisible();
  // The core moves on without the page asking: downloading, then failed with its reason.
  core.catalog.setStatus(missingId, 'downloading');
  core.events.catalogChanged();
  await expect(row.getByText('Downloading', { exact: true })).toBeVisible();
  core.catalog.markFailed(missingId, 'not_found', 'Nobody shares this track in an accepted format', null);
  core.events.catalogChanged();
  await expect(row.getByText('Nobody shares this track in an accepted format')).toBeVisible();
  await expect(row.getByRole('button', { name: 'Download Rain Theory by Ada Okafor' })).toBeVisible();
});

test('searches tracks by title', async ({ app }) => {
  await app.getByRole('button', { name: 'Tracks', exact: true }).click();
  const list = app.getByRole('list', { name: 'Tracks' });
  await expect(list.getByText('Rain Theory')).toBeVisible();
  await app.getByRole('searchbox', { name: 'Search the library' }).fill('northerly');
  await expect(list.getByText('Northerly')).toBeVisible();
  await expect(list.getByRole('listitem')).toHaveCount(1);
});

test('imports a folder with a corrupt file: the file is skipped with its reason', async ({ app }) => {
  await app.getByRole('textbox', { name: 'Music folder' }).fill(folder);
  await app.getByRole('button', { name: 'Import' }).click();
  const report = app.getByRole('status').filter({ hasText: 'Imported 1 track' });
  await expect(report).toBeVisible();
  await expect(report.getByRole('list', { name: 'Import summary' })).toHaveText('1 new0 updated0 unchanged1 skipped');
  await report.getByText(/1 file skipped/).click();
  await expect(report.getByText(/corrupt\.mp3/)).toHaveCount(1);
  await expect(report.getByText(/not readable audio|does not decode/)).toHaveCount(1);
});

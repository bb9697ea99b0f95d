// The Library in a browser: artists → albums → tracks, search, a missing track's Download, statuses changing
// live, and a folder import with a corrupt file that is skipped with its reason.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTone } from '../test/support/audio';
import { seedDownloadedTracks } from './support/seed';
import { startApp, type App } from './support/app';

let app: App;
let folder: string;
let missingId: number;

beforeAll(async () => {
  app = await startApp({
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
  });
  await app.page.getByRole('link', { name: /^Library/ }).click();
});
afterAll(async () => app?.close());

describe('library browsing', () => {
  it('browses from an artist to an album and shows each track with its status', async () => {
    const { page } = app;
    const artists = page.getByRole('list', { name: 'Artists' });
    await artists.getByRole('link', { name: /Ada Okafor/ }).click();
    await page.getByRole('heading', { name: 'Ada Okafor', level: 1 }).waitFor();
    await page.getByRole('link', { name: /Open Weather/ }).click();
    await page.getByRole('heading', { name: 'Open Weather', level: 1 }).waitFor();
    const tracks = page.getByRole('list', { name: 'Tracks' });
    await tracks.getByText('Rain Theory').waitFor();
    expect(await page.getByText('0 of 2 on disk · 2 missing').count()).toBe(1);
    expect(await tracks.getByText('Missing').count()).toBe(2);
    // Reveal in folder is desktop-only: nothing offers it in the browser.
    expect(await page.getByRole('button', { name: /^Reveal/ }).count()).toBe(0);
  });

  it("queues a missing track with Download, and its status follows the queue live", async () => {
    const { page, core } = app;
    await page.getByRole('button', { name: 'Download Rain Theory by Ada Okafor' }).click();
    const row = page.getByLabel('Rain Theory by Ada Okafor', { exact: true });
    await row.getByText('Queued', { exact: true }).waitFor();
    // The core moves on without the page asking: downloading, then failed with its reason.
    core.catalog.setStatus(missingId, 'downloading');
    core.events.catalogChanged();
    await row.getByText('Downloading', { exact: true }).waitFor();
    core.catalog.markFailed(missingId, 'not_found', 'Nobody shares this track in an accepted format', null);
    core.events.catalogChanged();
    await row.getByText('Nobody shares this track in an accepted format').waitFor();
    await row.getByRole('button', { name: 'Download Rain Theory by Ada Okafor' }).waitFor();
  });

  it('searches tracks by title', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Library', exact: true }).first().click();
    await page.getByRole('button', { name: 'Tracks', exact: true }).click();
    await page.getByRole('searchbox', { name: 'Search the library' }).fill('northerly');
    const list = page.getByRole('list', { name: 'Tracks' });
    await list.getByText('Northerly').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[aria-label="Tracks"] [role="listitem"]').length === 1);
  });

  it('imports a folder with a corrupt file: the file is skipped with its reason', async () => {
    const { page } = app;
    await page.getByRole('textbox', { name: 'Music folder' }).fill(folder);
    await page.getByRole('button', { name: 'Import' }).click();
    const report = page.getByRole('status').filter({ hasText: 'Imported 1 track' });
    await report.waitFor();
    const summary = report.getByRole('list', { name: 'Import summary' });
    expect((await summary.textContent())?.replace(/\s+/g, ' ')).toBe('1 new0 updated0 unchanged1 skipped');
    await report.getByText(/1 file skipped/).click();
    expect(await report.getByText(/corrupt\.mp3/).count()).toBe(1);
    expect(await report.getByText(/not readable audio|does not decode/).count()).toBe(1);
  });
});

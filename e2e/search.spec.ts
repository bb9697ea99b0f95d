// The Search page against the slskd emulator: search, see albums and singles, filter, open an album, Download a
// single, and watch it land in Downloads under Finished — the peer's exact file, no second search.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSlskdSource } from '../src/main/sources';
import { flac, mp3, peer, startSlskdEmulator, type SlskdEmulator } from '../test/emulators/slskd';
import { expect, test as cassetteTest } from './support/fixtures';

const SECONDS = 3;
const API_KEY = 'e2e-search-key';
const MP3_SINGLE = 'Music\\Singles\\Glass Harbour - Harbour Lights.mp3';

const test = cassetteTest.extend<{ soulseek: { emu: SlskdEmulator; downloadsDir: string } }>({
  soulseek: async ({}, use) => {
    const root = await mkdtemp(join(tmpdir(), 'cassette-e2e-search-'));
    const downloadsDir = join(root, 'slskd-downloads');
    await mkdir(downloadsDir, { recursive: true });
    const vinyl = peer('vinylhoarder', { uploadSpeed: 4_000_000 })
      .file('@@music\\Glass Harbour\\Glass Harbour - Tidal Maps (2019)\\01 - Harbour Lights.flac', flac(SECONDS))
      .file('@@music\\Glass Harbour\\Glass Harbour - Tidal Maps (2019)\\02 - Salt Roads.flac', flac(SECONDS));
    const single = peer('mp3peer', { uploadSpeed: 300_000, hasFreeUploadSlot: false, queueLength: 3 }).file(MP3_SINGLE, mp3(SECONDS));
    const emu = await startSlskdEmulator({ downloadsDir, apiKey: API_KEY, peers: [vinyl, single], searchDelayMs: 300, transferBytesPerSec: 200_000 });
    try {
      await use({ emu, downloadsDir });
    } finally {
      await emu.close();
      await rm(root, { recursive: true, force: true });
    }
  },
});

test('search, see albums and singles, filter, download a single and watch it finish', async ({ page, soulseek, startCassette }) => {
  const source = createSlskdSource({
    baseUrl: soulseek.emu.url, apiKey: API_KEY, downloadsDir: soulseek.downloadsDir, pollMs: 100, searchTimeoutMs: 800, stallMs: 20_000,
    budget: { maxSearches: 100, windowMs: 60_000, minGapMs: 100 },
  });
  const cassette = await startCassette({ core: { sources: { slskd: source }, defaultSource: 'slskd', runQueue: true, reconcileOnStart: false } });
  await page.goto(cassette.openUrl);
  await page.getByRole('link', { name: /^Search/ }).click();
  await expect(page.getByRole('heading', { name: 'Search', level: 1 })).toBeVisible();

  await page.getByRole('searchbox', { name: 'Search Soulseek' }).fill('glass harbour');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Searching Soulseek' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '1 album and 1 single for “glass harbour”' })).toBeVisible({ timeout: 15_000 });

  // The album: the folder read as artist, album and year; opened, its tracks.
  const album = page.getByRole('article', { name: 'Tidal Maps by Glass Harbour' });
  await expect(album).toContainText('Glass Harbour · 2019');
  await expect(album).toContainText('FLAC 16-bit');
  await expect(album).toContainText('vinylhoarder');
  await album.getByRole('button', { name: /Tidal Maps/, expanded: false }).click();
  const tracks = album.getByRole('list', { name: 'Tracks of Tidal Maps by Glass Harbour' });
  await expect(tracks.getByRole('group')).toHaveCount(2);
  await expect(tracks.getByRole('group', { name: 'Salt Roads' })).toBeVisible();
  await expect(album.getByRole('button', { name: 'Download album: Tidal Maps by Glass Harbour' })).toBeVisible();
  // Matched album download opens the artist modal, which also offers the plain download (closing it starts that
  // one); "Don't download" closes it with nothing queued.
  await album.getByRole('button', { name: /Matched album download/ }).click();
  const modal = page.getByRole('dialog');
  await expect(modal).toBeVisible();
  await expect(modal.getByRole('button', { name: 'Download without matching' })).toBeVisible();
  await expect(modal).toContainText('Closing starts a normal download that stays in your downloads folder.');
  await modal.getByRole('button', { name: "Don't download" }).click();
  await expect(modal).toBeHidden();
  await expect(album.getByRole('button', { name: 'Download album: Tidal Maps by Glass Harbour' })).toBeEnabled();

  // Filters: lossless only leaves the album and no single.
  await page.getByRole('combobox', { name: 'Minimum quality' }).selectOption('lossless');
  await expect(page.getByRole('status').filter({ hasText: '1 album and 0 singles' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Minimum quality' }).selectOption('any');
  await page.getByRole('group', { name: 'Formats' }).getByRole('button', { name: 'MP3' }).click();
  await expect(page.getByRole('status').filter({ hasText: '0 albums and 1 single' })).toBeVisible();

  await page.getByRole('tab', { name: /^Singles/ }).click();
  const single = page.getByRole('list', { name: 'Singles' }).getByRole('group', { name: 'Harbour Lights by Glass Harbour' });
  await expect(single).toContainText('MP3 320');
  await expect(single).toContainText('mp3peer');
  await expect(single).toContainText('queue 3');
  await single.getByRole('button', { name: 'Download: Harbour Lights by Glass Harbour', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Queued “Harbour Lights”' })).toBeVisible();
  await expect(single.getByRole('button', { name: 'Queued: Harbour Lights by Glass Harbour' })).toBeDisabled();

  await page.getByRole('link', { name: /^Downloads/ }).click();
  await page.getByRole('tab', { name: /^Finished/ }).click();
  const finished = page.getByRole('list', { name: 'Finished downloads' }).getByRole('listitem', { name: 'Harbour Lights by Glass Harbour' });
  await expect(finished).toContainText('Done', { timeout: 30_000 });
  expect(soulseek.emu.transfers().map((t) => [t.username, t.filename])).toEqual([['mp3peer', MP3_SINGLE]]);
  expect(soulseek.emu.counters.searchPosts).toBe(1);
});

test('without slskd set up, the page says so and links to its settings', async ({ page, startCassette }) => {
  const cassette = await startCassette({ core: { env: {}, reconcileOnStart: false } });
  await page.goto(cassette.openUrl);
  await page.getByRole('link', { name: /^Search/ }).click();
  await expect(page.getByRole('heading', { name: 'Soulseek is not set up' })).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Search Soulseek' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Open Soulseek settings' }).click();
  await expect(page).toHaveURL(/#\/settings\/slskd$/);
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
});

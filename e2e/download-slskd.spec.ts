// The queue running for real: a missing track is queued by "Reconcile now", waits while downloads are paused,
// and after "Resume all" comes through the slskd emulator (search, transfer, validation, move into the library)
// — the Downloads page shows it go from Queued to Done under Finished, and the counters follow.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSlskdSource } from '../src/main/sources';
import { flac, peer, startSlskdEmulator, type SlskdEmulator } from '../test/emulators/slskd';
import { expect, test as cassetteTest } from './support/fixtures';

const SECONDS = 3;
const API_KEY = 'e2e-slskd-key';

interface Soulseek {
  emu: SlskdEmulator;
  downloadsDir: string;
}

const test = cassetteTest.extend<{ soulseek: Soulseek }>({
  soulseek: async ({}, use) => {
    const root = await mkdtemp(join(tmpdir(), 'cassette-e2e-slskd-'));
    const downloadsDir = join(root, 'slskd-downloads');
    await mkdir(downloadsDir, { recursive: true });
    const vinyl = peer('vinylhoarder', { uploadSpeed: 4_000_000 });
    vinyl.file('@@music\\Glass Harbour\\Tidal Maps\\01 - Glass Harbour - Harbour Lights.flac', flac(SECONDS));
    // Slow enough that the transfer is seen running, fast enough for a short test.
    const emu = await startSlskdEmulator({ downloadsDir, apiKey: API_KEY, peers: [vinyl], searchDelayMs: 100, transferBytesPerSec: 150_000 });
    try {
      await use({ emu, downloadsDir });
    } finally {
      await emu.close();
      await rm(root, { recursive: true, force: true });
    }
  },
});

test('a missing track goes from Queued to Done under Finished, downloaded through slskd', async ({ page, soulseek, startCassette }) => {
  const source = createSlskdSource({
    baseUrl: soulseek.emu.url, apiKey: API_KEY, downloadsDir: soulseek.downloadsDir, pollMs: 100, searchTimeoutMs: 1_000, stallMs: 20_000,
    budget: { maxSearches: 100, windowMs: 60_000, minGapMs: 100 },
  });
  const cassette = await startCassette({
    // The queue runs (as in the app); nothing is queued at start, so the page sees the request arrive.
    core: { sources: { slskd: source }, defaultSource: 'slskd', runQueue: true, reconcileOnStart: false },
    seed: (core) => {
      const albumId = core.catalog.upsertAlbum({ title: 'Tidal Maps', artist: { name: 'Glass Harbour' }, trackCount: 1 });
      core.catalog.upsertTrack({ title: 'Harbour Lights', artist: { name: 'Glass Harbour' }, albumId, trackNumber: 1, durationSec: SECONDS });
    },
  });
  await page.goto(cassette.openUrl);
  const counters = page.getByRole('region', { name: 'Collection' });
  await expect(counters.getByRole('listitem', { name: 'Missing: 1', exact: true })).toBeVisible();

  // Paused, the request waits in the queue where the page can see it.
  await page.getByRole('button', { name: 'Pause all' }).click();
  await expect(page.getByRole('button', { name: 'Resume all' })).toBeVisible();
  await page.getByRole('button', { name: 'Reconcile now' }).click();
  await expect(page.getByRole('status').filter({ hasText: '1 track queued for download' })).toBeVisible();

  await page.getByRole('link', { name: /^Downloads/ }).click();
  await page.getByRole('tab', { name: /^Queued/ }).click();
  const name = 'Harbour Lights by Glass Harbour';
  const queued = page.getByRole('list', { name: 'Queued downloads' }).getByRole('listitem', { name });
  await expect(queued).toContainText('Queued');
  expect(soulseek.emu.counters.searchPosts).toBe(0);

  await page.getByRole('button', { name: 'Resume all' }).click();
  await expect(queued).toHaveCount(0);

  await page.getByRole('tab', { name: /^Finished/ }).click();
  const finished = page.getByRole('list', { name: 'Finished downloads' }).getByRole('listitem', { name });
  await expect(finished).toContainText('Done', { timeout: 30_000 });

  // The file is in the library under the matched layout, and the catalog says so.
  const filed = join(cassette.dataDir, 'Library', 'Glass Harbour', 'Glass Harbour - Tidal Maps', '01 Harbour Lights.flac');
  expect(existsSync(filed)).toBe(true);
  expect(soulseek.emu.counters.searchPosts).toBeGreaterThan(0);
  await page.getByRole('link', { name: /^Dashboard/ }).click();
  await expect(counters.getByRole('listitem', { name: 'Downloaded: 1', exact: true })).toBeVisible();
  await expect(counters.getByRole('listitem', { name: 'Missing: 0', exact: true })).toBeVisible();
});

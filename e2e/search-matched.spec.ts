// Matched Download from the Search page, end to end: search Soulseek, open the artist modal from a single, see
// five suggestions with images and percentages, search an artist and pick it, watch the row run in Downloads and
// land in Finished, and find the peer's file under Transfer named after the Spotify track it matched.
// The slskd peer `alice` shares "@@music\singles\Nina Vale - Low Tide.mp3"; the Spotify world has "Low Tide" as
// track 3 of Nina Vale's album "Tidewater" (test/support/matchedWorld.ts), so the file is Transfer's
// "Nina Vale/Nina Vale - Tidewater/03 Low Tide.mp3".
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSlskdSource } from '../src/main/sources';
import { signIn } from '../test/support/spotify';
import { expect } from './support/fixtures';
import { matchedServicesTest } from './support/matchedServices';

const API_KEY = 'e2e-search-matched-key';
const PEER_FILE = '@@music\\singles\\Nina Vale - Low Tide.mp3';
const SHOTS = fileURLToPath(new URL('../screenshots', import.meta.url));

// Slow enough that the row is seen running on the Active tab before it finishes.
const test = matchedServicesTest({ apiKey: API_KEY, searchDelayMs: 100, transferBytesPerSec: 30_000 });

test('Search → Matched Download → five suggestions → search and pick an artist → Finished, filed under Transfer', async ({ page, services, startCassette }) => {
  const source = createSlskdSource({
    baseUrl: services.slskd.url, apiKey: API_KEY, downloadsDir: services.downloadsDir, pollMs: 50, searchTimeoutMs: 500, stallMs: 20_000,
    budget: { maxSearches: 100, windowMs: 60_000, minGapMs: 0 },
  });
  const cassette = await startCassette({
    core: {
      sources: { slskd: source }, defaultSource: 'slskd', runQueue: true, reconcileOnStart: false,
      env: { SPOTIFY_CLIENT_ID: services.spotify.clientId, SPOTIFY_ACCOUNTS_BASE: services.spotify.accountsBase, SPOTIFY_API_BASE: services.spotify.apiBase },
    },
  });
  await signIn(await cassette.core.spotify(), services.spotify, 'main', 'alice');

  await page.goto(cassette.openUrl);
  await page.getByRole('link', { name: /^Search/ }).click();
  await page.getByRole('searchbox', { name: 'Search Soulseek' }).fill('low tide');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /1 single for “low tide”/ })).toBeVisible({ timeout: 15_000 });
  await page.getByRole('tab', { name: /^Singles/ }).click();
  const single = page.getByRole('list', { name: 'Singles' }).getByRole('group', { name: 'Low Tide by Nina Vale' });
  await expect(single).toContainText('alice');
  await single.getByRole('button', { name: 'Matched Download: Low Tide by Nina Vale' }).click();

  // Five artists, best first, each with a percentage; images arrive as data: URLs, the rest show an initial.
  const dialog = page.getByRole('dialog', { name: 'Which artist is this?' });
  await expect(dialog).toBeVisible();
  const suggested = dialog.getByRole('list', { name: 'Suggested artists' });
  const options = suggested.getByRole('button');
  await expect(options).toHaveCount(5);
  await expect(options.first()).toHaveAccessibleName(/^Nina Vale, \d+ % match$/);
  for (let i = 0; i < 5; i++) await expect(options.nth(i)).toHaveAccessibleName(/, \d+ % match$/);
  await expect(suggested.locator('img[src^="data:image/jpeg;base64,"]')).not.toHaveCount(0);
  await expect(suggested.locator('.artist-initial')).not.toHaveCount(0);

  // Search an artist by name and pick it from the results.
  await dialog.getByRole('searchbox', { name: 'Search artists' }).fill('nina');
  const results = dialog.getByRole('list', { name: 'Artist search results' });
  await expect(results.getByRole('button')).toHaveCount(1);
  await results.getByRole('button', { name: /^Nina Vale/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Downloading Low Tide as Nina Vale' })).toBeVisible();

  // The row runs (with its progress) and lands in Finished.
  await page.getByRole('link', { name: /^Downloads/ }).click();
  await page.getByRole('tab', { name: /^Active/ }).click();
  const active = page.getByRole('list', { name: 'Active downloads' }).getByRole('listitem', { name: 'Low Tide by Nina Vale' });
  await expect(active.getByRole('progressbar', { name: 'Download progress for Low Tide by Nina Vale' })).toBeVisible({ timeout: 15_000 });
  await page.getByRole('tab', { name: /^Finished/ }).click();
  const finished = page.getByRole('list', { name: 'Finished downloads' }).getByRole('listitem', { name: 'Low Tide by Nina Vale' });
  await expect(finished).toContainText('Done', { timeout: 30_000 });

  // The peer's exact file was fetched once, with no second search, and filed under its Spotify album.
  expect(services.slskd.transfers().map((t) => [t.username, t.filename])).toEqual([['alice', PEER_FILE]]);
  expect(services.slskd.counters.searchPosts).toBe(1);
  const folder = join(cassette.dataDir, 'Transfer', 'Nina Vale', 'Nina Vale - Tidewater');
  const target = join(folder, '03 Low Tide.mp3');
  expect(existsSync(target)).toBe(true);
  expect(existsSync(join(folder, 'cover.jpg'))).toBe(true);
  const { items } = cassette.core.queue.list({ view: 'all' });
  expect(items.map((r) => [r.status, r.destination_path])).toEqual([['completed', target]]);
});

test('closing the modal without a pick downloads normally; "Don\'t download" queues nothing', async ({ page, services, startCassette }) => {
  const source = createSlskdSource({
    baseUrl: services.slskd.url, apiKey: API_KEY, downloadsDir: services.downloadsDir, pollMs: 50, searchTimeoutMs: 500, stallMs: 20_000,
    budget: { maxSearches: 100, windowMs: 60_000, minGapMs: 0 },
  });
  const cassette = await startCassette({
    core: {
      sources: { slskd: source }, defaultSource: 'slskd', runQueue: true, reconcileOnStart: false,
      env: { SPOTIFY_CLIENT_ID: services.spotify.clientId, SPOTIFY_ACCOUNTS_BASE: services.spotify.accountsBase, SPOTIFY_API_BASE: services.spotify.apiBase },
    },
  });
  await signIn(await cassette.core.spotify(), services.spotify, 'main', 'alice');
  const rows = () => cassette.core.queue.list({ view: 'all' }).items;
  const dialog = page.getByRole('dialog', { name: 'Which artist is this?' });

  await page.goto(cassette.openUrl);
  await page.getByRole('link', { name: /^Search/ }).click();
  /** Searches `query` and opens the artist modal of its one single, `name`; the suggestions are shown. */
  const openModalFor = async (query: string, name: string) => {
    await page.getByRole('searchbox', { name: 'Search Soulseek' }).fill(query);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: `1 single for “${query}”` })).toBeVisible({ timeout: 15_000 });
    await page.getByRole('tab', { name: /^Singles/ }).click();
    const single = page.getByRole('list', { name: 'Singles' }).getByRole('group', { name });
    await single.getByRole('button', { name: `Matched Download: ${name}` }).click();
    await expect(dialog.getByRole('list', { name: 'Suggested artists' }).getByRole('button').first()).toBeVisible();
    await expect(dialog).toContainText('Closing starts a normal download that stays in your downloads folder.');
    return single;
  };

  // Changed their mind: nothing is downloaded.
  const lowTide = await openModalFor('low tide', 'Low Tide by Nina Vale');
  // The footer that says what closing does, light and dark, wide and narrow (screenshots/, to look at).
  await mkdir(SHOTS, { recursive: true });
  for (const [theme, width] of [['light', 1280], ['dark', 1280], ['light', 420], ['dark', 360]] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    await page.setViewportSize({ width, height: 860 });
    await expect(dialog.getByRole('button', { name: "Don't download" })).toBeInViewport();
    await page.screenshot({ path: join(SHOTS, `matched-search-footer-${width}-${theme}.png`) });
    expect(await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)).toBe(false);
  }
  await page.setViewportSize({ width: 1280, height: 860 });
  await dialog.getByRole('button', { name: "Don't download" }).click();
  await expect(dialog).toBeHidden();
  await expect(lowTide.getByRole('button', { name: 'Download: Low Tide by Nina Vale', exact: true })).toBeEnabled();
  expect(rows()).toEqual([]);

  // Esc: the plain download of exactly that file starts, and the Search row says it is queued.
  await lowTide.getByRole('button', { name: 'Matched Download: Low Tide by Nina Vale' }).click();
  await expect(dialog.getByRole('list', { name: 'Suggested artists' }).getByRole('button').first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Downloading 1 file without matching: it stays in the downloads folder' })).toBeVisible();
  await expect(lowTide.getByRole('button', { name: 'Queued: Low Tide by Nina Vale' })).toBeDisabled();

  // The close button, and a click on the backdrop, do the same for the next files.
  const undertow = await openModalFor('undertow', 'Undertow by Nina Vale');
  await dialog.getByRole('button', { name: 'Close and download normally' }).click();
  await expect(dialog).toBeHidden();
  await expect(undertow.getByRole('button', { name: 'Queued: Undertow by Nina Vale' })).toBeDisabled();
  const robotRock = await openModalFor('robot rock', 'Robot Rock by Daft Punk');
  await page.mouse.click(5, 5);
  await expect(dialog).toBeHidden();
  await expect(robotRock.getByRole('button', { name: 'Queued: Robot Rock by Daft Punk' })).toBeDisabled();

  // Three normal downloads, each of exactly the peer's file, kept in the downloads folder; none is filed under Transfer.
  await expect.poll(() => rows().map((r) => r.status), { timeout: 60_000 }).toEqual(['completed', 'completed', 'completed']);
  for (const r of rows()) {
    expect(r.destination_path?.startsWith(services.downloadsDir)).toBe(true);
    expect(existsSync(r.destination_path!)).toBe(true);
  }
  expect(services.slskd.transfers().map((t) => t.filename).sort()).toEqual([
    '@@music\\singles\\Daft Punk - Robot Rock.flac', '@@music\\singles\\Nina Vale - Low Tide.mp3', '@@music\\singles\\Nina Vale - Undertow.mp3',
  ]);
  expect(existsSync(join(cassette.dataDir, 'Transfer'))).toBe(false);
});

// Match & file in the browser: a finished normal download opens the artist modal, which shows five suggestions
// with images and percentages; searching an artist and picking it files the file under Transfer with the right
// name, and the finished row follows. Also the modal's inline states (loading, no results, an error) and the
// keyboard (arrows, Esc). Screenshots of each state go to screenshots/ (gitignored).
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { createSlskdSource } from '../src/main/sources';
import { SECONDS } from '../test/support/matchedWorld';
import { signIn } from '../test/support/spotify';
import { expect } from './support/fixtures';
import { matchedServicesTest } from './support/matchedServices';

const API_KEY = 'e2e-matched-key';
const SHOTS = fileURLToPath(new URL('../screenshots', import.meta.url));

const test = matchedServicesTest({ apiKey: API_KEY, searchDelayMs: 50, transferBytesPerSec: 2_000_000 });

async function shot(page: Page, name: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(SHOTS, `matched-${name}.png`) });
}

test('Match & file: five suggestions, search an artist, pick, and the file is under Transfer', async ({ page, services, startCassette }) => {
  const source = createSlskdSource({
    baseUrl: services.slskd.url, apiKey: API_KEY, downloadsDir: services.downloadsDir, pollMs: 50, searchTimeoutMs: 300, stallMs: 20_000,
    budget: { maxSearches: 100, windowMs: 60_000, minGapMs: 0 },
  });
  const cassette = await startCassette({
    core: {
      sources: { slskd: source }, defaultSource: 'slskd', runQueue: true, reconcileOnStart: false,
      env: { SPOTIFY_CLIENT_ID: services.spotify.clientId, SPOTIFY_ACCOUNTS_BASE: services.spotify.accountsBase, SPOTIFY_API_BASE: services.spotify.apiBase },
    },
  });
  const core = cassette.core;
  await signIn(await core.spotify(), services.spotify, 'main', 'alice');
  // A normal download (the modal dismissed earlier): it finishes in the library.
  const trackId = core.catalog.upsertTrack({ title: 'Low Tide', artist: { name: 'Nina Vale' }, durationSec: SECONDS, source: 'slskd' });
  const { item } = core.queue.enqueueTrack({ trackId, source: 'slskd' });
  core.processor.kick();
  await core.processor.whenIdle();
  expect(core.queue.get(item.id)?.status).toBe('completed');

  await page.goto(cassette.openUrl);
  await page.getByRole('link', { name: /^Downloads/ }).click();
  await page.getByRole('tab', { name: /^Finished/ }).click();
  const row = page.getByRole('list', { name: 'Finished downloads' }).getByRole('listitem', { name: 'Low Tide by Nina Vale' });
  await row.getByRole('button', { name: 'Match & file Low Tide by Nina Vale' }).click();

  const dialog = page.getByRole('dialog', { name: 'Which artist is this?' });
  await expect(dialog).toBeVisible();
  const suggested = dialog.getByRole('list', { name: 'Suggested artists' });
  const options = suggested.getByRole('button');
  await expect(options).toHaveCount(5);
  await expect(options.first()).toHaveAccessibleName(/^Nina Vale, \d+ % match$/);
  // Images are data: URLs from the core (the renderer never talks to Spotify); the ones without show an initial.
  await expect(suggested.locator('img[src^="data:image/jpeg;base64,"]')).not.toHaveCount(0);
  await expect(suggested.locator('.artist-initial')).not.toHaveCount(0);
  await expect(options.first()).toBeFocused();
  // The file is here already: closing only closes (no download is offered or started).
  await expect(dialog).not.toContainText('Closing starts a normal download');
  await expect(dialog.getByRole('button', { name: 'Close', exact: true })).toBeVisible();
  await shot(page, 'suggestions-1280-light');

  // Keyboard: arrows move between artists.
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(options.first()).toBeFocused();

  // No results, then results, inline.
  const box = dialog.getByRole('searchbox', { name: 'Search artists' });
  await box.fill('zzz nobody at all');
  await expect(dialog.getByText('No artist called “zzz nobody at all” on Spotify.')).toBeVisible();
  await shot(page, 'no-results-1280-light');
  await box.fill('nina');
  const results = dialog.getByRole('list', { name: 'Artist search results' });
  await expect(results.getByRole('button')).toHaveCount(1);
  await shot(page, 'search-results-1280-light');
  await results.getByRole('button', { name: /^Nina Vale/ }).click();

  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: /Filed under .*03 Low Tide\.mp3/ })).toBeVisible();
  const target = join(cassette.dataDir, 'Transfer', 'Nina Vale', 'Nina Vale - Tidewater', '03 Low Tide.mp3');
  expect(existsSync(target)).toBe(true);
  expect(existsSync(join(cassette.dataDir, 'Transfer', 'Nina Vale', 'Nina Vale - Tidewater', 'cover.jpg'))).toBe(true);
  expect(core.queue.get(item.id)?.destination_path).toBe(target);

  // Loading and error states, light, dark and narrow; Esc closes.
  for (const [theme, width] of [['light', 420], ['dark', 1280], ['dark', 420]] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.setViewportSize({ width, height: 860 });
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    services.spotify.faults.clear();
    services.spotify.faults.inject({ kind: 'latency', path: '/v1/search', latencyMs: 1_500 });
    core.db.prepare(`DELETE FROM spotify_lookup_cache WHERE kind = 'search'`).run();
    await page.evaluate(() => window.location.reload());
    await page.getByRole('tab', { name: /^Finished/ }).click();
    await row.getByRole('button', { name: 'Match & file Low Tide by Nina Vale' }).click();
    await expect(dialog.getByRole('list', { name: 'Suggested artists' })).toHaveAttribute('aria-busy', 'true');
    await shot(page, `loading-${width}-${theme}`);
    await expect(dialog.getByRole('list', { name: 'Suggested artists' }).getByRole('button')).toHaveCount(5);
    await shot(page, `suggestions-${width}-${theme}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    expect(overflow).toBe(false);
    services.spotify.faults.inject({ kind: 'server_error', path: '/v1/search', times: 3 });
    await dialog.getByRole('searchbox', { name: 'Search artists' }).fill(`lighthouse ${width}${theme}`);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  }

  expect(core.queue.list({ view: 'all' }).items).toHaveLength(1);

  // An error inline: Spotify failing for the suggestions.
  await page.setViewportSize({ width: 1280, height: 860 });
  services.spotify.faults.clear();
  services.spotify.faults.inject({ kind: 'server_error', path: '/v1/search', times: 3 });
  core.db.prepare(`DELETE FROM spotify_lookup_cache WHERE kind = 'search'`).run();
  await page.evaluate(() => window.location.reload());
  await page.getByRole('tab', { name: /^Finished/ }).click();
  await row.getByRole('button', { name: 'Match & file Low Tide by Nina Vale' }).click();
  await expect(dialog.getByRole('alert')).toContainText(/Spotify answered HTTP 500|try again/i);
  await shot(page, 'error-1280-dark');
});

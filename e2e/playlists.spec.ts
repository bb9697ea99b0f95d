// The Playlists page with an imported Exportify CSV: open its dashboard (a dry run fills the counters, nothing
// is written), Begin Search, watch the counters fill,
// close → a progress bubble (its downloads wait in the queue) → click → the same dashboard back, also after a
// reload; then decide the entry awaiting review.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Core } from '../src/main/core';
import { expect, test } from './support/fixtures';

const HEADER = '"Track URI","Track Name","Artist URI(s)","Artist Name(s)","Album URI","Album Name","Album Artist URI(s)","Album Artist Name(s)","Album Release Date","Album Image URL","Disc Number","Track Number","Track Duration (ms)","Track Preview URL","Explicit","Popularity","ISRC","Added By","Added At"';
const row = (id: string, title: string, artist: string, album: string, ms: number) =>
  [`spotify:track:${id}`, title, 'spotify:artist:a', artist, 'spotify:album:b', album, 'spotify:artist:a', artist, '1998-04-20', '', '1', '1', String(ms), '', 'false', '50', '', '', '']
    .map((f) => `"${f}"`)
    .join(',');

/** Two tracks on disk the playlist's owned-check finds in the catalog. */
async function seedOwned(core: Core, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [title, artist, album, sec] of [['Teardrop', 'Massive Attack', 'Mezzanine', 330], ['Smells Like Teen Spirit', 'Nirvana', 'Nevermind', 301]] as const) {
    const path = join(dir, `${artist} - ${title}.mp3`);
    const bytes = Buffer.alloc(4096, 7);
    await writeFile(path, bytes);
    const albumId = core.catalog.upsertAlbum({ title: album, artist: { name: artist } });
    core.catalog.upsertTrack({ title, artist: { name: artist }, albumId, trackNumber: 1, durationSec: sec, localPath: path, sizeBytes: bytes.length });
  }
  core.events.catalogChanged();
}

test.use({ cassetteOptions: { seed: (core, dir) => seedOwned(core, join(dir, 'owned')) } });

test('import a CSV, analyse it, close to a bubble, reopen, reload, decide the review entry', async ({ app: page, cassette, pageErrors }) => {
  const csv = join(cassette.dir, 'Evening Mix.csv');
  await writeFile(csv, [
    HEADER,
    row('t1', 'Teardrop', 'Massive Attack', 'Mezzanine', 331_000),
    row('t2', 'Teen Spirit', 'Nirvana', 'Nevermind', 301_000),
    row('t3', 'Roads', 'Portishead', 'Dummy', 305_000),
    row('t4', 'Glory Box', 'Portishead', 'Dummy', 306_000),
  ].join('\n') + '\n');

  await page.getByRole('link', { name: 'Playlists' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Playlists' })).toBeVisible();
  await expect(page.getByRole('note')).toContainText('No Spotify account');
  await expect(page.getByRole('link', { name: 'Settings → Spotify' })).toHaveAttribute('href', '#/settings/spotify');
  await expect(page.getByText('No playlists yet')).toBeVisible();

  await page.getByLabel('Playlist file').fill(csv);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /Evening Mix/ });
  await expect(dialog).toBeVisible();
  const counters = dialog.getByRole('list', { name: 'Playlist counters' });
  // Opening it runs the analysis as a dry run: the counters and the Matched column fill, nothing is written.
  await expect(counters.getByRole('listitem', { name: 'Total tracks: 4' })).toBeVisible();
  await expect(counters.getByRole('listitem', { name: 'Matched (owned): 1' })).toBeVisible();
  await expect(counters.getByRole('listitem', { name: 'Review: 1' })).toBeVisible();
  await expect(dialog.getByText(/Dry run — 4 tracks checked, nothing saved yet/)).toBeVisible();
  const dry = dialog.getByRole('table', { name: 'Playlist tracks' }).getByRole('row').filter({ hasText: 'Roads' });
  await expect(dry.getByRole('cell').nth(2)).toHaveText(/^To download/);
  await expect(dry.getByRole('cell').nth(3)).toHaveText(/^—/);
  expect(cassette.core.db.prepare('SELECT (SELECT count(*) FROM playlists) + (SELECT count(*) FROM missing_runs) + (SELECT count(*) FROM queue_items) AS n').get()).toEqual({ n: 0 });
  await dialog.getByRole('button', { name: 'Begin Search' }).click();

  await expect(counters.getByRole('listitem', { name: 'Total tracks: 4' })).toBeVisible();
  await expect(counters.getByRole('listitem', { name: 'Matched (owned): 1' })).toBeVisible();
  await expect(counters.getByRole('listitem', { name: 'To download: 2' })).toBeVisible();
  await expect(counters.getByRole('listitem', { name: 'Review: 1' })).toBeVisible();
  await expect(dialog.getByRole('progressbar', { name: 'Library analysis' })).toHaveAttribute('aria-valuenow', '100');
  await expect(dialog.getByText(/Analysis finished — 4 of 4 tracks checked/)).toBeVisible();
  // The table: Matched and Downloaded with the reason on hover.
  const table = dialog.getByRole('table', { name: 'Playlist tracks' });
  const teardrop = table.getByRole('row').filter({ hasText: 'Teardrop' });
  await expect(teardrop.getByRole('cell').nth(2)).toHaveAttribute('title', /Matches “Teardrop” by Massive Attack in the catalog \(confidence \d+%\)/);
  await expect(teardrop.getByRole('cell').nth(3)).toHaveText(/^Yes/);
  const roads = table.getByRole('row').filter({ hasText: 'Roads' });
  await expect(roads.getByRole('cell').nth(2)).toHaveText(/^To download/);
  await expect(roads.getByRole('cell').nth(3)).toHaveText(/^Queued/);
  await expect(dialog.getByRole('progressbar', { name: 'Downloads' })).toHaveAttribute('aria-valuetext', '1 of 3 tracks in your library');
  await expect(dialog.getByText('1 of 3 in your library · 2 queued · 0 downloading · 0 failed')).toBeVisible();

  // Close: the downloads still wait in the queue, so a bubble shows the playlist.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  const bubble = page.getByRole('button', { name: /^Evening Mix: 2 downloads left/ });
  await expect(bubble).toBeVisible();
  await expect(page.getByRole('list', { name: 'Playlists', exact: true })).toContainText('1 owned · 2 to download · 1 to review');

  await page.reload();
  await expect(bubble).toBeVisible();
  await bubble.click();
  await expect(dialog).toBeVisible();
  await expect(counters.getByRole('listitem', { name: 'Matched (owned): 1' })).toBeVisible();
  await expect(counters.getByRole('listitem', { name: 'To download: 2' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Search again' })).toBeEnabled();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeEnabled();

  // The review entry: its best candidate, and "This is owned" brings it in as owned.
  const review = dialog.getByRole('region', { name: 'Awaiting review' });
  await expect(review).toContainText('Best candidate: Smells Like Teen Spirit — Nirvana (Nevermind) · Catalog');
  await review.getByRole('button', { name: 'This is owned: Teen Spirit' }).click();
  await expect(review).toBeHidden();
  const spirit = table.getByRole('row').filter({ hasText: 'Teen Spirit' });
  await expect(spirit.getByRole('cell').nth(2)).toHaveText(/^Owned/);
  await expect(spirit.getByRole('cell').nth(3)).toHaveText(/^Yes/);
  await expect(dialog.getByText('2 of 4 in your library · 2 queued · 0 downloading · 0 failed')).toBeVisible();

  // Cancel, once the analysis is done, cancels the playlist's downloads: they go back to missing.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog.getByText('2 of 4 in your library · 0 queued · 0 downloading · 0 failed')).toBeVisible();
  await expect(roads.getByRole('cell').nth(3)).toHaveText(/^Missing/);
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeDisabled();

  // Focus stays in the dialog; Close closes it, and with nothing left to download there is no bubble.
  for (let i = 0; i < 12; i++) await page.keyboard.press('Tab');
  expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('list', { name: 'Playlists in progress' })).toBeHidden();
  expect(pageErrors).toEqual([]);
});

test('a playlist file that does not exist, or is not a playlist, says so', async ({ app: page, cassette }) => {
  await page.getByRole('link', { name: 'Playlists' }).click();
  await page.getByLabel('Playlist file').fill('notes.txt');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('.csv (Exportify export), .m3u or .m3u8');
  await page.getByLabel('Playlist file').fill(join(cassette.dir, 'nope.m3u8'));
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /nope/ });
  await dialog.getByRole('button', { name: 'Begin Search' }).click();
  await expect(dialog.getByRole('alert')).toContainText('No playlist file at');
});

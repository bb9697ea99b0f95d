// One playlist track lands in the Soulseek review list and is resolved by picking a candidate: the queue's search
// finds only close files (a bare title, a misspelt artist), so the entry waits with its candidates; the breakdown
// opens from the score; "Search again" with the person's words finds another copy; Pick downloads exactly that
// file and the track reaches Downloaded. The other track is ignored and taken back.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSlskdSource } from '../src/main/sources';
import { flac, mp3, peer, startSlskdEmulator, type SlskdEmulator } from '../test/emulators/slskd';
import { expect, test as cassetteTest } from './support/fixtures';

const SECONDS = 3;
const API_KEY = 'e2e-review-key';
const HEADER = '"Track URI","Track Name","Artist URI(s)","Artist Name(s)","Album URI","Album Name","Album Artist URI(s)","Album Artist Name(s)","Album Release Date","Album Image URL","Disc Number","Track Number","Track Duration (ms)","Track Preview URL","Explicit","Popularity","ISRC","Added By","Added At"';
const row = (id: string, n: number, title: string) =>
  [`spotify:track:${id}`, title, 'spotify:artist:p', 'Portishead', 'spotify:album:d', 'Dummy', 'spotify:artist:p', 'Portishead', '1994-08-22', '', '1', String(n), String(SECONDS * 1000), '', 'false', '50', '', '', '']
    .map((f) => `"${f}"`)
    .join(',');

const test = cassetteTest.extend<{ soulseek: { emu: SlskdEmulator; downloadsDir: string } }>({
  soulseek: async ({}, use) => {
    const root = await mkdtemp(join(tmpdir(), 'cassette-e2e-review-'));
    const downloadsDir = join(root, 'slskd-downloads');
    await mkdir(downloadsDir, { recursive: true });
    const emu = await startSlskdEmulator({
      downloadsDir, apiKey: API_KEY, searchDelayMs: 50, transferBytesPerSec: 2_000_000,
      peers: [
        peer('loosefiles').file('@@share\\Misc\\Roads.mp3', mp3(SECONDS)).file('@@share\\Misc\\Glory Box.mp3', mp3(SECONDS)),
        peer('typist').file('@@x\\Portisheads - Roads.flac', flac(SECONDS), { advertise: { length: 30 } }),
      ],
    });
    try {
      await use({ emu, downloadsDir });
    } finally {
      await emu.close();
      await rm(root, { recursive: true, force: true });
    }
  },
});

test('one track lands in review and is resolved by picking a candidate', async ({ page, soulseek, startCassette, pageErrors }) => {
  const source = createSlskdSource({
    baseUrl: soulseek.emu.url, apiKey: API_KEY, downloadsDir: soulseek.downloadsDir, pollMs: 50, searchTimeoutMs: 300, stallMs: 20_000,
    budget: { maxSearches: 1000, windowMs: 60_000, minGapMs: 0 }, searchCacheTtlMs: 0,
  });
  const cassette = await startCassette({ core: { sources: { slskd: source }, defaultSource: 'slskd', runQueue: true, reconcileOnStart: false } });
  const csv = join(cassette.dir, 'Trip.csv');
  await mkdir(cassette.dir, { recursive: true });
  await writeFile(csv, [HEADER, row('r1', 1, 'Roads'), row('g1', 2, 'Glory Box')].join('\n') + '\n');
  await page.goto(cassette.openUrl);

  await page.getByRole('link', { name: 'Playlists' }).click();
  await page.getByLabel('Playlist file').fill(csv);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /Trip/ });
  await dialog.getByRole('button', { name: 'Begin Search' }).click();

  // Both tracks are searched; only close files exist, so both wait for a pick.
  const review = dialog.getByRole('region', { name: 'Awaiting review' });
  await expect(review.getByText('Soulseek: pick a file — none was surely this track.')).toHaveCount(2, { timeout: 30_000 });
  await expect(dialog.getByRole('list', { name: 'Playlist counters' }).getByRole('listitem', { name: 'Review: 2' })).toBeVisible();
  const table = dialog.getByRole('table', { name: 'Playlist tracks' });
  const roadsRow = table.getByRole('row').filter({ hasText: 'Roads' });
  await expect(roadsRow.getByRole('cell').nth(3)).toHaveText(/^Pick a file/);

  const files = review.getByRole('list', { name: 'Soulseek files for Roads' });
  await expect(files.getByRole('listitem')).toHaveCount(2);
  const bare = files.getByRole('listitem').filter({ hasText: 'Roads.mp3' });
  await expect(bare).toContainText('MP3 320');
  await expect(bare).toContainText('loosefiles');
  await expect(bare.getByText('Roads.mp3')).toHaveAttribute('title', 'Misc / Roads.mp3');
  // The score opens its breakdown (keyboard: Enter on the focused button).
  const score = bare.getByRole('button', { name: /^Match 83%: why/ });
  await score.focus();
  await page.keyboard.press('Enter');
  await expect(score).toHaveAttribute('aria-expanded', 'true');
  await expect(bare.getByRole('definition').filter({ hasText: 'artist not named' })).toBeVisible();
  await expect(files.getByRole('listitem').filter({ hasText: 'Portisheads - Roads.flac' })).toContainText('0:30');

  // Search again with the person's own words: a peer that came online has a proper copy.
  soulseek.emu.addPeer(peer('collector').file('@@music\\Portishead\\Dummy\\01 - Roads.flac', flac(SECONDS)));
  const box = review.getByRole('searchbox', { name: 'Search Soulseek for Roads' });
  await box.fill('portishead dummy roads');
  await review.getByRole('button', { name: 'Search again for Roads' }).click();
  await expect(review.getByText('Found for “portishead dummy roads”:')).toBeVisible({ timeout: 20_000 });
  const proper = files.getByRole('listitem').filter({ hasText: '01 - Roads.flac' });
  await expect(proper).toContainText('collector');
  await expect(proper.getByRole('button', { name: /^Match 100%/ })).toBeVisible();

  // Ignore the other track; it moves to Ignored and can be taken back.
  await review.getByRole('button', { name: 'Ignore: Glory Box' }).click();
  const ignored = review.getByRole('list', { name: 'Ignored tracks' });
  await expect(ignored).toContainText('Glory Box');
  await expect(table.getByRole('row').filter({ hasText: 'Glory Box' }).getByRole('cell').nth(3)).toHaveText(/^Ignored/);
  await ignored.getByRole('button', { name: 'Take back: Glory Box' }).click();
  await expect(ignored).toBeHidden();
  await expect(review.getByRole('list', { name: 'Soulseek files for Glory Box' })).toBeVisible();

  // Pick: exactly that file is downloaded and the track reaches Downloaded.
  await proper.getByRole('button', { name: 'Pick 01 - Roads.flac from collector' }).click();
  await expect(roadsRow.getByRole('cell').nth(3)).toHaveText(/^Yes/, { timeout: 30_000 });
  await expect(review.getByRole('list', { name: 'Soulseek files for Roads' })).toBeHidden();
  expect(soulseek.emu.transfers().map((t) => `${t.username}: ${t.filename}`)).toEqual(['collector: @@music\\Portishead\\Dummy\\01 - Roads.flac']);
  expect(pageErrors).toEqual([]);
});

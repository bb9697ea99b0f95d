// `npx tsx e2e/reviewScreens.ts [widths] [themes]`: the Soulseek review list of the Download Missing Tracks
// dashboard — the dry run on opening, candidates, a breakdown open, Search again running, a search with no result, a failed search, and
// an ignored track — at 360, 420 and 1280 px, light and dark, into screenshots/ (gitignored), printing any
// horizontal overflow. Needs `npm run build:renderer`.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createSlskdSource } from '../src/main/sources';
import { flac, mp3, peer, startSlskdEmulator } from '../test/emulators/slskd';
import { startApp } from './support/app';
import { SCREENSHOTS, screenArgs } from './support/screens';

const OUT = SCREENSHOTS;
const { widths, themes } = screenArgs();
const SECONDS = 3;
const KEY = 'screens-key';
const HEADER = '"Track URI","Track Name","Artist URI(s)","Artist Name(s)","Album URI","Album Name","Album Artist URI(s)","Album Artist Name(s)","Album Release Date","Album Image URL","Disc Number","Track Number","Track Duration (ms)","Track Preview URL","Explicit","Popularity","ISRC","Added By","Added At"';
const row = (id: string, n: number, title: string) =>
  [`spotify:track:${id}`, title, 'spotify:artist:p', 'Portishead', 'spotify:album:d', 'Dummy', 'spotify:artist:p', 'Portishead', '1994-08-22', '', '1', String(n), String(SECONDS * 1000), '', 'false', '50', '', '', '']
    .map((f) => `"${f}"`)
    .join(',');

async function overflow(page: Page): Promise<string> {
  return page.evaluate(() => {
    const d = document.documentElement;
    const bad = [...document.querySelectorAll<HTMLElement>('main, .modal, .pl-review, .pl-cands, .pl-cand')].filter((e) => e.scrollWidth > e.clientWidth + 1);
    // What sticks out past the review list's right edge, to find the culprit.
    const edge = document.querySelector('.pl-review')?.getBoundingClientRect().right ?? Infinity;
    const out = [...document.querySelectorAll<HTMLElement>('.pl-review *')].filter((e) => e.getBoundingClientRect().right > edge + 1).slice(0, 6);
    const culprits = out.map((e) => `${e.tagName.toLowerCase()}.${e.className}:${Math.round(e.getBoundingClientRect().width)}`).join(' ');
    return d.scrollWidth > d.clientWidth || bad.length ? `OVERFLOW doc ${d.scrollWidth}/${d.clientWidth} ${bad.map((b) => `${b.className}:${b.scrollWidth}/${b.clientWidth}`).join(' ')} [${culprits}]` : '';
  });
}

await mkdir(OUT, { recursive: true });
for (const theme of themes) {
  for (const width of widths) {
    const root = await mkdtemp(join(tmpdir(), 'cassette-review-screens-'));
    const downloadsDir = join(root, 'dl');
    await mkdir(downloadsDir, { recursive: true });
    const emu = await startSlskdEmulator({
      downloadsDir, apiKey: KEY, searchDelayMs: 50,
      peers: [
        peer('loosefiles').file('@@share\\Misc\\Roads.mp3', mp3(SECONDS)).file('@@share\\Misc\\Glory Box.mp3', mp3(SECONDS)),
        peer('typist', { hasFreeUploadSlot: false, queueLength: 12 }).file('@@x\\Portisheads - Roads.flac', flac(SECONDS), { advertise: { length: 30 } }),
        peer('a_peer_with_a_rather_long_username_2024').file('@@shared music\\Misc\\Roads.mp3', mp3(SECONDS, 256)),
      ],
    });
    const source = createSlskdSource({
      baseUrl: emu.url, apiKey: KEY, downloadsDir, pollMs: 50, searchTimeoutMs: 300, budget: { maxSearches: 1000, windowMs: 60_000, minGapMs: 0 }, searchCacheTtlMs: 0,
    });
    const app = await startApp({ colorScheme: theme, viewport: { width, height: 900 }, core: { env: {}, sources: { slskd: source }, defaultSource: 'slskd', runQueue: true, reconcileOnStart: false } });
    const page = app.page;
    const shot = async (name: string, locator = page.locator('.pl-review')) => {
      await page.waitForTimeout(250);
      await locator.first().scrollIntoViewIfNeeded().catch(() => undefined);
      const file = join(OUT, `review-${name}-${width}-${theme}.png`);
      await page.screenshot({ path: file });
      process.stdout.write(`${file} ${await overflow(page)}\n`);
    };
    try {
      const csv = join(app.dir, 'Trip.csv');
      await mkdir(app.dir, { recursive: true });
      await writeFile(csv, [HEADER, row('r1', 1, 'Roads'), row('g1', 2, 'Glory Box')].join('\n') + '\n');
      await page.getByRole('link', { name: 'Playlists' }).click();
      await page.getByLabel('Playlist file').fill(csv);
      await page.getByRole('button', { name: 'Open', exact: true }).click();
      // Opening runs the dry run: counters and the Matched column, nothing saved.
      await page.getByText(/Dry run — /).waitFor();
      await shot('dry-run', page.locator('.pl-modal'));
      await page.getByRole('button', { name: 'Begin Search' }).click();
      const review = page.getByRole('region', { name: 'Awaiting review' });
      await review.getByRole('list', { name: 'Soulseek files for Roads' }).waitFor({ timeout: 30_000 });
      await review.getByRole('list', { name: 'Soulseek files for Glory Box' }).waitFor({ timeout: 30_000 });
      await shot('candidates');
      await review.getByRole('button', { name: /^Match \d+%: why, for Roads.mp3/ }).first().click();
      await shot('breakdown', review.locator('.pl-breakdown'));

      emu.setSearchDelay(4000);
      const box = review.getByRole('searchbox', { name: 'Search Soulseek for Roads' });
      await box.fill('nobody shares this');
      await box.press('Enter');
      await review.getByText('Searching Soulseek…').waitFor();
      await shot('searching', review.getByText('Searching Soulseek…'));
      await review.getByText('Nothing close for “nobody shares this”. Try other words.').waitFor({ timeout: 20_000 });
      await shot('empty', review.getByText(/Nothing close/));

      await review.getByRole('button', { name: 'Ignore: Glory Box' }).click();
      await review.getByRole('list', { name: 'Ignored tracks' }).waitFor();
      await shot('ignored', review.getByRole('list', { name: 'Ignored tracks' }));

      await emu.close();
      await box.fill('portishead roads');
      await box.press('Enter');
      await review.getByText('The search failed').waitFor({ timeout: 30_000 });
      await shot('error', review.getByText('The search failed'));
    } finally {
      await app.close();
      await emu.close().catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    }
  }
}

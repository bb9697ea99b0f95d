// `npx tsx e2e/searchScreens.ts [widths] [themes]`: the Search page — empty, searching, results (an album open,
// the singles), the artist modal of a single (Spotify not signed in here: its inline error, and the footer saying
// that closing starts a normal download), no results, and Soulseek not set up — at 360, 420 and 1280 px, light
// and dark, into screenshots/ (gitignored), printing any horizontal overflow. Needs `npm run build:renderer`.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createSlskdSource } from '../src/main/sources';
import { flac, mp3, peer, startSlskdEmulator, type PeerBuilder } from '../test/emulators/slskd';
import { startApp } from './support/app';
import { SCREENSHOTS, screenArgs, overflowReport } from './support/screens';

const OUT = SCREENSHOTS;
const { widths, themes } = screenArgs();
const API_KEY = 'screens-key';

const overflow = (page: Page) => overflowReport(page, 'main, .workspace, .page, .search-file, .search-album-head');

function peers(): PeerBuilder[] {
  const out: PeerBuilder[] = [];
  const albums = ['Tidal Maps', 'Open Weather (Deluxe Edition)', 'Salt Roads', 'A Very Long Album Title That Keeps Going On And On'];
  for (let i = 0; i < 24; i++) {
    const p = peer(`peer_${i}_${i % 3 === 0 ? 'with_a_rather_long_username' : 'x'}`, { hasFreeUploadSlot: i % 4 !== 0, queueLength: i % 4 === 0 ? i : 0, uploadSpeed: 200_000 * (i + 1) });
    const a = albums[i % albums.length]!;
    for (let t = 1; t <= 4 + (i % 5); t++) {
      const name = `@@music\\Glass Harbour\\Glass Harbour - ${a} (${2010 + (i % 9)}) [${i % 2 ? 'FLAC' : 'MP3'}]\\${String(t).padStart(2, '0')} - Track number ${t}.${i % 2 ? 'flac' : 'mp3'}`;
      p.file(name, i % 2 ? flac(3, i % 3 === 1 ? 24 : 16, i % 3 === 1 ? 96_000 : 44_100) : mp3(3, [320, 256, 192][i % 3]));
    }
    p.file(`Music\\Singles ${i}\\Glass Harbour - Harbour Lights${i % 5 === 0 ? ' (Live)' : ''}.${i % 2 ? 'flac' : 'mp3'}`, i % 2 ? flac(3) : mp3(3));
    out.push(p);
  }
  return out;
}

const root = await mkdtemp(join(tmpdir(), 'cassette-search-screens-'));
const downloadsDir = join(root, 'dl');
await mkdir(downloadsDir, { recursive: true });
await mkdir(OUT, { recursive: true });
const emu = await startSlskdEmulator({ downloadsDir, apiKey: API_KEY, peers: peers(), searchDelayMs: 200 });
const shoot = async (page: Page, name: string, width: number, theme: string) => {
  await page.waitForTimeout(250);
  const file = join(OUT, `search-${name}-${width}-${theme}.png`);
  await page.screenshot({ path: file });
  process.stdout.write(`${file} ${await overflow(page)}\n`);
};
try {
  for (const theme of themes) {
    for (const width of widths) {
      const source = createSlskdSource({ baseUrl: emu.url, apiKey: API_KEY, downloadsDir, pollMs: 100, searchTimeoutMs: 600, budget: { maxSearches: 1000, windowMs: 1000, minGapMs: 0 } });
      const app = await startApp({ colorScheme: theme, viewport: { width, height: 860 }, core: { env: {}, sources: { slskd: source }, reconcileOnStart: false } });
      try {
        const p = app.page;
        await p.evaluate(() => (window.location.hash = '#/search'));
        await p.getByRole('searchbox', { name: 'Search Soulseek' }).waitFor();
        await shoot(p, 'empty', width, theme);
        emu.setSearchDelay(4_000);
        await p.getByRole('searchbox', { name: 'Search Soulseek' }).fill(`glass harbour ${width}${theme}`);
        await p.getByRole('button', { name: 'Search', exact: true }).click();
        await p.getByRole('status').filter({ hasText: 'Searching' }).waitFor();
        await shoot(p, 'searching', width, theme);
        await p.getByRole('status').filter({ hasText: 'No results' }).waitFor({ timeout: 20_000 });
        await shoot(p, 'noresults', width, theme);
        emu.setSearchDelay(200);
        await p.getByRole('searchbox', { name: 'Search Soulseek' }).fill('glass harbour');
        await p.getByRole('button', { name: 'Search', exact: true }).click();
        await p.getByRole('status').filter({ hasText: /albums? and/ }).waitFor({ timeout: 20_000 });
        await p.getByRole('list', { name: 'Albums' }).getByRole('button', { expanded: false }).first().click();
        await shoot(p, 'albums', width, theme);
        await p.getByRole('tab', { name: /^Singles/ }).click();
        await shoot(p, 'singles', width, theme);
        await p.getByRole('button', { name: /^Matched Download: / }).first().click();
        const modal = p.getByRole('dialog', { name: 'Which artist is this?' });
        await modal.getByRole('alert').first().waitFor();
        await shoot(p, 'matched-modal', width, theme);
        await modal.getByRole('button', { name: "Don't download" }).click();
      } finally {
        await app.close();
      }
      const bare = await startApp({ colorScheme: theme, viewport: { width, height: 860 }, core: { env: {}, reconcileOnStart: false } });
      try {
        await bare.page.evaluate(() => (window.location.hash = '#/search'));
        await bare.page.getByRole('heading', { name: 'Soulseek is not set up' }).waitFor();
        await shoot(bare.page, 'notconfigured', width, theme);
      } finally {
        await bare.close();
      }
    }
  }
} finally {
  await emu.close();
  await rm(root, { recursive: true, force: true });
}

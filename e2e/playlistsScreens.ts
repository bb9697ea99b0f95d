// `npx tsx e2e/playlistsScreens.ts [widths] [themes]`: the Playlists page, the Download Missing Tracks dashboard
// (analysing, done, with a review entry) and the progress bubble, at 360, 420 and 1280 px, light and dark, into
// screenshots/ (gitignored), printing any horizontal overflow. Needs `npm run build:renderer`.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startApp } from './support/app';
import { SCREENSHOTS, screenArgs, overflowReport } from './support/screens';

const OUT = SCREENSHOTS;
const { widths, themes } = screenArgs();
const HEADER = '"Track URI","Track Name","Artist URI(s)","Artist Name(s)","Album URI","Album Name","Album Artist URI(s)","Album Artist Name(s)","Album Release Date","Album Image URL","Disc Number","Track Number","Track Duration (ms)","Track Preview URL","Explicit","Popularity","ISRC","Added By","Added At"';
const row = (i: number, title: string, artist: string, album: string, ms: number) =>
  [`spotify:track:t${i}`, title, 'spotify:artist:a', artist, 'spotify:album:b', album, 'spotify:artist:a', artist, '1998-04-20', '', '1', String(i), String(ms), '', 'false', '50', '', '', ''].map((f) => `"${f}"`).join(',');

const overflow = (page: Page) => overflowReport(page, 'main, .workspace, .modal, .pl-table, .pl-bubbles');

await mkdir(OUT, { recursive: true });
for (const theme of themes) {
  for (const width of widths) {
    const app = await startApp({
      colorScheme: theme,
      viewport: { width, height: 860 },
      core: { env: {} },
      seed: async (core, dir) => {
        await mkdir(join(dir, 'owned'), { recursive: true });
        for (const [title, artist, album, sec] of [['Teardrop', 'Massive Attack', 'Mezzanine', 330], ['Smells Like Teen Spirit', 'Nirvana', 'Nevermind', 301]] as const) {
          const path = join(dir, 'owned', `${title}.mp3`);
          await writeFile(path, Buffer.alloc(4096, 7));
          const albumId = core.catalog.upsertAlbum({ title: album, artist: { name: artist } });
          core.catalog.upsertTrack({ title, artist: { name: artist }, albumId, trackNumber: 1, durationSec: sec, localPath: path, sizeBytes: 4096 });
        }
      },
    });
    const shot = async (name: string) => {
      await app.page.waitForTimeout(250);
      const file = join(OUT, `playlists-${name}-${width}-${theme}.png`);
      await app.page.screenshot({ path: file });
      process.stdout.write(`${file} ${await overflow(app.page)}\n`);
    };
    try {
      const small = join(app.dir, 'Evening Mix.csv');
      await mkdir(app.dir, { recursive: true });
      await writeFile(small, [HEADER, row(1, 'Teardrop', 'Massive Attack', 'Mezzanine', 331_000), row(2, 'Teen Spirit', 'Nirvana', 'Nevermind', 301_000),
        row(3, 'Roads', 'Portishead', 'Dummy', 305_000), row(4, 'Glory Box (Live at the Roseland Ballroom, New York City)', 'Portishead', 'Roseland NYC Live', 306_000)].join('\n') + '\n');
      const big = join(app.dir, 'Everything Ever.csv');
      const rows = [HEADER];
      for (let i = 1; i <= 4000; i++) rows.push(row(i, `Song number ${i}`, `Artist ${i % 97}`, `Album ${i % 31}`, 200_000 + i));
      await writeFile(big, rows.join('\n') + '\n');

      await app.page.getByRole('link', { name: 'Playlists' }).click();
      await app.page.getByRole('heading', { level: 1, name: 'Playlists' }).waitFor();
      await shot('page-empty');
      await app.page.getByLabel('Playlist file').fill(big);
      await app.page.getByRole('button', { name: 'Open', exact: true }).click();
      await app.page.getByRole('button', { name: 'Begin Search' }).click();
      await app.page.getByText(/Checking your library…/).waitFor();
      await shot('modal-analysing');
      await app.page.keyboard.press('Escape');
      await app.page.getByRole('list', { name: 'Playlists in progress' }).waitFor();
      await shot('bubble-analysing');
      await app.page.getByText(/downloads left/).first().waitFor({ timeout: 120_000 });

      await app.page.getByLabel('Playlist file').fill(small);
      await app.page.getByRole('button', { name: 'Open', exact: true }).click();
      await app.page.getByRole('button', { name: 'Begin Search' }).click();
      await app.page.getByText(/Analysis finished/).waitFor();
      await shot('modal-review');
      await app.page.getByRole('button', { name: 'This is owned: Teen Spirit' }).click();
      await app.page.getByRole('region', { name: 'Awaiting review' }).waitFor({ state: 'detached' });
      await shot('modal-done');
      await app.page.keyboard.press('Escape');
      await app.page.getByRole('button', { name: /^Evening Mix:/ }).waitFor();
      await shot('page-bubbles');
    } finally {
      await app.close();
    }
  }
}

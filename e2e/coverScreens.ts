// `npx tsx e2e/coverScreens.ts [widths] [themes]`: the Library with album covers (artist rows, album tiles, an
// album's header; embedded pictures, folder images and albums without a cover) at 360, 420 and 1280 px, light and
// dark, into screenshots/ (gitignored), printing any horizontal overflow. Needs `npm run build:renderer`.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import type { Core } from '../src/main/core';
import { makeTone } from '../test/support/audio';
import { embedPicture } from '../test/support/pictures';
import { startApp } from './support/app';
import { SCREENSHOTS, screenArgs, overflowReport } from './support/screens';

const OUT = SCREENSHOTS;
const { widths, themes } = screenArgs();

/** A cover-like picture: a diagonal gradient with a circle. */
function artwork(a: string, b: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${a}"/><stop offset="1" stop-color="${b}"/></linearGradient></defs><rect width="600" height="600" fill="url(#g)"/><circle cx="380" cy="240" r="120" fill="#ffffff" fill-opacity="0.35"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}

const ALBUMS: { artist: string; title: string; colors?: [string, string]; year: string }[] = [
  { artist: 'Marisol Vega', title: 'Tidewater', colors: ['#0f4c75', '#f7b267'], year: '2018' },
  { artist: 'Marisol Vega', title: 'Paper Lanterns', colors: ['#7b2d26', '#f2e3bc'], year: '2020' },
  { artist: 'Marisol Vega', title: 'Quiet Hours', year: '2022' },
  { artist: 'Marisol Vega', title: 'Night Ferry', colors: ['#1b1b3a', '#9a48d0'], year: '2024' },
  { artist: 'Ola Brandt', title: 'Glass Orchard', colors: ['#2d6a4f', '#d8f3dc'], year: '2015' },
  { artist: 'Ola Brandt', title: 'Winter Index', year: '2017' },
  { artist: 'The Long Afternoons', title: 'Static Bloom', colors: ['#e76f51', '#264653'], year: '2021' },
];

async function seed(core: Core, dir: string): Promise<void> {
  for (const [i, a] of ALBUMS.entries()) {
    const albumId = core.catalog.upsertAlbum({ title: a.title, artist: { name: a.artist }, releaseDate: `${a.year}-01-01`, trackCount: 3 });
    for (let n = 1; n <= 2; n++) {
      const file = await makeTone(join(dir, a.artist, a.title, `0${n} Track ${n}.mp3`), { seconds: 1, format: 'mp3' });
      if (a.colors && n === 1) await embedPicture(file, await artwork(...a.colors));
      core.catalog.upsertTrack({ title: `${a.title} ${n}`, artist: { name: a.artist }, albumId, trackNumber: n, localPath: file });
    }
    core.catalog.upsertTrack({ title: `${a.title} 3`, artist: { name: a.artist }, albumId, trackNumber: 3 });
    if (i === 4) core.catalog.upsertTrack({ title: 'Loose single', artist: { name: a.artist } });
  }
  core.events.catalogChanged();
}

const overflow = (page: Page) => overflowReport(page, 'main, .workspace, .topbar, .page');

const settled = (p: Page) =>
  p.waitForFunction(() => [...document.querySelectorAll('.album-cover')].every((e) => e.getAttribute('data-cover') !== 'pending'), undefined, { timeout: 20_000 });

await mkdir(OUT, { recursive: true });
for (const theme of themes) {
  for (const width of widths) {
    const app = await startApp({ colorScheme: theme, viewport: { width, height: 860 }, seed, core: { env: {} } });
    try {
      const artist = app.core.db.prepare(`SELECT id FROM artists WHERE name = 'Marisol Vega'`).get() as { id: number };
      const album = app.core.db.prepare(`SELECT id FROM albums WHERE title = 'Tidewater'`).get() as { id: number };
      const bare = app.core.db.prepare(`SELECT id FROM albums WHERE title = 'Quiet Hours'`).get() as { id: number };
      const shots: [string, string, (p: Page) => Promise<unknown>][] = [
        ['library', '#/library', (p) => p.getByRole('list', { name: 'Artists' }).waitFor()],
        ['artist', `#/library/artist/${artist.id}`, (p) => p.getByRole('list', { name: 'Albums' }).waitFor()],
        ['album', `#/library/album/${album.id}`, (p) => p.getByRole('list', { name: 'Tracks' }).waitFor()],
        ['album-nocover', `#/library/album/${bare.id}`, (p) => p.getByRole('list', { name: 'Tracks' }).waitFor()],
      ];
      for (const [name, hash, ready] of shots) {
        await app.page.evaluate((h) => (window.location.hash = h), hash);
        await ready(app.page);
        await settled(app.page);
        await app.page.waitForTimeout(400);
        const file = join(OUT, `covers-${name}-${width}-${theme}.png`);
        await app.page.screenshot({ path: file });
        process.stdout.write(`${file} ${await overflow(app.page)}\n`);
      }
    } finally {
      await app.close();
    }
  }
}

// `npx tsx e2e/libraryScreens.ts [widths] [themes]`: the Library's sort controls (artists, tracks, an artist's
// albums) and a 5,000-track compilation scrolled to its end, into screenshots/ (gitignored), printing any
// horizontal overflow. Needs `npm run build:renderer`.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startApp } from './support/app';
import { seedDemoCatalog } from './support/demoCatalog';
import { SCREENSHOTS, screenArgs } from './support/screens';

const OUT = SCREENSHOTS;
const { widths, themes } = screenArgs();

const overflow = (page: Page) =>
  page.evaluate(() => {
    const d = document.documentElement;
    const bad = [...document.querySelectorAll<HTMLElement>('main, .workspace, .topbar, .page, .lib-toolbar')].filter((e) => e.scrollWidth > e.clientWidth + 1);
    return d.scrollWidth > d.clientWidth || bad.length ? `OVERFLOW doc ${d.scrollWidth}/${d.clientWidth} ${bad.map((b) => `${b.className}:${b.scrollWidth}/${b.clientWidth}`).join(' ')}` : '';
  });

await mkdir(OUT, { recursive: true });
for (const theme of themes) {
  for (const width of widths) {
    let compilation = 0;
    const app = await startApp({
      colorScheme: theme,
      viewport: { width, height: 860 },
      core: { env: {} },
      seed: async (core, dir) => {
        await seedDemoCatalog(core, dir, { queued: 0 });
        for (const [title, releaseDate] of [['Early Days', '2010-03-01'], ['Late Nights', '2020-09-01']] as const) {
          const albumId = core.catalog.upsertAlbum({ title, artist: { name: 'Marisol Vega' }, releaseDate, trackCount: 2 });
          core.catalog.upsertTrack({ title: `${title} Theme`, artist: { name: 'Marisol Vega' }, albumId, trackNumber: 1 });
        }
        core.db.transaction(() => {
          compilation = core.catalog.upsertAlbum({ title: 'Every Song Ever', artist: { name: 'Various Artists' }, trackCount: 5000, releaseDate: '2024-01-01' });
          for (let n = 1; n <= 5000; n++) core.catalog.upsertTrack({ title: `Track ${n}`, artist: { name: 'Various Artists' }, albumId: compilation, trackNumber: n, durationSec: 200 });
        })();
      },
    });
    try {
      const artist = app.core.db.prepare(`SELECT id FROM artists WHERE name = 'Marisol Vega'`).get() as { id: number };
      const shots: [string, string, (p: Page) => Promise<unknown>][] = [
        ['artists-sorted', '#/library', async (p) => {
          await p.getByRole('combobox', { name: 'Sort artists' }).selectOption({ label: 'Most complete' });
        }],
        ['tracks-sorted', '#/library', async (p) => {
          await p.getByRole('button', { name: 'Tracks', exact: true }).click();
          await p.getByRole('combobox', { name: 'Sort tracks' }).selectOption({ label: 'Recently added' });
        }],
        ['artist-albums-sorted', `#/library/artist/${artist.id}`, (p) => p.getByRole('combobox', { name: 'Sort albums' }).waitFor()],
        ['compilation-end', `#/library/album/${compilation}`, async (p) => {
          const list = p.getByRole('list', { name: 'Tracks' });
          await list.getByText('Track 1', { exact: true }).waitFor();
          await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
          await list.getByText('Track 5000', { exact: true }).waitFor();
        }],
      ];
      for (const [name, hash, ready] of shots) {
        await app.page.evaluate((h) => (window.location.hash = h), hash);
        await ready(app.page);
        await app.page.waitForTimeout(300);
        const file = join(OUT, `lib-${name}-${width}-${theme}.png`);
        await app.page.screenshot({ path: file });
        process.stdout.write(`${file} ${await overflow(app.page)}\n`);
      }
    } finally {
      await app.close();
    }
  }
}

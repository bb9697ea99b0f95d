// Layouts that hold: every page at 360, 420, 768 and 1280 px, light and dark, with no horizontal overflow
// (scrollWidth <= clientWidth for the document and every scrolling region).
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { seedDemoCatalog } from './support/demoCatalog';

let artistId = 0;
let albumId = 0;
test.use({
  cassetteOptions: {
    core: { env: {} },
    seed: async (core, dir) => {
      await seedDemoCatalog(core, dir, { queued: 200 });
      artistId = (core.db.prepare(`SELECT id FROM artists WHERE name = 'Marisol Vega'`).get() as { id: number }).id;
      albumId = (core.db.prepare('SELECT id FROM albums WHERE artist_id = ? LIMIT 1').get(artistId) as { id: number }).id;
    },
  },
});

/** Each page, its route, and what shows once it has loaded (its heading and its content). */
const PAGES = (): [name: string, hash: string, ready: (page: Page) => Locator[]][] => {
  const h1 = (page: Page, name: string) => page.getByRole('heading', { name, level: 1 });
  const row = (page: Page, list: string) => page.getByRole('list', { name: list }).getByRole('listitem', { name: / by / }).first();
  return [
    ['dashboard', '#/dashboard', (p) => [h1(p, 'Dashboard'), p.getByRole('region', { name: 'Collection' }).getByRole('listitem', { name: /^Songs: \d/ })]],
    ['downloads active', '#/downloads/active', (p) => [h1(p, 'Downloads'), row(p, 'Active downloads')]],
    ['downloads queued', '#/downloads/queued', (p) => [h1(p, 'Downloads'), row(p, 'Queued downloads')]],
    ['downloads finished', '#/downloads/finished', (p) => [h1(p, 'Downloads'), row(p, 'Finished downloads')]],
    ['downloads failed', '#/downloads/failed', (p) => [h1(p, 'Downloads'), row(p, 'Failed downloads')]],
    ['library', '#/library', (p) => [h1(p, 'Library'), p.getByRole('list', { name: 'Artists' }).getByRole('link').first()]],
    ['library artist', `#/library/artist/${artistId}`, (p) => [h1(p, 'Marisol Vega'), p.getByRole('list', { name: 'Albums' }).getByRole('link').first()]],
    ['library album', `#/library/album/${albumId}`, (p) => [p.getByRole('list', { name: 'Tracks' }).getByRole('listitem').first()]],
    ['settings', '#/settings', (p) => [h1(p, 'Settings'), p.getByRole('region', { name: 'Soulseek (slskd)' })]],
    ['qobuz', '#/qobuz', (p) => [h1(p, 'Qobuz'), p.getByRole('region', { name: 'Sign in to Qobuz' })]],
    ['search', '#/search', (p) => [h1(p, 'Search'), p.getByRole('heading', { name: 'Soulseek is not set up' })]],
    ['playlists', '#/playlists', (p) => [h1(p, 'Playlists'), p.getByRole('region', { name: 'Import a playlist' })]],
  ];
};

/** What is wider than its box: the document, and every scrolling region and card. */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const out: string[] = [];
    const d = document.documentElement;
    if (d.scrollWidth > d.clientWidth) out.push(`document ${d.scrollWidth} > ${d.clientWidth}`);
    for (const el of document.querySelectorAll<HTMLElement>('main, .topbar, .workspace, .lib-scroll, .dl-scroll, .card')) {
      if (el.scrollWidth > el.clientWidth + 1) out.push(`${el.className.split(' ')[0]} ${el.scrollWidth} > ${el.clientWidth}`);
    }
    return out;
  });

for (const width of [360, 420, 768, 1280]) {
  for (const theme of ['light', 'dark'] as const) {
    test.describe(`at ${width} px, ${theme}`, () => {
      test.use({ viewport: { width, height: 800 }, colorScheme: theme });

      test('no page overflows horizontally', async ({ app }) => {
        await expect(app.locator('html')).toHaveAttribute('data-theme', theme);
        for (const [name, hash, ready] of PAGES()) {
          await test.step(name, async () => {
            await app.evaluate((h) => (window.location.hash = h), hash);
            for (const l of ready(app)) await expect(l).toBeVisible();
            await expect.poll(() => overflow(app), { message: `${theme} ${name} at ${width} px overflows` }).toEqual([]);
          });
        }
      });
    });
  }
}

// Layouts that hold: every page at 360, 420, 768 and 1280 px, light and dark, with no horizontal overflow
// (scrollWidth <= clientWidth for the document and every scrolling region).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCatalog } from './support/demoCatalog';
import { startApp, type App } from './support/app';

let app: App;
let artistId: number;
let albumId: number;

beforeAll(async () => {
  app = await startApp({ core: { env: {} }, seed: (core, dir) => seedDemoCatalog(core, dir, { queued: 200 }) });
  artistId = (app.core.db.prepare(`SELECT id FROM artists WHERE name = 'Marisol Vega'`).get() as { id: number }).id;
  albumId = (app.core.db.prepare('SELECT id FROM albums WHERE artist_id = ? LIMIT 1').get(artistId) as { id: number }).id;
});
afterAll(async () => app?.close());

const PAGES = () => [
  ['dashboard', '#/dashboard', 'Dashboard'],
  ['downloads active', '#/downloads/active', 'Downloads'],
  ['downloads queued', '#/downloads/queued', 'Downloads'],
  ['downloads finished', '#/downloads/finished', 'Downloads'],
  ['downloads failed', '#/downloads/failed', 'Downloads'],
  ['library', '#/library', 'Library'],
  ['library artist', `#/library/artist/${artistId}`, 'Marisol Vega'],
  ['library album', `#/library/album/${albumId}`, null],
  ['settings', '#/settings', 'Settings'],
  ['qobuz', '#/qobuz', 'Qobuz'],
] as const;

describe('no horizontal overflow', () => {
  for (const width of [360, 420, 768, 1280]) {
    it(`holds at ${width} px in both themes`, async () => {
      const { page } = app;
      await page.setViewportSize({ width, height: 800 });
      const problems: string[] = [];
      for (const theme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: theme });
        for (const [name, hash, heading] of PAGES()) {
          await page.evaluate((h) => (window.location.hash = h), hash);
          if (heading) await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
          else await page.getByRole('list', { name: 'Tracks' }).waitFor();
          await page.waitForTimeout(150);
          const over = await page.evaluate(() => {
            const out: string[] = [];
            const d = document.documentElement;
            if (d.scrollWidth > d.clientWidth) out.push(`document ${d.scrollWidth} > ${d.clientWidth}`);
            for (const el of document.querySelectorAll<HTMLElement>('main, .topbar, .workspace, .lib-scroll, .dl-scroll, .card')) {
              if (el.scrollWidth > el.clientWidth + 1) out.push(`${el.className.split(' ')[0]} ${el.scrollWidth} > ${el.clientWidth}`);
            }
            return out;
          });
          for (const o of over) problems.push(`${theme} ${name}: ${o}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});

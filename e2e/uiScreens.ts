// `npx tsx e2e/uiScreens.ts [widths]`: the pages this round touched (dashboard with source states, Library from
// artists to an album, Settings with test results, Downloads with waiting rows) at 360, 420 and 1280 px, light
// and dark, into screenshots/ (gitignored), printing any horizontal overflow. Needs `npm run build:renderer`.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startApp } from './support/app';
import { seedDemoCatalog } from './support/demoCatalog';
import { SCREENSHOTS, screenArgs, overflowReport } from './support/screens';

const OUT = SCREENSHOTS;
const { widths, themes } = screenArgs();

const overflow = (page: Page) => overflowReport(page, 'main, .workspace, .topbar, .page');

await mkdir(OUT, { recursive: true });
for (const theme of themes) {
  for (const width of widths) {
    const app = await startApp({ colorScheme: theme, viewport: { width, height: 860 }, seed: (core, dir) => seedDemoCatalog(core, dir, { queued: 300 }), core: { env: {} } });
    try {
      const artist = app.core.db.prepare(`SELECT id FROM artists WHERE name = 'Marisol Vega'`).get() as { id: number };
      const album = app.core.db.prepare(`SELECT id FROM albums WHERE artist_id = ? LIMIT 1`).get(artist.id) as { id: number };
      const shots: [string, string, (p: Page) => Promise<unknown>][] = [
        ['dashboard', '#/dashboard', (p) => p.getByRole('heading', { name: 'Download sources' }).waitFor()],
        ['library', '#/library', (p) => p.getByRole('list', { name: 'Artists' }).waitFor()],
        ['library-artist', `#/library/artist/${artist.id}`, (p) => p.getByRole('list', { name: 'Albums' }).waitFor()],
        ['library-album', `#/library/album/${album.id}`, (p) => p.getByRole('list', { name: 'Tracks' }).waitFor()],
        ['settings', '#/settings', (p) => p.getByRole('heading', { name: 'Soulseek (slskd)' }).waitFor()],
        ['downloads-queued', '#/downloads/queued', (p) => p.getByRole('tab', { name: /^Queued/ }).waitFor()],
        ['downloads-failed', '#/downloads/failed', (p) => p.getByRole('tab', { name: /^Failed/ }).waitFor()],
      ];
      for (const [name, hash, ready] of shots) {
        await app.page.evaluate((h) => (window.location.hash = h), hash);
        await ready(app.page);
        if (name === 'settings') {
          await app.page.getByRole('textbox', { name: 'slskd address' }).fill('http://127.0.0.1:9');
          await app.page.getByRole('button', { name: 'Test connection' }).first().click();
          await app.page.getByRole('status').filter({ hasText: /Unreachable|API key/ }).first().waitFor();
        }
        await app.page.waitForTimeout(300);
        const file = join(OUT, `ui-${name}-${width}-${theme}.png`);
        await app.page.screenshot({ path: file, fullPage: name === 'settings' });
        process.stdout.write(`${file} ${await overflow(app.page)}\n`);
      }
    } finally {
      await app.close();
    }
  }
}

// `npx tsx e2e/keepLikesScreens.ts [widths] [themes]`: Settings → Spotify with the Keep my likes toggle, the
// Playlists page with Liked Songs, and the Liked Songs dashboard with its end-of-run summary, at 360, 420 and
// 1280 px, light and dark, into screenshots/ (gitignored), printing any horizontal overflow. Needs
// `npm run build:renderer`.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startApp } from './support/app';
import { signInOnPage, spotifySandbox } from './support/spotify';
import { SCREENSHOTS, screenArgs, overflowReport } from './support/screens';

const OUT = SCREENSHOTS;
const { widths, themes } = screenArgs();

const overflow = (page: Page) => overflowReport(page, 'main, .workspace, .modal, .pl-summary, .settings-form');

await mkdir(OUT, { recursive: true });
for (const theme of themes) {
  for (const width of widths) {
    const spotify = await spotifySandbox({ likes: 12, playlists: 1, itemsPerPlaylist: 4 });
    const app = await startApp({ colorScheme: theme, viewport: { width, height: 860 }, core: spotify.core });
    const shot = async (name: string) => {
      await app.page.waitForTimeout(250);
      const file = join(OUT, `keeplikes-${name}-${width}-${theme}.png`);
      await app.page.screenshot({ path: file });
      process.stdout.write(`${file} ${await overflow(app.page)}\n`);
    };
    try {
      const page = app.page;
      await signInOnPage(page, spotify.emu, 'main', 'alice');
      const keep = page.getByRole('checkbox', { name: 'Keep my likes' });
      await keep.check();
      await keep.scrollIntoViewIfNeeded();
      await shot('settings');
      await page.locator('form').filter({ has: keep }).getByRole('button', { name: 'Save' }).click();
      await page.getByText('Saved. In use now.').waitFor();

      await page.getByRole('link', { name: 'Playlists' }).click();
      await page.getByRole('button', { name: 'Download Missing Tracks: Liked Songs' }).waitFor();
      await shot('playlists');
      await page.getByRole('button', { name: 'Download Missing Tracks: Liked Songs' }).click();
      await page.getByRole('button', { name: 'Begin Search' }).click();
      await page.getByText(/Analysis finished/).waitFor();

      // The downloads end: most filed, two that nobody shares.
      const ids = (app.core.db.prepare(`SELECT id FROM tracks WHERE spotify_id IS NOT NULL ORDER BY id`).all() as { id: number }[]).map((r) => r.id);
      for (const id of ids.slice(0, -2)) app.core.catalog.markDownloaded(id, join(app.dir, `${id}.mp3`), 4096);
      for (const id of ids.slice(-2)) app.core.catalog.markFailed(id, 'not_found', 'Nobody shares it', null);
      await page.reload();
      await page.getByRole('button', { name: 'Download Missing Tracks: Liked Songs' }).click();
      await page.getByRole('status', { name: 'Run summary' }).waitFor();
      await shot('modal-summary');
    } finally {
      await app.close();
      await spotify.close();
    }
  }
}

// `npx tsx e2e/settingsId3Screens.ts [widths] [themes]`: the Settings page's Folders section with the MP3 tag
// choice (ID3v2.3 chosen), at 360, 420 and 1280 px, light and dark, into screenshots/ (gitignored), printing any
// horizontal overflow. Needs `npm run build:renderer`.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startApp } from './support/app';
import { SCREENSHOTS, screenArgs, overflowReport } from './support/screens';

const OUT = SCREENSHOTS;
const { widths, themes } = screenArgs();

const overflow = (page: Page) => overflowReport(page, 'main, .workspace, .topbar, .page, .card, .choice');

await mkdir(OUT, { recursive: true });
for (const theme of themes) {
  for (const width of widths) {
    const app = await startApp({ colorScheme: theme, viewport: { width, height: 1000 }, core: { env: {} } });
    try {
      const p = app.page;
      await p.evaluate(() => (window.location.hash = '#/settings/folders'));
      const card = p.getByRole('region', { name: 'Folders and downloads' });
      await card.getByRole('radio', { name: 'ID3v2.3 (older players, car stereos)' }).check();
      await card.getByRole('radio', { name: 'ID3v2.3 (older players, car stereos)' }).focus();
      const file = join(OUT, `settings-id3-${width}-${theme}.png`);
      await card.screenshot({ path: file });
      process.stdout.write(`${file}\n${width} ${theme} ${await overflow(p)} errors=${app.pageErrors.length}\n`);
    } finally {
      await app.close();
    }
  }
}

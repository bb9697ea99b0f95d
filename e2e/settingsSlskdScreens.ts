// `npx tsx e2e/settingsSlskdScreens.ts [widths] [themes]`: Settings → Soulseek with the download-quality choice at
// 360, 420 and 1280 px, light and dark, into screenshots/ (gitignored), printing any horizontal overflow. Needs
// `npm run build:renderer`.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startApp } from './support/app';
import { SCREENSHOTS, screenArgs, overflowReport } from './support/screens';

const OUT = SCREENSHOTS;
const { widths, themes } = screenArgs();

const overflow = (page: Page) => overflowReport(page, 'main, .workspace, .topbar, .page, .card');

await mkdir(OUT, { recursive: true });
for (const theme of themes) {
  for (const width of widths) {
    const app = await startApp({ colorScheme: theme, viewport: { width, height: 900 }, core: { env: {} } });
    try {
      const p = app.page;
      await p.evaluate(() => (window.location.hash = '#/settings/slskd'));
      const region = p.getByRole('region', { name: 'Soulseek (slskd)' });
      await region.waitFor();
      await region.getByRole('combobox', { name: 'Download quality' }).selectOption('lossless');
      await p.waitForTimeout(200);
      const file = join(OUT, `settings-slskd-${width}-${theme}.png`);
      await region.screenshot({ path: file });
      process.stdout.write(`${file}\n${width} ${theme} ${await overflow(p)} errors=${app.pageErrors.length}\n`);
    } finally {
      await app.close();
    }
  }
}

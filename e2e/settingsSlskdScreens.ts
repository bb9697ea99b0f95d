// `npx tsx e2e/settingsSlskdScreens.ts [widths] [themes]`: Settings → Soulseek with the download-quality choice at
// 360, 420 and 1280 px, light and dark, into screenshots/ (gitignored), printing any horizontal overflow. Needs
// `npm run build:renderer`.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { startApp } from './support/app';

const OUT = fileURLToPath(new URL('../screenshots', import.meta.url));
const widths = (process.argv[2] ?? '360,420,1280').split(',').map(Number);
const themes = (process.argv[3] ?? 'light,dark').split(',') as ('light' | 'dark')[];

async function overflow(page: Page): Promise<string> {
  return page.evaluate(() => {
    const d = document.documentElement;
    const bad = [...document.querySelectorAll<HTMLElement>('main, .workspace, .topbar, .page, .card')].filter((e) => e.scrollWidth > e.clientWidth + 1);
    return d.scrollWidth > d.clientWidth || bad.length ? `OVERFLOW doc ${d.scrollWidth}/${d.clientWidth} ${bad.map((b) => `${b.className}:${b.scrollWidth}/${b.clientWidth}`).join(' ')}` : '';
  });
}

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

// `npx tsx e2e/settingsId3Screens.ts [widths] [themes]`: the Settings page's Folders section with the MP3 tag
// choice (ID3v2.3 chosen), at 360, 420 and 1280 px, light and dark, into screenshots/ (gitignored), printing any
// horizontal overflow. Needs `npm run build:renderer`.
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
    const bad = [...document.querySelectorAll<HTMLElement>('main, .workspace, .topbar, .page, .card, .choice')].filter((e) => e.scrollWidth > e.clientWidth + 1);
    return d.scrollWidth > d.clientWidth || bad.length ? `OVERFLOW doc ${d.scrollWidth}/${d.clientWidth} ${bad.map((b) => `${b.className}:${b.scrollWidth}/${b.clientWidth}`).join(' ')}` : '';
  });
}

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

// What every screenshot script shares: where the pictures go (screenshots/, gitignored), the widths and themes
// from its arguments (`[widths] [themes]`, default 360,420,1280 and light,dark), and the overflow check it prints.
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

export const SCREENSHOTS = fileURLToPath(new URL('../../screenshots', import.meta.url));

export function screenArgs(argv: readonly string[] = process.argv): { widths: number[]; themes: ('light' | 'dark')[] } {
  return {
    widths: (argv[2] ?? '360,420,1280').split(',').map(Number),
    themes: (argv[3] ?? 'light,dark').split(',') as ('light' | 'dark')[],
  };
}

/** "" when nothing is wider than its box; else which of `selectors` (and the document) overflow, by how much. */
export function overflowReport(page: Page, selectors: string): Promise<string> {
  return page.evaluate((sel) => {
    const d = document.documentElement;
    const bad = [...document.querySelectorAll<HTMLElement>(sel)].filter((e) => e.scrollWidth > e.clientWidth + 1);
    return d.scrollWidth > d.clientWidth || bad.length ? `OVERFLOW doc ${d.scrollWidth}/${d.clientWidth} ${bad.map((b) => `${b.className}:${b.scrollWidth}/${b.clientWidth}`).join(' ')}` : '';
  }, selectors);
}

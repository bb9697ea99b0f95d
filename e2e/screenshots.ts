// `npx tsx e2e/screenshots.ts [empty|full|loading|error|qobuz]`: every page in its empty, loading, error and full
// states, and the Qobuz page from signed out to a finished sync (against the Qobuz emulator), light and dark, into
// screenshots/ (gitignored) — for looking at, not for asserting. Needs `npm run build:renderer` first.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { startApp, type App, type AppOptions } from './support/app';
import { seedDemoCatalog } from './support/demoCatalog';
import { qobuzSandbox } from './support/qobuz';

const OUT = fileURLToPath(new URL('../screenshots', import.meta.url));
const THEMES = ['light', 'dark'] as const;
type Theme = (typeof THEMES)[number];

const PAGES: { name: string; hash: string; ready: (p: Page) => Promise<unknown> }[] = [
  { name: 'dashboard', hash: '#/dashboard', ready: (p) => p.getByRole('heading', { name: 'Dashboard' }).waitFor() },
  { name: 'downloads-active', hash: '#/downloads/active', ready: (p) => p.getByRole('tab', { name: /^Active/ }).waitFor() },
  { name: 'downloads-queued', hash: '#/downloads/queued', ready: (p) => p.getByRole('tab', { name: /^Queued/ }).waitFor() },
  { name: 'downloads-finished', hash: '#/downloads/finished', ready: (p) => p.getByRole('tab', { name: /^Finished/ }).waitFor() },
  { name: 'downloads-failed', hash: '#/downloads/failed', ready: (p) => p.getByRole('tab', { name: /^Failed/ }).waitFor() },
  { name: 'library', hash: '#/library', ready: (p) => p.getByRole('heading', { name: 'Library' }).waitFor() },
  { name: 'qobuz', hash: '#/qobuz', ready: (p) => p.getByRole('heading', { name: 'Qobuz', level: 1 }).waitFor() },
];

async function shoot(page: Page, state: string, theme: Theme, settle?: (p: Page) => Promise<unknown>) {
  for (const p of PAGES) {
    await page.evaluate((h) => {
      window.location.hash = h;
    }, p.hash);
    await p.ready(page);
    await settle?.(page);
    await page.waitForTimeout(350);
    const file = join(OUT, `${state}-${p.name}-${theme}.png`);
    await page.screenshot({ path: file });
    process.stdout.write(`${file}\n`);
  }
}

async function withApp(theme: Theme, seed: AppOptions['seed'], run: (app: App) => Promise<void>) {
  const app = await startApp({ colorScheme: theme, seed });
  try {
    await run(app);
  } finally {
    await app.close();
  }
}

await mkdir(OUT, { recursive: true });
const only = process.argv[2];

for (const theme of THEMES) {
  if (!only || only === 'empty') {
    await withApp(theme, undefined, async (app) => {
      await app.page.getByRole('listitem', { name: 'Songs: 0' }).waitFor();
      await shoot(app.page, 'empty', theme);
    });
  }

  if (!only || only === 'full') {
    await withApp(theme, (core, dir) => seedDemoCatalog(core, dir), async (app) => {
      const { page } = app;
      await page.getByRole('listitem', { name: /^Songs: \d{4,}/ }).waitFor();
      await shoot(page, 'full', theme);
      // The Failed view with a row opened, and the dashboard after a reconcile and an import.
      await page.evaluate(() => {
        window.location.hash = '#/downloads/failed';
      });
      await page.getByRole('button', { name: 'Details for Silver Signals by Northern Static' }).click();
      await page.waitForTimeout(200);
      await page.screenshot({ path: join(OUT, `full-downloads-failed-expanded-${theme}.png`) });
      await page.evaluate(() => {
        window.location.hash = '#/dashboard';
      });
      await page.getByRole('button', { name: 'Reconcile now' }).click();
      await page.getByRole('status').filter({ hasText: 'Checked' }).waitFor();
      await page.getByLabel('Music folder').fill(join(app.dir, 'nowhere'));
      await page.getByRole('button', { name: 'Import' }).click();
      await page.getByRole('alert').filter({ hasText: 'Import failed' }).waitFor();
      await page.screenshot({ path: join(OUT, `full-dashboard-actions-${theme}.png`) });
      await page.getByLabel('Music folder').fill(app.dir);
      await page.getByRole('button', { name: 'Import' }).click();
      await page.getByRole('status').filter({ hasText: 'Imported' }).waitFor();
      await page.screenshot({ path: join(OUT, `full-dashboard-imported-${theme}.png`) });
      // A narrow window.
      await page.setViewportSize({ width: 720, height: 900 });
      await page.evaluate(() => {
        window.location.hash = '#/downloads/queued';
      });
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(OUT, `full-downloads-narrow-${theme}.png`) });
      await page.evaluate(() => {
        window.location.hash = '#/dashboard';
      });
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(OUT, `full-dashboard-narrow-${theme}.png`) });
    });
  }

  if (!only || only === 'loading') {
    // Loading: a socket that opens but never answers.
    await withApp(theme, undefined, async (app) => {
      const { page } = app;
      await page.routeWebSocket(/\/rpc/, () => {});
      await page.goto('about:blank');
      await page.goto(app.openUrl);
      await shoot(page, 'loading', theme);
    });
  }

  if (!only || only === 'error') {
    await withApp(theme, (core, dir) => seedDemoCatalog(core, dir, { queued: 300 }), async (app) => {
      const { page } = app;
      await page.getByRole('listitem', { name: /^Songs: \d+/ }).waitFor();
      await app.stopHost();
      await page.getByRole('alert').filter({ hasText: "Can't reach Cassette" }).waitFor();
      await shoot(page, 'error', theme);
    });
  }

  if (!only || only === 'qobuz') {
    // The emulator's standard library: awkward names, a track bought twice, two preview-only tracks that fail.
    const q = await qobuzSandbox();
    const app = await startApp({ colorScheme: theme, core: q.core });
    const { page } = app;
    const shot = async (name: string) => {
      await page.waitForTimeout(300);
      const file = join(OUT, `qobuz-${name}-${theme}.png`);
      await page.screenshot({ path: file });
      process.stdout.write(`${file}\n`);
    };
    try {
      await page.evaluate(() => {
        window.location.hash = '#/qobuz';
      });
      await page.getByLabel('Qobuz token').waitFor();
      await shot('signed-out');
      await page.getByLabel('Qobuz token').fill('expired-token');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').waitFor();
      await shot('error');
      await page.getByLabel('Qobuz token').fill(q.emu.token);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('region', { name: 'Qobuz account' }).waitFor();
      await shot('signed-in');
      await page.getByRole('textbox', { name: 'Sync folder' }).fill(q.musicDir);
      await page.getByRole('button', { name: 'Save folder' }).click();
      await page.getByRole('button', { name: 'Preview', disabled: false }).click();
      await page.getByRole('list', { name: 'Planned downloads' }).waitFor();
      await shot('preview');
      await page.getByRole('list', { name: 'Planned downloads' }).scrollIntoViewIfNeeded();
      await shot('preview-list');
      await page.getByRole('searchbox', { name: 'Filter planned tracks' }).fill('kestrel');
      await shot('preview-filtered');
      q.emu.setBandwidth({ bytesPerSec: 120_000 });
      await page.getByRole('button', { name: 'Start sync' }).click();
      await page.getByRole('list', { name: 'Downloading now' }).getByRole('listitem').nth(2).waitFor({ timeout: 30_000 });
      await page.waitForTimeout(1500);
      await shot('syncing');
      q.emu.setBandwidth({});
      await page.getByRole('region', { name: 'Last sync' }).waitFor({ timeout: 60_000 });
      await shot('done');
      await page.getByRole('button', { name: 'Preview' }).click();
      await page.getByRole('region', { name: 'Preview' }).getByRole('status').waitFor();
      await page.getByRole('region', { name: 'Preview' }).scrollIntoViewIfNeeded();
      await shot('preview-again');
      await page.setViewportSize({ width: 720, height: 900 });
      await page.evaluate(() => document.getElementById('main')?.scrollTo(0, 0));
      await shot('narrow');
      await page.setViewportSize({ width: 1280, height: 860 });
      // Qobuz unreachable: sign out, stop the emulator, try again.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByLabel('Qobuz token').waitFor();
      await q.emu.close();
      await page.getByLabel('Qobuz token').fill('any-token');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').waitFor({ timeout: 30_000 });
      await shot('unreachable');
    } finally {
      await app.close();
      await q.close().catch(() => {});
    }
  }
}

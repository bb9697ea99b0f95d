// Everything reachable without a mouse: the skip link comes first, actions work with Tab and Enter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './support/app';
import { seedDownloadedTracks } from './support/seed';

let app: App;
beforeAll(async () => {
  app = await startApp({ seed: (core, dir) => seedDownloadedTracks(core, dir, 2).then(() => undefined) });
  await app.page.getByRole('listitem', { name: 'Songs: 2' }).waitFor();
});
afterAll(async () => app?.close());

const focused = () =>
  app.page.evaluate(() => {
    const el = document.activeElement;
    return el ? `${el.tagName.toLowerCase()}:${el.getAttribute('aria-label') ?? el.textContent?.trim() ?? ''}` : '';
  });

async function tabTo(label: string, max = 30): Promise<void> {
  for (let i = 0; i < max; i++) {
    await app.page.keyboard.press('Tab');
    if ((await focused()).endsWith(`:${label}`)) return;
  }
  throw new Error(`Tab never reached "${label}" (last: ${await focused()})`);
}

describe('keyboard', () => {
  it('offers "Skip to main content" first, and it moves focus to the page', async () => {
    await app.page.keyboard.press('Tab');
    expect(await focused()).toBe('a:Skip to main content');
    await app.page.keyboard.press('Enter');
    expect(await app.page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('runs "Reconcile now" from the keyboard', async () => {
    await tabTo('Reconcile now');
    await app.page.keyboard.press('Enter');
    await app.page.getByRole('status').filter({ hasText: 'Checked 2 files' }).waitFor();
  });

  it('pauses and resumes all downloads from the top bar', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Pause all' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Resume all' }).waitFor();
    expect(app.core.processor.isPaused).toBe(true);
    await page.getByRole('group', { name: 'Queue activity' }).getByText('Paused').waitFor();
    await page.getByRole('button', { name: 'Resume all' }).press('Enter');
    await page.getByRole('button', { name: 'Pause all' }).waitFor();
    expect(app.core.processor.isPaused).toBe(false);
  });

  it('moves between download tabs with the arrow keys', async () => {
    const { page } = app;
    await page.getByRole('link', { name: /^Downloads/ }).press('Enter');
    await page.getByRole('tab', { name: /^Active/, selected: true }).focus();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('tab', { name: /^Queued/, selected: true }).waitFor();
    expect(await focused()).toMatch(/^button:Queued/);
    await page.keyboard.press('End');
    await page.getByRole('tab', { name: /^Failed/, selected: true }).waitFor();
    await page.getByRole('tabpanel', { name: /^Failed/ }).getByText('No failed downloads').waitFor();
  });
});

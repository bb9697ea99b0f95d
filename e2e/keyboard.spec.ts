// Everything reachable without a mouse: the skip link comes first, actions work with Tab and Enter.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { seedDownloadedTracks } from './support/seed';

test.use({ cassetteOptions: { seed: (core, dir) => seedDownloadedTracks(core, dir, 2).then(() => undefined) } });

const focused = (page: Page) => page.locator(':focus');

async function tabTo(page: Page, label: string, max = 30): Promise<void> {
  const describe = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      return el ? (el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '') : '';
    });
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if ((await describe()) === label) return;
  }
  throw new Error(`Tab never reached "${label}" (last: ${await describe()})`);
}

test.beforeEach(async ({ app }) => {
  await expect(app.getByRole('listitem', { name: 'Songs: 2' })).toBeVisible();
});

test('offers "Skip to main content" first, and it moves focus to the page', async ({ app }) => {
  await app.keyboard.press('Tab');
  await expect(focused(app)).toHaveText('Skip to main content');
  await expect(focused(app)).toHaveJSProperty('tagName', 'A');
  await app.keyboard.press('Enter');
  await expect(focused(app)).toHaveId('main');
});

test('runs "Reconcile now" from the keyboard', async ({ app }) => {
  await tabTo(app, 'Reconcile now');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('status').filter({ hasText: 'Checked 2 files' })).toBeVisible();
});

test('pauses and resumes all downloads from the top bar', async ({ app, cassette }) => {
  await app.getByRole('button', { name: 'Pause all' }).focus();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('button', { name: 'Resume all' })).toBeVisible();
  await expect(app.getByRole('group', { name: 'Queue activity' }).getByText('Paused')).toBeVisible();
  expect(cassette.core.processor.isPaused).toBe(true);

  await app.getByRole('button', { name: 'Resume all' }).press('Enter');
  await expect(app.getByRole('button', { name: 'Pause all' })).toBeVisible();
  expect(cassette.core.processor.isPaused).toBe(false);
});

test('moves between download tabs with the arrow keys', async ({ app }) => {
  await app.getByRole('link', { name: /^Downloads/ }).press('Enter');
  await app.getByRole('tab', { name: /^Active/, selected: true }).focus();
  await app.keyboard.press('ArrowRight');
  await expect(app.getByRole('tab', { name: /^Queued/, selected: true })).toBeFocused();
  await app.keyboard.press('End');
  await expect(app.getByRole('tab', { name: /^Failed/, selected: true })).toBeFocused();
  await expect(app.getByRole('tabpanel', { name: /^Failed/ }).getByText('No failed downloads')).toBeVisible();
});

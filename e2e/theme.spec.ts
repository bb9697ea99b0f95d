// Light and dark: the app follows the system until the user flips the switch, and remembers the choice.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

const html = (page: Page) => page.locator('html');

test.describe('with a dark system preference', () => {
  test.use({ colorScheme: 'dark' });

  test('follows it when no choice is saved', async ({ app }) => {
    await expect(app.getByRole('switch', { name: 'Dark theme' })).toHaveAttribute('aria-checked', 'true');
    await expect(html(app)).toHaveAttribute('data-theme', 'dark');
  });
});

test('switches with the keyboard and keeps the choice after a reload', async ({ app }) => {
  const toggle = app.getByRole('switch', { name: 'Dark theme' });
  await expect(toggle).toHaveAttribute('aria-checked', 'false');
  await expect(html(app)).toHaveAttribute('data-theme', 'light');
  await expect(app.locator('body')).toHaveCSS('background-color', 'rgb(246, 245, 242)');

  await toggle.focus();
  await app.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-checked', 'true');
  await expect(html(app)).toHaveAttribute('data-theme', 'dark');
  await expect(app.locator('body')).not.toHaveCSS('background-color', 'rgb(246, 245, 242)');

  await app.reload();
  await expect(app.getByRole('switch', { name: 'Dark theme', checked: true })).toBeVisible();
  await expect(html(app)).toHaveAttribute('data-theme', 'dark');
  // The token survived the reload too (kept for the tab, no longer in the address bar).
  expect(app.url()).not.toContain('token');
  await expect(app.getByRole('region', { name: 'Collection' }).getByRole('listitem', { name: 'Songs: 0' })).toBeVisible();
});

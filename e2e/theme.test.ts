// Light and dark: the app follows the system until the user flips the switch, and remembers the choice.
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type App } from './support/app';

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const theme = (a: App) => a.page.evaluate(() => document.documentElement.getAttribute('data-theme'));

describe('theme', () => {
  it('follows a dark system preference when no choice is saved', async () => {
    app = await startApp({ colorScheme: 'dark' });
    const toggle = app.page.getByRole('switch', { name: 'Dark theme' });
    await toggle.waitFor();
    expect(await theme(app)).toBe('dark');
    expect(await toggle.getAttribute('aria-checked')).toBe('true');
  });

  it('switches with the keyboard and keeps the choice after a reload', async () => {
    app = await startApp({ colorScheme: 'light' });
    const { page } = app;
    const toggle = page.getByRole('switch', { name: 'Dark theme' });
    await toggle.waitFor();
    expect(await theme(app)).toBe('light');

    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-checked')).toBe('true');
    expect(await theme(app)).toBe('dark');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).not.toBe('rgb(246, 245, 242)');

    await page.reload();
    await page.getByRole('switch', { name: 'Dark theme', checked: true }).waitFor();
    expect(await theme(app)).toBe('dark');
    // The token survived the reload too (kept for the tab, no longer in the address bar).
    expect(page.url()).not.toContain('token');
    await page.getByRole('region', { name: 'Collection' }).getByRole('listitem', { name: 'Songs: 0' }).waitFor();
  });
});

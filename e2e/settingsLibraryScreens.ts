// `npx tsx e2e/settingsLibraryScreens.ts [widths] [themes]`: the Settings page's library-server sections (the
// owned-check, Plex connected, Jellyfin locked by the environment, Navidrome with a refused password) at 360, 420
// and 1280 px, light and dark, into screenshots/ (gitignored), printing any horizontal overflow. Needs
// `npm run build:renderer`.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startPlexEmulator } from '../test/emulators/plex';
import { startSubsonicEmulator } from '../test/emulators/subsonic';
import { startApp } from './support/app';
import { SCREENSHOTS, screenArgs, overflowReport } from './support/screens';

const OUT = SCREENSHOTS;
const { widths, themes } = screenArgs();

const overflow = (page: Page) => overflowReport(page, 'main, .workspace, .topbar, .page, .card');

const plex = await startPlexEmulator({ token: 'tok', sections: [{ key: '2', title: 'Music', type: 'artist', tracks: [] }] });
const subsonic = await startSubsonicEmulator({ user: 'ann', password: 'right', tracks: [] });
await mkdir(OUT, { recursive: true });
try {
  for (const theme of themes) {
    for (const width of widths) {
      const app = await startApp({ colorScheme: theme, viewport: { width, height: 900 }, core: { env: { JELLYFIN_URL: 'http://jellyfin.lan:8096' } } });
      try {
        const p = app.page;
        await p.evaluate(() => (window.location.hash = '#/settings/owned-check'));
        const region = (name: string) => p.getByRole('region', { name });
        await region('Plex').waitFor();
        await region('Plex').getByRole('textbox', { name: 'Plex address' }).fill(plex.url);
        await region('Plex').getByLabel('Plex token').fill('tok');
        await region('Plex').getByRole('button', { name: 'Save' }).click();
        await region('Plex').getByText('Saved. In use now.').waitFor();
        await region('Plex').getByRole('button', { name: 'Test connection' }).click();
        await region('Plex').getByRole('status').filter({ hasText: 'Connected' }).waitFor();
        const ss = region('Navidrome / Subsonic');
        await ss.getByRole('textbox', { name: 'Server address' }).fill(subsonic.url);
        await ss.getByRole('textbox', { name: 'User name' }).fill('ann');
        await ss.getByLabel('Password').fill('wrong');
        await ss.getByRole('button', { name: 'Test connection' }).click();
        await ss.getByRole('status').filter({ hasText: 'Key refused' }).waitFor();
        await region('Owned-check').getByRole('combobox').selectOption('jellyfin');
        await p.waitForTimeout(300);
        for (const name of ['Owned-check', 'Plex', 'Jellyfin', 'Navidrome / Subsonic']) {
          const file = join(OUT, `settings-lib-${name.replace(/\W+/g, '-').toLowerCase()}-${width}-${theme}.png`);
          await region(name).screenshot({ path: file });
          process.stdout.write(`${file}\n`);
        }
        process.stdout.write(`${width} ${theme} ${await overflow(p)} errors=${app.pageErrors.length}\n`);
      } finally {
        await app.close();
      }
    }
  }
} finally {
  await plex.close();
  await subsonic.close();
}

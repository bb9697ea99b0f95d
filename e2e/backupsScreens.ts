// `npx tsx e2e/backupsScreens.ts [widths] [themes]`: every state of the Backups page and the Spotify settings
// (no account, first backup running, history with a diff, a partial run, a restore plan, a restore done) at 360,
// 420 and 1280 px, light and dark, into screenshots/ (gitignored), printing any horizontal overflow. Needs
// `npm run build:renderer`. For looking at, not asserting.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startApp } from './support/app';
import { signInOnPage, spotifySandbox } from './support/spotify';
import { SCREENSHOTS, screenArgs, overflowReport } from './support/screens';

const OUT = SCREENSHOTS;
const { widths, themes } = screenArgs();

const overflow = (page: Page) => overflowReport(page, 'main, .workspace, .page, .card');

await mkdir(OUT, { recursive: true });
for (const theme of themes) {
  for (const width of widths) {
    const spotify = await spotifySandbox();
    const app = await startApp({ colorScheme: theme, viewport: { width, height: 1000 }, core: spotify.core });
    const page = app.page;
    const shot = async (name: string, fullPage = true) => {
      await page.waitForTimeout(250);
      const file = join(OUT, `backups-${name}-${width}-${theme}.png`);
      await page.screenshot({ path: file, fullPage });
      process.stdout.write(`${file} ${await overflow(page)}\n`);
    };
    try {
      await page.evaluate(() => (window.location.hash = '#/backups'));
      await page.getByRole('heading', { name: 'No Spotify account yet' }).waitFor();
      await shot('no-account');

      await signInOnPage(page, spotify.emu, 'main', 'alice');
      await signInOnPage(page, spotify.emu, 'new', 'alice-new');
      await page.getByRole('heading', { name: 'Accounts', exact: true }).scrollIntoViewIfNeeded();
      await shot('settings-spotify');

      await page.evaluate(() => (window.location.hash = '#/backups'));
      const card = page.getByRole('region', { name: 'Alice (alice)' });
      spotify.emu.faults.inject({ kind: 'latency', latencyMs: 5000, path: '/v1/playlists/', times: 4 });
      await card.getByRole('button', { name: 'Back up now' }).click();
      await card.getByRole('status', { name: 'Backup of main running' }).waitFor();
      await page.getByText(/Playlist|likes/i).first().waitFor();
      await shot('first-backup-running', false);
      await card.getByRole('status', { name: 'Backup done' }).waitFor({ timeout: 30_000 });

      // A second run with a change, then a partial one (one playlist cannot be read).
      spotify.src.world.append(spotify.src.owned[1]!, [{ kind: 'track', id: spotify.src.tracks[50]!.id }, { kind: 'track', id: spotify.src.tracks[51]!.id }]);
      spotify.src.world.like('alice', [spotify.src.tracks[45]!.id]);
      await card.getByRole('button', { name: 'Back up now' }).click();
      await card.getByRole('status', { name: 'Backup done' }).waitFor();
      await card.getByRole('list', { name: 'Runs of Alice (alice)' }).getByRole('button').nth(1).waitFor();
      spotify.src.world.append(spotify.src.owned[2]!, [{ kind: 'track', id: spotify.src.tracks[52]!.id }]);
      spotify.emu.faults.inject({ kind: 'server_error', path: `/v1/playlists/${spotify.src.owned[2]}/items`, times: Infinity });
      await card.getByRole('button', { name: 'Back up now' }).click();
      await card.getByRole('status', { name: 'Backup done with problems' }).waitFor({ timeout: 60_000 });
      spotify.emu.faults.clear();
      const runs = card.getByRole('list', { name: 'Runs of Alice (alice)' });
      await runs.getByRole('button').nth(2).waitFor();
      await runs.getByRole('button').nth(0).click();
      await page.getByRole('list', { name: 'Files of this run' }).waitFor();
      await page.getByText('Problems in this run').scrollIntoViewIfNeeded();
      await shot('partial-run');

      await runs.getByRole('button').nth(1).click();
      await page.getByRole('region', { name: 'Changes since the previous run' }).getByRole('heading', { name: /Playlist 1/ }).waitFor();
      await page.evaluate(() => document.querySelector('main')?.scrollTo(0, 0));
      await shot('history');
      await page.getByRole('region', { name: 'Changes since the previous run' }).scrollIntoViewIfNeeded();
      await shot('history-diff');

      await page.getByLabel('Restore into').selectOption('new');
      await page.getByRole('button', { name: 'Preview restore' }).click();
      await page.getByRole('region', { name: 'Plan', exact: true }).waitFor();
      await page.getByRole('region', { name: 'Plan', exact: true }).scrollIntoViewIfNeeded();
      await shot('plan');

      await page.getByRole('button', { name: 'Restore into new' }).click();
      await page.getByRole('status', { name: 'Restore done' }).waitFor();
      await page.getByRole('region', { name: 'Restore result' }).scrollIntoViewIfNeeded();
      await shot('restore-done');

      // A sign-in given 170 days ago: it expires within three weeks, and both pages say so.
      const provider = await app.core.spotify();
      const stored = await provider.accounts.get('main');
      if (stored) await provider.accounts.save('main', { ...stored, consentedAt: Date.now() - 170 * 24 * 3_600_000 });
      await page.reload();
      await page.evaluate(() => (window.location.hash = '#/backups'));
      await page.getByRole('alert').filter({ hasText: 'sign-in of account main expires' }).waitFor();
      await shot('expiry-warning', false);
      await page.evaluate(() => (window.location.hash = '#/settings/spotify'));
      await page.getByRole('heading', { name: 'Accounts', exact: true }).scrollIntoViewIfNeeded();
      await page.getByRole('alert').filter({ hasText: 'sign-in of main expires' }).waitFor();
      await shot('settings-expiry-warning', false);
      if (app.pageErrors.length) process.stdout.write(`page errors: ${app.pageErrors.join(' | ')}\n`);
    } finally {
      await app.close();
      await spotify.close();
    }
  }
}

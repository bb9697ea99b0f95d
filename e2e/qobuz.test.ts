// The Qobuz page against the Qobuz emulator: a wrong token is refused with what to do, the right one signs in;
// the folder is saved; a preview lists every planned track with its path and reason and downloads nothing; a sync
// shows live progress and ends with a summary, the purchases count on the Dashboard, a second preview is up to
// date; a running sync counts what is already there; Stop ends it and says so; signing out brings the sign-in form
// back.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qobuzLibrary } from '../test/emulators/qobuz';
import { startApp, type App } from './support/app';
import { qobuzSandbox, type QobuzSandbox } from './support/qobuz';

let q: QobuzSandbox;
let app: App;

beforeAll(async () => {
  q = await qobuzSandbox(
    qobuzLibrary()
      .album({ title: 'Paper Moons', artist: 'Origami', tracks: [{ title: 'Fold', durationSec: 31 }, { title: 'Crease', durationSec: 32 }, { title: 'Unfold', durationSec: 33 }] })
      .album({ title: 'Second Sheet', artist: 'Origami', tracks: [{ title: 'Crane', durationSec: 31 }, { title: 'Frog', durationSec: 32 }] })
      .track({ title: 'Lone Single', durationSec: 31, album: { title: 'Singles', artist: 'Alma Vey' } })
      .build(),
  );
  app = await startApp({ core: q.core });
  await app.page.getByRole('link', { name: 'Qobuz' }).click();
  await app.page.getByRole('heading', { name: 'Qobuz', level: 1 }).waitFor();
});
afterAll(async () => {
  await app?.close();
  await q?.close();
});

describe('Qobuz page', () => {
  it('refuses a wrong token, says what to do, and keeps nothing of it in the field', async () => {
    const { page } = app;
    const field = page.getByLabel('Qobuz token');
    await field.fill('not-a-real-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Qobuz didn’t accept this token' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('qoget login');
    expect(await field.inputValue()).toBe('');
    expect(await field.getAttribute('type')).toBe('password');
  });

  it('signs in with the right token and shows the account, never the token', async () => {
    const { page } = app;
    await page.getByLabel('Qobuz token').fill(q.emu.token);
    await page.getByLabel('Qobuz token').press('Enter');
    const account = page.getByRole('region', { name: 'Qobuz account' });
    await account.getByText('cassette-user').waitFor();
    await account.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await page.content()).not.toContain(q.emu.token);
  });

  it('saves the sync folder', async () => {
    const { page } = app;
    const preview = page.getByRole('button', { name: 'Preview' });
    expect(await preview.isDisabled()).toBe(true);
    await page.getByRole('textbox', { name: 'Sync folder' }).fill(q.musicDir);
    await page.getByRole('button', { name: 'Save folder' }).click();
    await page.getByRole('button', { name: 'Preview', disabled: false }).waitFor();
    expect((await app.core.qobuz.status()).folder).toBe(q.musicDir);
  });

  it('previews every planned track with its target path and reason, downloading nothing', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Preview' }).click();
    const card = page.getByRole('region', { name: 'Preview' });
    await card.getByRole('status').filter({ hasText: '6 tracks to download' }).waitFor();
    const planned = card.getByRole('list', { name: 'Planned downloads' });
    expect(await planned.getByRole('listitem').count()).toBe(6);
    const fold = planned.getByRole('listitem', { name: 'Fold by Origami', exact: true });
    expect(await fold.textContent()).toContain('Origami/Paper Moons/01 - Fold.mp3');
    expect(await fold.textContent()).toContain('New');
    await card.getByRole('listitem', { name: 'Purchased: 6' }).waitFor();
    expect(q.emu.count('cdn/file')).toBe(0);
  });

  it('runs a sync with live progress and ends with a summary', async () => {
    const { page } = app;
    // Slow enough to watch, then full speed to the end.
    q.emu.setBandwidth({ bytesPerSec: 250_000 });
    await page.getByRole('button', { name: 'Start sync' }).click();
    await page.getByRole('progressbar', { name: 'Sync progress' }).waitFor();
    await page.getByRole('list', { name: 'Downloading now' }).getByRole('listitem').first().waitFor();
    await page.getByRole('button', { name: 'Stop sync' }).waitFor();
    expect(await page.getByRole('region', { name: 'Preview' }).count()).toBe(0);
    q.emu.setBandwidth({});

    const last = page.getByRole('region', { name: 'Last sync' });
    await last.getByRole('listitem', { name: 'Downloaded: 6' }).waitFor({ timeout: 20_000 });
    await last.getByRole('listitem', { name: 'Failed: 0' }).waitFor();
    await page.getByRole('button', { name: 'Start sync' }).waitFor();
  });

  it('counts the purchases on the Dashboard', async () => {
    const { page } = app;
    await page.getByRole('link', { name: /^Dashboard/ }).click();
    const counters = page.getByRole('region', { name: 'Collection' });
    await counters.getByRole('listitem', { name: 'Songs: 6', exact: true }).waitFor();
    await counters.getByRole('listitem', { name: 'Downloaded: 6', exact: true }).waitFor();
    await counters.getByRole('listitem', { name: 'Missing: 0', exact: true }).waitFor();
  });

  it('a second preview says everything is up to date', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Qobuz' }).click();
    await page.getByRole('button', { name: 'Preview' }).click();
    const card = page.getByRole('region', { name: 'Preview' });
    await card.getByRole('status').filter({ hasText: 'Up to date' }).waitFor();
    expect(await card.getByRole('list', { name: 'Planned downloads' }).count()).toBe(0);
    await card.getByRole('listitem', { name: 'To download: 0' }).waitFor();
  });

  it('stops a running sync and says what happened to the rest', async () => {
    const { page } = app;
    await rm(join(q.musicDir, 'Origami', 'Paper Moons', '01 - Fold.mp3'));
    await rm(join(q.musicDir, 'Origami', 'Paper Moons', '02 - Crease.mp3'));
    q.emu.setBandwidth({ bytesPerSec: 60_000 });
    try {
      await page.getByRole('button', { name: 'Start sync' }).click();
      await page.getByRole('list', { name: 'Downloading now' }).getByRole('listitem').first().waitFor();
      // The run's own counts, live: the four files still there are counted before anything is downloaded.
      const live = page.getByRole('list', { name: 'This sync so far' });
      await live.getByRole('listitem', { name: 'Already there: 4' }).waitFor();
      await live.getByRole('listitem', { name: 'Recognised: 0' }).waitFor();
      await page.getByRole('button', { name: 'Stop sync' }).click();
      const last = page.getByRole('region', { name: 'Last sync' });
      await last.getByText('Stopped by you').waitFor();
      await last.getByRole('listitem', { name: 'Downloaded: 0' }).waitFor();
    } finally {
      q.emu.setBandwidth({});
    }
    // Focus stays on the action that replaced the one pressed.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Start sync');
  });

  it('signs out', async () => {
    const { page } = app;
    await page.getByRole('region', { name: 'Qobuz account' }).getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Qobuz token').waitFor();
    expect((await app.core.qobuz.status()).signedIn).toBe(false);
  });
});

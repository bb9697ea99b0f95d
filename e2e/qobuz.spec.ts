// The Qobuz page against the Qobuz emulator: a wrong token is refused with what to do, the right one signs in;
// the folder is saved; a preview lists every planned track with its path and reason and downloads nothing; a sync
// shows live progress and ends with a summary, the purchases count on the Dashboard, a second preview is up to
// date; a running sync counts what is already there; Stop ends it and says so; signing out brings the sign-in form
// back.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { qobuzLibrary } from '../test/emulators/qobuz';
import { expect, test as cassetteTest } from './support/fixtures';
import { qobuzSandbox, type QobuzSandbox } from './support/qobuz';

// The emulator starts first (worker-scoped, like the host): the core's Qobuz settings point at it.
const test = cassetteTest.extend<object, { qobuz: QobuzSandbox }>({
  qobuz: [
    async ({}, use) => {
      const q = await qobuzSandbox(
        qobuzLibrary()
          .album({ title: 'Paper Moons', artist: 'Origami', tracks: [{ title: 'Fold', durationSec: 31 }, { title: 'Crease', durationSec: 32 }, { title: 'Unfold', durationSec: 33 }] })
          .album({ title: 'Second Sheet', artist: 'Origami', tracks: [{ title: 'Crane', durationSec: 31 }, { title: 'Frog', durationSec: 32 }] })
          .track({ title: 'Lone Single', durationSec: 31, album: { title: 'Singles', artist: 'Alma Vey' } })
          .build(),
      );
      try {
        await use(q);
      } finally {
        await q.close();
      }
    },
    { scope: 'worker' },
  ],
  cassetteOptions: [async ({ qobuz }, use) => use({ core: qobuz.core }), { scope: 'worker' }],
});

// One account and one folder for the whole file: each step goes on from where the one before left.
test.describe.configure({ mode: 'serial' });
test.beforeEach(async ({ app }) => {
  await app.getByRole('link', { name: 'Qobuz' }).click();
  await expect(app.getByRole('heading', { name: 'Qobuz', level: 1 })).toBeVisible();
});

test('refuses a wrong token, says what to do, and keeps nothing of it in the field', async ({ app }) => {
  const field = app.getByLabel('Qobuz token');
  await field.fill('not-a-real-token');
  await app.getByRole('button', { name: 'Sign in' }).click();
  await expect(app.getByRole('alert').filter({ hasText: 'Qobuz didn’t accept this token' })).toContainText('qoget login');
  await expect(field).toHaveValue('');
  await expect(field).toHaveAttribute('type', 'password');
});

test('signs in with the right token and shows the account, never the token', async ({ app, qobuz }) => {
  await app.getByLabel('Qobuz token').fill(qobuz.emu.token);
  await app.getByLabel('Qobuz token').press('Enter');
  const account = app.getByRole('region', { name: 'Qobuz account' });
  await expect(account.getByText('cassette-user')).toBeVisible();
  await expect(account.getByRole('button', { name: 'Sign out' })).toBeVisible();
  expect(await app.content()).not.toContain(qobuz.emu.token);
});

test('saves the sync folder', async ({ app, qobuz, cassette }) => {
  await expect(app.getByRole('button', { name: 'Preview' })).toBeDisabled();
  await app.getByRole('textbox', { name: 'Sync folder' }).fill(qobuz.musicDir);
  await app.getByRole('button', { name: 'Save folder' }).click();
  await expect(app.getByRole('button', { name: 'Preview' })).toBeEnabled();
  expect((await cassette.core.qobuz.status()).folder).toBe(qobuz.musicDir);
});

test('previews every planned track with its target path and reason, downloading nothing', async ({ app, qobuz }) => {
  await app.getByRole('button', { name: 'Preview' }).click();
  const card = app.getByRole('region', { name: 'Preview' });
  await expect(card.getByRole('status').filter({ hasText: '6 tracks to download' })).toBeVisible();
  const planned = card.getByRole('list', { name: 'Planned downloads' });
  await expect(planned.getByRole('listitem')).toHaveCount(6);
  const fold = planned.getByRole('listitem', { name: 'Fold by Origami', exact: true });
  await expect(fold).toContainText('Origami/Paper Moons/01 - Fold.mp3');
  await expect(fold).toContainText('New');
  await expect(card.getByRole('listitem', { name: 'Purchased: 6' })).toBeVisible();
  expect(qobuz.emu.count('cdn/file')).toBe(0);
});

test('runs a sync with live progress and ends with a summary', async ({ app, qobuz }) => {
  // Slow enough to watch, then full speed to the end.
  qobuz.emu.setBandwidth({ bytesPerSec: 250_000 });
  try {
    await app.getByRole('button', { name: 'Start sync' }).click();
    await expect(app.getByRole('progressbar', { name: 'Sync progress' })).toBeVisible();
    await expect(app.getByRole('list', { name: 'Downloading now' }).getByRole('listitem').first()).toBeVisible();
    await expect(app.getByRole('button', { name: 'Stop sync' })).toBeVisible();
    await expect(app.getByRole('region', { name: 'Preview' })).toHaveCount(0);
  } finally {
    qobuz.emu.setBandwidth({});
  }
  const last = app.getByRole('region', { name: 'Last sync' });
  await expect(last.getByRole('listitem', { name: 'Downloaded: 6' })).toBeVisible({ timeout: 60_000 });
  await expect(last.getByRole('listitem', { name: 'Failed: 0' })).toBeVisible();
  await expect(app.getByRole('button', { name: 'Start sync' })).toBeVisible();
});

test('counts the purchases on the Dashboard', async ({ app }) => {
  await app.getByRole('link', { name: /^Dashboard/ }).click();
  const counters = app.getByRole('region', { name: 'Collection' });
  await expect(counters.getByRole('listitem', { name: 'Songs: 6', exact: true })).toBeVisible();
  await expect(counters.getByRole('listitem', { name: 'Downloaded: 6', exact: true })).toBeVisible();
  await expect(counters.getByRole('listitem', { name: 'Missing: 0', exact: true })).toBeVisible();
});

test('a second preview says everything is up to date', async ({ app }) => {
  await app.getByRole('button', { name: 'Preview' }).click();
  const card = app.getByRole('region', { name: 'Preview' });
  await expect(card.getByRole('status').filter({ hasText: 'Up to date' })).toBeVisible();
  await expect(card.getByRole('list', { name: 'Planned downloads' })).toHaveCount(0);
  await expect(card.getByRole('listitem', { name: 'To download: 0' })).toBeVisible();
});

test('stops a running sync and says what happened to the rest', async ({ app, qobuz }) => {
  await rm(join(qobuz.musicDir, 'Origami', 'Paper Moons', '01 - Fold.mp3'));
  await rm(join(qobuz.musicDir, 'Origami', 'Paper Moons', '02 - Crease.mp3'));
  qobuz.emu.setBandwidth({ bytesPerSec: 60_000 });
  try {
    await app.getByRole('button', { name: 'Start sync' }).click();
    await expect(app.getByRole('list', { name: 'Downloading now' }).getByRole('listitem').first()).toBeVisible();
    // The run's own counts, live: the four files still there are counted before anything is downloaded.
    const live = app.getByRole('list', { name: 'This sync so far' });
    await expect(live.getByRole('listitem', { name: 'Already there: 4' })).toBeVisible();
    await expect(live.getByRole('listitem', { name: 'Recognised: 0' })).toBeVisible();
    await app.getByRole('button', { name: 'Stop sync' }).click();
    const last = app.getByRole('region', { name: 'Last sync' });
    await expect(last.getByText('Stopped by you')).toBeVisible();
    await expect(last.getByRole('listitem', { name: 'Downloaded: 0' })).toBeVisible();
  } finally {
    qobuz.emu.setBandwidth({});
  }
  // Focus stays on the action that replaced the one pressed.
  await expect(app.getByRole('button', { name: 'Start sync' })).toBeFocused();
});

test('signs out', async ({ app, cassette }) => {
  await app.getByRole('region', { name: 'Qobuz account' }).getByRole('button', { name: 'Sign out' }).click();
  await expect(app.getByLabel('Qobuz token')).toBeVisible();
  expect((await cassette.core.qobuz.status()).signedIn).toBe(false);
});

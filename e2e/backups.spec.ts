// The Backups page against the Spotify emulator: no account yet → sign in two accounts in Settings → back up with
// live progress → the run in the history with its files → a second run and its diff → a restore preview into the
// second account → the restore, done, and the account really holds the likes.
import { expect, test as cassetteTest } from './support/fixtures';
import { signInOnPage, spotifySandbox, type SpotifySandbox } from './support/spotify';

const test = cassetteTest.extend<object, { spotify: SpotifySandbox }>({
  spotify: [
    async ({}, use) => {
      const s = await spotifySandbox();
      try {
        await use(s);
      } finally {
        await s.close();
      }
    },
    { scope: 'worker' },
  ],
  cassetteOptions: [async ({ spotify }, use) => use({ core: spotify.core }), { scope: 'worker' }],
});

test.describe.configure({ mode: 'serial' });

test('with no account the page says what to do and links to Settings', async ({ app }) => {
  await app.getByRole('link', { name: 'Backups' }).click();
  await expect(app.getByRole('heading', { name: 'No Spotify account yet' })).toBeVisible();
  await app.getByRole('link', { name: 'Set up Spotify in Settings' }).click();
  await expect(app.getByRole('heading', { name: 'Spotify', level: 2 })).toBeVisible();
  await expect(app.getByRole('list', { name: 'Set up Spotify' })).toContainText('http://127.0.0.1/callback');
});

test('signs in two accounts from Settings', async ({ app, spotify }) => {
  await signInOnPage(app, spotify.emu, 'main', 'alice');
  await signInOnPage(app, spotify.emu, 'new', 'alice-new');
  const list = app.getByRole('list', { name: 'Spotify accounts' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list).toContainText('Alice (alice)');
  await expect(list).toContainText('Alice (new) (alice-new)');
});

test('backs up with live progress; the run shows in the history with its files', async ({ app, spotify }) => {
  // Slow playlist reads so the running state is on screen long enough to see.
  spotify.emu.faults.inject({ kind: 'latency', latencyMs: 400, path: '/v1/playlists/', times: 6 });
  await app.getByRole('link', { name: 'Backups' }).click();
  const card = app.getByRole('region', { name: 'Alice (alice)' });
  await card.getByRole('button', { name: 'Back up now' }).click();
  await expect(card.getByRole('status', { name: 'Backup of main running' })).toBeVisible();
  await expect(card.getByRole('status', { name: 'Backup done' })).toContainText('40 likes, 4 playlists, 1 followed');
  const runs = card.getByRole('list', { name: 'Runs of Alice (alice)' });
  await expect(runs.getByRole('button')).toHaveCount(1);
  await expect(runs).toContainText('Complete');
  await runs.getByRole('button').first().click();
  const files = app.getByRole('list', { name: 'Files of this run' });
  await expect(files).toContainText('Liked Songs');
  await expect(files).toContainText('Playlist 0');
  await expect(app.getByText('nothing to compare with')).toBeVisible();
});

test('a second run shows what changed since the first', async ({ app, spotify }) => {
  spotify.src.world.append(spotify.src.owned[1]!, [{ kind: 'track', id: spotify.src.tracks[50]!.id }]);
  await app.getByRole('link', { name: 'Backups' }).click();
  const card = app.getByRole('region', { name: 'Alice (alice)' });
  await card.getByRole('button', { name: 'Back up now' }).click();
  const runs = card.getByRole('list', { name: 'Runs of Alice (alice)' });
  await expect(runs.getByRole('button')).toHaveCount(2);
  await runs.getByRole('button').first().click();
  const diff = app.getByRole('region', { name: 'Changes since the previous run' });
  await expect(diff.getByRole('list', { name: 'Added to Playlist 1' })).toContainText('Song 50');
});

test('previews a restore into the second account, restores it, and a second preview has nothing to add', async ({ app, spotify }) => {
  await app.getByRole('link', { name: 'Backups' }).click();
  const runs = app.getByRole('list', { name: 'Runs of Alice (alice)' });
  await runs.getByRole('button').first().click();
  await app.getByLabel('Restore into').selectOption('new');
  await app.getByRole('button', { name: 'Preview restore' }).click();
  const plan = app.getByRole('region', { name: 'Plan', exact: true });
  await expect(plan.getByRole('listitem', { name: 'Likes to add: 40' })).toBeVisible();
  await expect(plan.getByRole('listitem', { name: 'Playlists to create: 3' })).toBeVisible();
  await expect(plan.getByRole('list', { name: 'Plan: playlists' })).toContainText('Re-follow');
  await expect(plan.getByText(/cannot be restored/)).toBeVisible();
  expect(spotify.emu.writes).toEqual([]);

  await app.getByRole('button', { name: 'Restore into new' }).click();
  const result = app.getByRole('region', { name: 'Restore result' });
  await expect(result.getByRole('listitem', { name: 'Likes added: 40' })).toBeVisible();
  await expect(app.getByRole('status', { name: 'Restore done' })).toBeVisible();
  expect(spotify.src.world.user('alice-new').likes).toHaveLength(40);

  await app.getByRole('button', { name: 'Preview restore' }).click();
  const again = app.getByRole('region', { name: 'Plan', exact: true });
  await expect(again.getByRole('listitem', { name: 'Likes already there: 40' })).toBeVisible();
  await expect(again.getByRole('listitem', { name: 'Likes to add: 0' })).toBeVisible();
  await expect(again.getByRole('list', { name: 'Plan: playlists' })).not.toContainText('Create');
});

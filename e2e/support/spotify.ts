// The Spotify emulator for browser tests and the screenshot tour: a source account (Alice) with likes and
// playlists, an empty second account, and the core settings that point Cassette at the emulator. `signInOnPage`
// signs an account in the way a person does: Settings → Spotify → Sign in, then the authorize page (the emulator
// redirects straight back to Cassette's one-shot listener).
import type { Page } from 'playwright-core';
import type { CoreConfig } from '../../src/main/core';
import { startSpotifyEmulator, type SpotifyEmulator } from '../../test/emulators/spotify';
import { sourceWorld, type SourceWorld } from '../../test/support/spotifyWorld';

export interface SpotifySandbox {
  emu: SpotifyEmulator;
  src: SourceWorld;
  core: Partial<CoreConfig>;
  close(): Promise<void>;
}

export async function spotifySandbox(opts: Parameters<typeof sourceWorld>[0] = { likes: 40, playlists: 3, itemsPerPlaylist: 15 }): Promise<SpotifySandbox> {
  const src = sourceWorld(opts);
  const emu = await startSpotifyEmulator({ world: src.world });
  return {
    emu,
    src,
    core: { env: { SPOTIFY_CLIENT_ID: emu.clientId, SPOTIFY_ACCOUNTS_BASE: emu.accountsBase, SPOTIFY_API_BASE: emu.apiBase } },
    close: () => emu.close(),
  };
}

/** Signs `account` in as the emulator's `userId` through the Settings page. */
export async function signInOnPage(page: Page, emu: SpotifyEmulator, account: string, userId: string): Promise<void> {
  emu.signInAs(userId);
  await page.evaluate(() => (window.location.hash = '#/settings/spotify'));
  await page.getByLabel('Account name').fill(account);
  await page.getByRole('button', { name: 'Sign in to Spotify' }).click();
  const link = page.getByRole('link', { name: 'Open the Spotify sign-in page' });
  await link.waitFor();
  const href = await link.getAttribute('href');
  if (!href) throw new Error('No sign-in link');
  // What the browser does with the link: the authorize page redirects to the callback on 127.0.0.1.
  await fetch(href, { redirect: 'follow' });
  await page.getByRole('list', { name: 'Spotify accounts' }).getByText(account, { exact: true }).waitFor();
}

// Test helpers for the Spotify provider: a provider wired to an emulator, and a sign-in that plays the browser.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import type { SecretStore } from '../../src/main/core';
import { openDatabase, type Db } from '../../src/main/db';
import { SpotifyProvider, type SpotifyProviderOptions } from '../../src/main/providers';
import type { SpotifyEmulator } from '../emulators/spotify';

export function memorySecrets(): SecretStore & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    get: async (k) => values.get(k),
    set: async (k, v) => void values.set(k, v),
    delete: async (k) => void values.delete(k),
  };
}

export function spotifySettings(emu: SpotifyEmulator) {
  return { clientId: emu.clientId, accountsBase: emu.accountsBase, apiBase: emu.apiBase, keepRuns: 30 };
}

export interface ProviderFixture {
  provider: SpotifyProvider;
  secrets: ReturnType<typeof memorySecrets>;
  db: Db;
  close(): void;
}

export function providerFor(emu: SpotifyEmulator, extra: Partial<SpotifyProviderOptions> = {}): ProviderFixture {
  const dir = mkdtempSync(join(tmpdir(), 'cassette-spotify-'));
  const db = openDatabase(join(dir, 'catalog.db'));
  const secrets = memorySecrets();
  const provider = new SpotifyProvider({ settings: spotifySettings(emu), secrets, db, ...extra });
  return {
    provider,
    secrets,
    db,
    close: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Follows the authorize URL the way a browser would: the emulator redirects to the provider's listener. */
export async function visit(url: string): Promise<Response> {
  return fetch(url, { redirect: 'follow' });
}

export async function signIn(provider: SpotifyProvider, emu: SpotifyEmulator, account: string, userId: string) {
  emu.signInAs(userId);
  return provider.signIn(account, { onAuthorizeUrl: (url) => void visit(url) });
}

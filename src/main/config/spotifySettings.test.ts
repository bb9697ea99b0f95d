import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pathsFor } from '../core/dataDir';
import { readFile } from 'node:fs/promises';
import { loadHostSettings, settingsPath } from './hostSettings';
import { saveHostSettings } from './saveHostSettings';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cassette-spotify-settings-'));
  await mkdir(pathsFor(dir).configDir, { recursive: true });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('[spotify] settings', () => {
  it('defaults to the real services and no Client ID', async () => {
    const s = await loadHostSettings(pathsFor(dir), {});
    expect(s.spotify).toEqual({ clientId: undefined, accountsBase: 'https://accounts.spotify.com', apiBase: 'https://api.spotify.com/v1', backupsDir: undefined, keepRuns: 30, keepLikes: false });
  });

  it('reads client_id and keep_runs from the file; the environment wins', async () => {
    await writeFile(settingsPath(pathsFor(dir)), '[spotify]\nclient_id = "from-file"\nkeep_runs = 5\n');
    expect((await loadHostSettings(pathsFor(dir), {})).spotify).toMatchObject({ clientId: 'from-file', keepRuns: 5 });
    const s = await loadHostSettings(pathsFor(dir), { SPOTIFY_CLIENT_ID: 'from-env', SPOTIFY_API_BASE: 'http://127.0.0.1:9/v1', SPOTIFY_ACCOUNTS_BASE: 'http://127.0.0.1:9' });
    expect(s.spotify).toMatchObject({ clientId: 'from-env', apiBase: 'http://127.0.0.1:9/v1', accountsBase: 'http://127.0.0.1:9' });
  });

  it('keep_likes is off unless the file turns it on; Settings writes it only when on', async () => {
    const paths = pathsFor(dir);
    const secrets = { get: async () => undefined, set: async () => {}, delete: async () => {} };
    await writeFile(settingsPath(paths), '[spotify]\nkeep_runs = 5\n');
    expect((await loadHostSettings(paths, {})).spotify.keepLikes).toBe(false);
    await saveHostSettings(paths, { spotify: { keepLikes: true } }, secrets);
    expect(await readFile(settingsPath(paths), 'utf8')).toMatch(/\[spotify\][\s\S]*keep_likes = true/);
    expect((await loadHostSettings(paths, {})).spotify).toMatchObject({ keepLikes: true, keepRuns: 5 });
    await saveHostSettings(paths, { spotify: { keepLikes: false } }, secrets);
    expect(await readFile(settingsPath(paths), 'utf8')).not.toMatch(/keep_likes/);
    await writeFile(settingsPath(paths), '[spotify]\nkeep_likes = "yes"\n');
    await expect(loadHostSettings(paths, {})).rejects.toThrow(/spotify\.keep_likes/);
  });
});

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { pathsFor } from '../core/dataDir';
import type { SecretStore } from '../base';
import { loadHostSettings, settingsPath } from './hostSettings';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cassette-libsettings-'));
  await mkdir(pathsFor(dir).configDir, { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});
const write = (text: string) => writeFile(settingsPath(pathsFor(dir)), text, { mode: 0o600 });
const store = (values: Record<string, string>): SecretStore => ({
  get: async (k) => values[k],
  set: async () => {},
  delete: async () => {},
});

it('reads [plex] url, [jellyfin] url, [subsonic] url and user from the file, secrets from the store, the environment winning', async () => {
  await write('[plex]\nurl = "http://plex.file:32400"\n[jellyfin]\nurl = "http://jf.file:8096"\n[subsonic]\nurl = "http://nd.file:4533"\nuser = "ann"\n');
  const s = await loadHostSettings(pathsFor(dir), { PLEX_URL: 'http://plex.env:32400', SUBSONIC_USER: 'bob' }, store({ 'plex.token': 'pt', 'jellyfin.apiKey': 'jk', 'subsonic.password': 'pw' }));
  expect(s.libraryServers.plex).toEqual({ url: 'http://plex.env:32400', token: 'pt' });
  expect(s.libraryServers.jellyfin).toEqual({ url: 'http://jf.file:8096', apiKey: 'jk' });
  expect(s.libraryServers.subsonic).toEqual({ url: 'http://nd.file:4533', user: 'bob', password: 'pw' });
  expect(s.entered.fromEnv).toEqual(expect.arrayContaining(['PLEX_URL', 'SUBSONIC_USER']));
});

it('takes secrets from the environment, never from the file, and says what a half-set server lacks', async () => {
  await write('[plex]\nurl = "http://plex:32400"\ntoken = "in-the-file"\n[subsonic]\nurl = "http://nd:4533"\n');
  const s = await loadHostSettings(pathsFor(dir), { JELLYFIN_URL: 'http://jf:8096', JELLYFIN_API_KEY: 'env-key' }, store({}));
  expect(s.libraryServers.plex).toBeUndefined();
  expect(s.libraryServers.jellyfin).toEqual({ url: 'http://jf:8096', apiKey: 'env-key' });
  const notes = s.notes.join('\n');
  expect(notes).toMatch(/Plex needs a token \(PLEX_TOKEN/);
  expect(notes).toMatch(/Subsonic server needs a user and a password/);
  expect(notes).toMatch(/holds a library server secret, which is ignored/);
  expect(notes).not.toContain('in-the-file');
});

it('reads [library] index (the folder when absent) and refuses a library it does not know, saying where', async () => {
  expect((await loadHostSettings(pathsFor(dir), {}, store({}))).libraryServers.index).toBe('folder');
  await write('[library]\nindex = "subsonic"\n');
  expect((await loadHostSettings(pathsFor(dir), {}, store({}))).libraryServers.index).toBe('subsonic');
  await write('[library]\nindex = "itunes"\n');
  await expect(loadHostSettings(pathsFor(dir), {}, store({}))).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/cassette\.toml: library\.index /) });
});

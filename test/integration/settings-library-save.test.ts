// Saving the library servers from Settings: the URL (and Subsonic user) go to cassette.toml, the token, API key
// and password to the secret store only; the view says "is set", never the secret; a value the environment sets
// cannot be changed here; and the connector built afterwards uses what was saved — no restart. `[library] index`
// chooses the library missing.analyse reads when none is named.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settingsPath } from '../../src/main/config';
import { OWNER, pathsFor, type Core } from '../../src/main/core';
import type { MirrorEntry } from '../../src/main/providers';
import { startJellyfinEmulator, type JellyfinEmulator } from '../emulators/jellyfin';
import { startPlexEmulator, type PlexEmulator } from '../emulators/plex';
import { startSubsonicEmulator, type SubsonicEmulator } from '../emulators/subsonic';
import { openTestCore, tempDir } from '../support/testCore';

let dir: string;
let cleanup: () => Promise<void>;
let plex: PlexEmulator;
let otherPlex: PlexEmulator;
let jf: JellyfinEmulator;
let ss: SubsonicEmulator;
const cores: Core[] = [];

const track = (title: string) => ({ title, artist: 'Nina Vale', album: 'Tidewater', durationSec: 200, trackNumber: 1, path: `/music/${title}.flac` });

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('cassette-settings-libsave-'));
  plex = await startPlexEmulator({ token: 'plex-tok', sections: [{ key: '2', title: 'Music', type: 'artist', tracks: [track('Harbour Lights')] }] });
  otherPlex = await startPlexEmulator({ token: 'other-tok', sections: [{ key: '5', title: 'Vinyl rips', type: 'artist', tracks: [track('Low Tide'), track('Undertow')] }] });
  jf = await startJellyfinEmulator({ apiKey: 'jf-key', tracks: [track('Harbour Lights')] });
  ss = await startSubsonicEmulator({ user: 'ann', password: 'pw-secret', tracks: [track('Harbour Lights')] });
});
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  await Promise.all([plex.close(), otherPlex.close(), jf.close(), ss.close()]);
  await cleanup();
});

function freshCore(env: NodeJS.ProcessEnv = {}): Core {
  const core = openTestCore(join(dir, `data-${cores.length}`), { env, connectionTestTimeoutMs: 2_000, libraryTimeoutMs: 2_000 });
  cores.push(core);
  return core;
}

const file = (core: Core) => settingsPath(pathsFor(core.paths.dataDir));
const storedSecrets = async (core: Core) => JSON.parse(await readFile(join(core.paths.dataDir, 'headless-secrets.json'), 'utf8')) as Record<string, string>;

async function titles(core: Core, name?: 'plex' | 'jellyfin' | 'subsonic'): Promise<string[]> {
  const connector = await core.libraryConnector(name);
  const out: string[] = [];
  for await (const page of connector.list({ known: () => undefined })) {
    for (const e of page as MirrorEntry[]) if ('title' in e) out.push(e.title);
  }
  return out.sort();
}

describe('saving the library servers', () => {
  it('puts URLs and the user in cassette.toml, secrets in the store only, and shows them as "is set"', async () => {
    const core = freshCore();
    const view = await core.handlers['settings.save']({
      plex: { url: plex.url, token: 'plex-tok' },
      jellyfin: { url: jf.url, apiKey: 'jf-key' },
      subsonic: { url: ss.url, user: 'ann', password: 'pw-secret' },
    });
    const text = await readFile(file(core), 'utf8');
    expect(text).toContain(`[plex]\nurl = "${plex.url}"`);
    expect(text).toContain(`[jellyfin]\nurl = "${jf.url}"`);
    expect(text).toMatch(new RegExp(`\\[subsonic\\]\\s*url = "${ss.url}"\\s*user = "ann"`));
    expect(text).not.toMatch(/plex-tok|jf-key|pw-secret|token|api_key|password/);
    expect(await storedSecrets(core)).toMatchObject({ 'plex.token': 'plex-tok', 'jellyfin.apiKey': 'jf-key', 'subsonic.password': 'pw-secret' });
    expect(view).toMatchObject({
      plex: { url: plex.url, hasToken: true, fromEnv: [] },
      jellyfin: { url: jf.url, hasApiKey: true, fromEnv: [] },
      subsonic: { url: ss.url, user: 'ann', hasPassword: true, fromEnv: [] },
      libraryIndex: 'folder',
    });
    expect(JSON.stringify(view)).not.toMatch(/plex-tok|jf-key|pw-secret/);
    // The saved (stored) secrets are what Test connection uses when nothing is typed.
    await expect(core.handlers['settings.test']({ service: 'jellyfin' })).resolves.toMatchObject({ ok: true });
    await expect(core.handlers['settings.test']({ service: 'subsonic' })).resolves.toMatchObject({ ok: true });
  });

  it('takes effect without a restart: the connector built afterwards reads the newly saved server', async () => {
    const core = freshCore();
    await expect(core.libraryConnector('plex')).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/Plex is not set up/) });
    await core.handlers['settings.save']({ plex: { url: plex.url, token: 'plex-tok' } });
    expect(await titles(core, 'plex')).toEqual(['Harbour Lights']);
    await core.handlers['settings.save']({ plex: { url: otherPlex.url, token: 'other-tok' } });
    expect(await titles(core, 'plex')).toEqual(['Low Tide', 'Undertow']);
    // Changing only the URL keeps the stored token (an empty secret field means "unchanged").
    await core.handlers['settings.save']({ plex: { url: plex.url } });
    await expect(core.handlers['settings.test']({ service: 'plex' })).resolves.toMatchObject({ ok: false, problem: 'bad_key' });
    await core.handlers['settings.save']({ plex: { token: 'plex-tok' } });
    expect(await titles(core, 'plex')).toEqual(['Harbour Lights']);
  });

  it('clears a server: null removes the URL from the file and the secret from the store', async () => {
    const core = freshCore();
    await core.handlers['settings.save']({ jellyfin: { url: jf.url, apiKey: 'jf-key' } });
    const view = await core.handlers['settings.save']({ jellyfin: { url: null, apiKey: null } });
    expect(view.jellyfin).toEqual({ url: null, hasApiKey: false, fromEnv: [] });
    expect(await readFile(file(core), 'utf8')).not.toContain('jellyfin');
    expect(await storedSecrets(core)).not.toHaveProperty('jellyfin.apiKey');
  });

  it('moves a secret someone wrote into cassette.toml to the store when Settings saves', async () => {
    const core = freshCore();
    await mkdir(join(file(core), '..'), { recursive: true });
    await writeFile(file(core), `# mine\n[subsonic]\nurl = "${ss.url}"\nuser = "ann"\npassword = "pw-secret"\n`, { mode: 0o600 });
    const before = await core.handlers['settings.get'](undefined);
    expect(before.subsonic.hasPassword).toBe(false);
    expect(before.notes.join(' ')).toMatch(/holds a library server secret/);
    await core.handlers['settings.save']({ subsonic: { user: 'ann' } });
    expect(await readFile(file(core), 'utf8')).not.toContain('pw-secret');
    expect(await storedSecrets(core)).toMatchObject({ 'subsonic.password': 'pw-secret' });
    expect((await core.handlers['settings.get'](undefined)).subsonic.hasPassword).toBe(true);
    expect(await titles(core, 'subsonic')).toEqual(['Harbour Lights']);
  });

  it('the environment locks what it sets: shown as such, and a different value is refused without touching the file', async () => {
    const core = freshCore({ PLEX_URL: plex.url, PLEX_TOKEN: 'plex-tok', SUBSONIC_USER: 'ann' });
    const view = await core.handlers['settings.get'](undefined);
    expect(view.plex).toEqual({ url: plex.url, hasToken: true, fromEnv: ['PLEX_URL', 'PLEX_TOKEN'] });
    expect(view.subsonic.fromEnv).toEqual(['SUBSONIC_USER']);
    const refused = await core.dispatch('settings.save', { plex: { url: otherPlex.url } }, OWNER);
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^PLEX_URL is set in the environment/) } });
    const secretRefused = await core.dispatch('settings.save', { plex: { token: 'other-tok' } }, OWNER);
    expect(secretRefused).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^PLEX_TOKEN is set/) } });
    expect(JSON.stringify(secretRefused)).not.toContain('other-tok');
    await expect(readFile(file(core), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
    // What the environment does not set can still be saved beside it.
    await expect(core.dispatch('settings.save', { subsonic: { url: ss.url, password: 'pw-secret' } }, OWNER)).resolves.toMatchObject({ ok: true });
    expect(await titles(core, 'plex')).toEqual(['Harbour Lights']);
    expect(await titles(core, 'subsonic')).toEqual(['Harbour Lights']);
  });
});

describe('which library the missing-tracks check reads', () => {
  const csv = join(__dirname, '..', 'fixtures', 'playlists', 'exportify.csv');

  it('defaults to the folder; [library] index = "plex" makes missing.analyse without a library read Plex', async () => {
    const core = freshCore();
    expect((await core.libraryConnector()).name).toBe('folder');
    await core.handlers['settings.save']({ plex: { url: plex.url, token: 'plex-tok' } });
    const view = await core.handlers['settings.save']({ libraryIndex: 'plex' });
    expect(view.libraryIndex).toBe('plex');
    expect(await readFile(file(core), 'utf8')).toMatch(/\[library\]\s*index = "plex"/);
    expect((await core.libraryConnector()).name).toBe('plex');
    const run = await core.handlers['missing.analyse']({ playlist: csv });
    expect(run.library).toMatchObject({ connector: 'plex' });
    // A named library still wins over the setting.
    await expect(core.libraryConnector('jellyfin')).rejects.toThrow(/Jellyfin is not set up/);
    // Back to the folder: the key leaves the file.
    await core.handlers['settings.save']({ libraryIndex: 'folder' });
    expect(await readFile(file(core), 'utf8')).not.toContain('[library]');
    expect((await core.libraryConnector()).name).toBe('folder');
  });

  it('says so when the chosen library is not set up', async () => {
    const core = freshCore();
    const view = await core.handlers['settings.save']({ libraryIndex: 'jellyfin' });
    expect(view.notes).toContain('The missing-tracks check is set to Jellyfin, which is not set up: finish it in Settings, or choose another library.');
    await expect(core.dispatch('missing.analyse', { playlist: csv }, OWNER)).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/Jellyfin is not set up/) } });
  });
});

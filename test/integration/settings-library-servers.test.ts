// settings.test for the library servers, against their emulators: what answered, a refused credential, a server
// that is not there — each said so the user can act, with no secret in the message.
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { OWNER, type Core } from '../../src/main/core';
import { startJellyfinEmulator, type JellyfinEmulator } from '../emulators/jellyfin';
import { startPlexEmulator, type PlexEmulator } from '../emulators/plex';
import { startSubsonicEmulator, type SubsonicEmulator } from '../emulators/subsonic';
import { openTestCore, tempDir } from '../support/testCore';

let cleanup: () => Promise<void>;
let core: Core;
let plex: PlexEmulator;
let jf: JellyfinEmulator;
let ss: SubsonicEmulator;

beforeEach(async () => {
  const t = await tempDir('cassette-settings-lib-');
  cleanup = t.cleanup;
  plex = await startPlexEmulator({ token: 'plex-tok', sections: [{ key: '2', title: 'Music', type: 'artist', tracks: [] }] });
  jf = await startJellyfinEmulator({ apiKey: 'jf-key', tracks: [] });
  ss = await startSubsonicEmulator({ user: 'ann', password: 'pw-secret', tracks: [] });
  core = openTestCore(join(t.dir, 'data'), { env: { PLEX_URL: plex.url, PLEX_TOKEN: 'plex-tok', SUBSONIC_URL: ss.url, SUBSONIC_USER: 'ann', SUBSONIC_PASSWORD: 'pw-secret' } });
});
afterEach(async () => {
  await core.close();
  await Promise.all([plex.close(), jf.close(), ss.close()]);
  await cleanup();
});

const test = async (input: unknown) => {
  const r = await core.dispatch('settings.test', input, OWNER);
  if (!r.ok) throw new Error(r.error.message);
  return r.data as { ok: boolean; problem: string | null; message: string };
};

it('tests Plex, Jellyfin and Subsonic with saved or typed values', async () => {
  expect(await test({ service: 'plex' })).toMatchObject({ ok: true, message: 'Connected to Plex: music library "Music".' });
  const badPlex = await test({ service: 'plex', token: 'nope' });
  expect(badPlex).toMatchObject({ ok: false, problem: 'bad_key' });
  expect(badPlex.message).toBe(`Plex at ${plex.url} refused the token: check the Plex token (or PLEX_TOKEN).`);
  expect(await test({ service: 'jellyfin', url: jf.url, apiKey: 'jf-key' })).toMatchObject({ ok: true, message: 'Connected to Jellyfin 10.10.3 (emulated-jellyfin).' });
  expect(await test({ service: 'jellyfin' })).toMatchObject({ ok: false, problem: 'not_configured' });
  expect(await test({ service: 'jellyfin', url: jf.url, apiKey: 'nope' })).toMatchObject({
    ok: false, problem: 'bad_key', message: `Jellyfin at ${jf.url} refused the API key: check the Jellyfin API key (or JELLYFIN_API_KEY).`,
  });
  expect(await test({ service: 'subsonic' })).toMatchObject({ ok: true, message: 'Connected to the Subsonic server as ann (API 1.16.1).' });
  const badSs = await test({ service: 'subsonic', password: 'wrong' });
  expect(badSs).toMatchObject({ ok: false, problem: 'bad_key' });
  expect(badSs.message).not.toContain('wrong');
  expect(badSs.message).toBe(`The Subsonic server at ${ss.url} refused the user name or password: check both (or SUBSONIC_USER and SUBSONIC_PASSWORD).`);
  await plex.offline();
  expect(await test({ service: 'plex' })).toMatchObject({ ok: false, problem: 'unreachable', message: expect.stringMatching(/Cannot reach Plex at .*: the connection (was refused|was reset)/) });
});

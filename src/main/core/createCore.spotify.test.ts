import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from './createCore';
import { pathsFor } from './dataDir';

let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

describe('core.spotify', () => {
  it('is one provider per settings, built from the environment and cassette.toml', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cassette-core-spotify-'));
    core = createCore({ paths: pathsFor(dir) }, { host: 'test', runQueue: false, reconcileOnStart: false, env: { SPOTIFY_CLIENT_ID: 'cid', SPOTIFY_API_BASE: 'http://127.0.0.1:9/v1' } });
    const a = await core.spotify();
    expect(a.settings).toMatchObject({ clientId: 'cid', apiBase: 'http://127.0.0.1:9/v1' });
    expect(await core.spotify()).toBe(a);
    expect(await a.list()).toEqual([]);
  });
});

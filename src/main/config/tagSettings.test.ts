import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SecretStore } from '../base';
import { pathsFor } from '../core/dataDir';
import { loadHostSettings, settingsPath } from './hostSettings';
import { saveHostSettings } from './saveHostSettings';
import { id3VersionFromEnv, id3VersionSetting, loadId3Version } from './tagSettings';

describe('id3VersionSetting', () => {
  it.each([
    ['2.4', '2.4'],
    ['2.3', '2.3'],
    [' 2.3 ', '2.3'],
    [2.3, '2.3'],
    [2.4, '2.4'],
  ])('accepts %j as %j', (input, version) => {
    expect(id3VersionSetting.parse(input)).toBe(version);
  });

  it.each([['2.2'], ['v2.3'], ['2.3.0'], [3], [4], [''], [true]])('refuses %j with a message naming the choices', (input) => {
    const r = id3VersionSetting.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('must be "2.4" or "2.3"');
  });
});

describe('loadId3Version', () => {
  it('is 2.4 unless the file or the environment says otherwise; the environment wins', () => {
    const notes: string[] = [];
    expect(loadId3Version(undefined, {}, notes)).toBe('2.4');
    expect(loadId3Version('2.3', {}, notes)).toBe('2.3');
    expect(loadId3Version('2.3', { CASSETTE_ID3_VERSION: '2.4' }, notes)).toBe('2.4');
    expect(loadId3Version(undefined, { CASSETTE_ID3_VERSION: '2.3' }, notes)).toBe('2.3');
    expect(loadId3Version('2.3', { CASSETTE_ID3_VERSION: '' }, notes)).toBe('2.3');
    expect(notes).toEqual([]);
  });

  it('ignores a value in the environment that is no version, with a note', () => {
    const notes: string[] = [];
    expect(loadId3Version('2.3', { CASSETTE_ID3_VERSION: '24' }, notes)).toBe('2.3');
    expect(notes).toEqual(['CASSETTE_ID3_VERSION="24" is not an ID3 version (use 2.4 or 2.3); it is ignored.']);
    expect(id3VersionFromEnv({ CASSETTE_ID3_VERSION: '24' })).toBeUndefined();
    expect(id3VersionFromEnv({ CASSETTE_ID3_VERSION: '2.3' })).toBe('2.3');
  });
});

describe('[library] id3_version in cassette.toml', () => {
  let dir: string;
  const noSecrets: SecretStore = { get: async () => undefined, set: async () => {}, delete: async () => {} };
  const file = () => settingsPath(pathsFor(dir));
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cassette-id3settings-'));
    await mkdir(pathsFor(dir).configDir, { recursive: true });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads "2.3" (and a bare 2.3), defaults to 2.4, and lists the environment variable when it decides', async () => {
    expect((await loadHostSettings(pathsFor(dir), {})).id3Version).toBe('2.4');
    await writeFile(file(), '[library]\nid3_version = "2.3"\n');
    expect((await loadHostSettings(pathsFor(dir), {})).id3Version).toBe('2.3');
    await writeFile(file(), '[library]\nid3_version = 2.3\nindex = "folder"\n');
    const s = await loadHostSettings(pathsFor(dir), { CASSETTE_ID3_VERSION: '2.4' });
    expect(s.id3Version).toBe('2.4');
    expect(s.entered.fromEnv).toContain('CASSETTE_ID3_VERSION');
  });

  it('refuses a file with another version, saying which key and what it may be', async () => {
    await writeFile(file(), '[library]\nid3_version = "2.2"\n');
    await expect(loadHostSettings(pathsFor(dir), {})).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('library.id3_version must be "2.4" or "2.3"'),
    });
  });

  it('saves 2.3 beside the other [library] keys and removes the key again for the default', async () => {
    await writeFile(file(), '# mine\nlibrary_dir = "/music"\n[library]\nindex = "plex"\n');
    await saveHostSettings(pathsFor(dir), { id3Version: '2.3' }, noSecrets);
    expect(await readFile(file(), 'utf8')).toMatch(/\[library\]\nindex = "plex"\nid3_version = "2.3"/);
    await saveHostSettings(pathsFor(dir), { id3Version: '2.4' }, noSecrets);
    const text = await readFile(file(), 'utf8');
    expect(text).not.toContain('id3_version');
    expect(text).toContain('index = "plex"');
    expect(text).toContain('library_dir = "/music"');
    await saveHostSettings(pathsFor(dir), { libraryIndex: 'folder', id3Version: '2.4' }, noSecrets);
    expect(await readFile(file(), 'utf8')).not.toContain('[library]');
  });
});

import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pathsFor } from '../core/dataDir';
import { loadHostSettings, settingsPath } from './hostSettings';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cassette-settings-'));
  await mkdir(pathsFor(dir).configDir, { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});
const write = (text: string) => writeFile(settingsPath(pathsFor(dir)), text, { mode: 0o600 });

describe('host settings', () => {
  it('runs with no settings file at all, fetching missing tracks from slskd once configured', async () => {
    const s = await loadHostSettings(pathsFor(dir), {});
    expect(s).toMatchObject({ defaultSource: 'slskd', notes: [] });
    expect(s.slskd).toBeUndefined();
  });

  it('lets the environment win over the file, and keeps the API key out of the file', async () => {
    await write('default_source = "tickets"\n[slskd]\nurl = "http://file:5030"\ndownloads_dir = "/file/dl"\n[tickets]\nurl = "http://tickets:7000"\n');
    const s = await loadHostSettings(pathsFor(dir), { SLSKD_URL: 'http://env:5030', SLSKD_API_KEY: 'k', TICKETS_TOKEN: 't' });
    expect(s.defaultSource).toBe('tickets');
    expect(s.slskd).toEqual({ baseUrl: 'http://env:5030', downloadsDir: '/file/dl', apiKey: 'k' });
    expect(s.tickets).toEqual({ baseUrl: 'http://tickets:7000', token: 't' });
  });

  it('says what a half-configured source lacks, without failing', async () => {
    const s = await loadHostSettings(pathsFor(dir), { SLSKD_URL: 'http://x:5030' });
    expect(s.slskd).toBeUndefined();
    expect(s.notes.join('\n')).toMatch(/slskd is partly configured.*SLSKD_API_KEY/);
  });

  it('warns when a file holding a secret is readable by others', async () => {
    await write('[slskd]\nurl = "http://x:5030"\ndownloads_dir = "/d"\napi_key = "secret-key"\n');
    await chmod(settingsPath(pathsFor(dir)), 0o644);
    const s = await loadHostSettings(pathsFor(dir), {});
    expect(s.notes.join('\n')).toMatch(/readable by other users: run chmod 600/);
    expect(s.notes.join('\n')).not.toContain('secret-key');
  });

  it('names the file and the field when the settings are wrong', async () => {
    await write('default_source = "napster"\n');
    await expect(loadHostSettings(pathsFor(dir), {})).rejects.toThrow(/cassette\.toml: default_source/);
  });
});

// qoget's settings and credentials: config.toml under $XDG_CONFIG_HOME overlaid by QOBUZ_* variables (the
// environment wins), validation that names the setting but never echoes a secret, the warning for a file others
// can read, the order credentials are taken in, and the 0600 file secret store of headless hosts.
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileSecretStore } from '../../src/main/core';
import { loadQobuzConfig, qogetConfigPath, QOBUZ_TOKEN_SECRET, resolveCredentials } from '../../src/main/flows/qobuzSync';
import { captureLogger } from '../support/qobuzSync';

let dir: string;
let configPath: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qoget-config-'));
  configPath = join(dir, 'qoget', 'config.toml');
  await mkdir(join(dir, 'qoget'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function config(toml: string, mode = 0o600): Promise<void> {
  await writeFile(configPath, toml);
  await chmod(configPath, mode);
}

const memorySecrets = (initial: Record<string, string> = {}) => {
  const m = new Map(Object.entries(initial));
  return { get: async (k: string) => m.get(k), set: async (k: string, v: string) => void m.set(k, v), delete: async (k: string) => void m.delete(k) };
};

describe('config', () => {
  it('lives at $XDG_CONFIG_HOME/qoget/config.toml, else ~/.config/qoget/config.toml', () => {
    expect(qogetConfigPath({ XDG_CONFIG_HOME: '/x/cfg' })).toBe('/x/cfg/qoget/config.toml');
    expect(qogetConfigPath({ HOME: '/home/ann' })).toBe('/home/ann/.config/qoget/config.toml');
    expect(qogetConfigPath({})).toBe(join(homedir(), '.config', 'qoget', 'config.toml'));
  });

  it('the environment wins over the file, setting by setting', async () => {
    await config('token = "file-token"\napp_id = "111111111"\napi_base = "https://file.example/api/"\nusername = "file@example.com"\nrequests_per_second = 2\n');
    const c = await loadQobuzConfig({ configPath, env: { QOBUZ_TOKEN: 'env-token', QOBUZ_API_BASE: 'http://127.0.0.1:1234/api/', QOBUZ_APP_ID: '' } });
    expect(c.settings).toEqual({
      token: 'env-token', appId: '111111111', apiBase: 'http://127.0.0.1:1234/api/', username: 'file@example.com', requestsPerSecond: 2,
    });
    expect(c.origin).toEqual({ token: 'env', appId: 'config', apiBase: 'env', username: 'config', requestsPerSecond: 'config' });
    expect(c.configFound).toBe(true);
  });

  it('a missing file is fine', async () => {
    const c = await loadQobuzConfig({ configPath: join(dir, 'nope.toml'), env: { QOBUZ_TOKEN: 't' } });
    expect(c).toMatchObject({ settings: { token: 't' }, configFound: false, warnings: [] });
  });

  it('warns when others can read the file (it may hold a token), not when it is 0600', async () => {
    await config('token = "abc"\n', 0o644);
    expect((await loadQobuzConfig({ configPath, env: {} })).warnings).toEqual([expect.stringMatching(/readable by other users \(mode 0644\).*chmod 600/)]);
    await chmod(configPath, 0o640);
    expect((await loadQobuzConfig({ configPath, env: {} })).warnings).toHaveLength(1);
    await chmod(configPath, 0o600);
    expect((await loadQobuzConfig({ configPath, env: {} })).warnings).toEqual([]);
  });

  it('names a bad setting without echoing secrets; TOML errors give only the position', async () => {
    await config('api_base = "ftp://nope"\n');
    await expect(loadQobuzConfig({ configPath, env: {} })).rejects.toThrow(/config\.toml: api_base must be an http\(s\) URL/);
    await expect(loadQobuzConfig({ configPath: join(dir, 'x.toml'), env: { QOBUZ_APP_ID: 'abc' } })).rejects.toThrow(/^QOBUZ_APP_ID must be the numeric Qobuz app_id$/);
    await config('token = "sekrit-value\n');
    const e = await loadQobuzConfig({ configPath, env: {} }).catch((err: Error) => err);
    expect(String(e)).toMatch(/not valid TOML at line 1/);
    expect(String(e)).not.toContain('sekrit');
  });

  it('warns about unknown settings (typos) instead of ignoring them silently', async () => {
    await config('tokn = "x"\n');
    expect((await loadQobuzConfig({ configPath, env: {} })).warnings).toEqual([expect.stringMatching(/unknown setting "tokn"/)]);
  });
});

describe('credentials', () => {
  it('take a token from the environment, then config.toml, then the stored one, then username/password', async () => {
    const stored = memorySecrets({ [QOBUZ_TOKEN_SECRET]: 'stored-token' });
    await config('token = "file-token"\nusername = "u"\npassword = "p"\n');
    const withEnv = await loadQobuzConfig({ configPath, env: { QOBUZ_TOKEN: 'env-token' } });
    expect(await resolveCredentials(withEnv, stored)).toEqual({ kind: 'token', token: 'env-token', source: 'env' });
    const fileOnly = await loadQobuzConfig({ configPath, env: {} });
    expect(await resolveCredentials(fileOnly, stored)).toEqual({ kind: 'token', token: 'file-token', source: 'config' });
    await config('username = "u"\npassword = "p"\n');
    const noToken = await loadQobuzConfig({ configPath, env: {} });
    expect(await resolveCredentials(noToken, stored)).toEqual({ kind: 'token', token: 'stored-token', source: 'stored' });
    expect(await resolveCredentials(noToken, memorySecrets())).toEqual({ kind: 'password', username: 'u', password: 'p', source: 'config' });
    const envPw = await loadQobuzConfig({ configPath: join(dir, 'none.toml'), env: { QOBUZ_USERNAME: 'a', QOBUZ_PASSWORD: 'b' } });
    expect(await resolveCredentials(envPw, memorySecrets())).toMatchObject({ kind: 'password', source: 'env' });
    expect(await resolveCredentials(await loadQobuzConfig({ configPath: join(dir, 'none.toml'), env: {} }), memorySecrets())).toEqual({ kind: 'none' });
  });
});

describe('the headless secret store', () => {
  it('keeps secrets in a 0600 file whatever the umask, warns once, and forgets on delete', async () => {
    const file = join(dir, 'data', 'headless-secrets.json');
    const log = captureLogger();
    const old = process.umask(0o000);
    try {
      const s = fileSecretStore(file, log);
      await s.set('qobuz.token', 'one');
      await s.set('other', 'two');
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(await s.get('qobuz.token')).toBe('one');
      await s.delete('qobuz.token');
      expect(await s.get('qobuz.token')).toBeUndefined();
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ other: 'two' });
    } finally {
      process.umask(old);
    }
    expect(log.lines.filter((l) => l.startsWith('warn:'))).toHaveLength(1);
    expect(log.lines.join('\n')).not.toContain('one');
  });

  it('refuses to overwrite a damaged file (other secrets would be lost)', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(file, '{not json');
    await expect(fileSecretStore(file).set('k', 'v')).rejects.toThrow(/damaged/);
    expect(await readFile(file, 'utf8')).toBe('{not json');
  });
});

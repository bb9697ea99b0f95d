// Settings against the real clients and the emulators: each Test connection says exactly what is wrong; saving
// writes cassette.toml (keeping the user's keys, secrets to the secret store) and takes effect without a restart;
// a request whose source is not set up says why it waits.
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../src/main/core';
import { OWNER, createCore, pathsFor } from '../../src/main/core';
import { settingsPath } from '../../src/main/config';
import { seedDemoCatalog, startDemoWorld, type DemoWorld } from '../emulators/demoWorld';
import { startSlskdEmulator, type SlskdEmulator } from '../emulators/slskd';
import { openTestCore, tempDir } from '../support/testCore';

let world: DemoWorld;
let oldSlskd: SlskdEmulator;
let dir: string;
let cleanup: () => Promise<void>;
let closedPortUrl: string;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('cassette-settings-'));
  world = await startDemoWorld(join(dir, 'world'), { seconds: 3, transferBytesPerSec: 5_000_000 });
  oldSlskd = await startSlskdEmulator({ downloadsDir: join(dir, 'world', 'slskd-downloads'), apiKey: 'k', version: '0.19.1' });
  // A port nothing listens on: bind, note it, close.
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  closedPortUrl = `http://127.0.0.1:${port}`;
}, 60_000);
afterAll(async () => {
  await oldSlskd.close();
  await world.close();
  await cleanup();
});

let n = 0;
function freshCore(config: Parameters<typeof openTestCore>[1] = {}): Core {
  return openTestCore(join(dir, `data-${++n}`), { env: {}, connectionTestTimeoutMs: 2_000, ...config });
}

describe('Test connection', () => {
  it('slskd: success, bad key, wrong version, unreachable, downloads folder not visible', async () => {
    const core = freshCore();
    const cfg = world.slskdConfig;
    const test = (over: Record<string, string>) =>
      core.handlers['settings.test']({ service: 'slskd', url: cfg.baseUrl, apiKey: cfg.apiKey, downloadsDir: cfg.downloadsDir, ...over });
    await expect(test({})).resolves.toMatchObject({ ok: true, problem: null, detail: 'slskd 0.22.5' });
    await expect(test({ apiKey: 'wrong' })).resolves.toMatchObject({ ok: false, problem: 'bad_key', message: expect.stringMatching(/refused the API key/) });
    await expect(test({ url: oldSlskd.url, apiKey: 'k' })).resolves.toMatchObject({
      ok: false, problem: 'wrong_version', message: 'slskd 0.19.1 is too old: Cassette needs 0.22.0 or newer.',
    });
    await expect(test({ url: closedPortUrl })).resolves.toMatchObject({ ok: false, problem: 'unreachable', message: expect.stringMatching(/connection refused/) });
    await expect(test({ url: world.tickets.url })).resolves.toMatchObject({ ok: false, problem: 'bad_key' });
    const invisible = join(dir, 'not-mounted-here');
    await expect(test({ downloadsDir: invisible })).resolves.toMatchObject({
      ok: false, problem: 'folder_not_visible', message: expect.stringContaining(`${invisible} does not exist on the machine running Cassette`),
    });
    const result = await test({ apiKey: 'wrong' });
    expect(JSON.stringify(result)).not.toContain('wrong');
    await core.close();
  });

  it('ticket service: success, bad token, not a ticket service, unreachable', async () => {
    const core = freshCore();
    const test = (over: Record<string, string>) =>
      core.handlers['settings.test']({ service: 'tickets', url: world.tickets.url, token: world.tickets.apiKey, ...over });
    await expect(test({})).resolves.toMatchObject({ ok: true, message: expect.stringMatching(/Connected to the ticket service/) });
    await expect(test({ token: 'nope' })).resolves.toMatchObject({ ok: false, problem: 'bad_key' });
    await expect(test({ url: world.slskd.url })).resolves.toMatchObject({ ok: false, problem: 'wrong_version', message: expect.stringMatching(/no \/tickets API/) });
    await expect(test({ url: closedPortUrl })).resolves.toMatchObject({ ok: false, problem: 'unreachable' });
    await core.close();
  });

  it('says what is missing when nothing is entered, and checks the folders', async () => {
    const core = freshCore();
    await expect(core.handlers['settings.test']({ service: 'slskd' })).resolves.toMatchObject({ ok: false, problem: 'not_configured' });
    await expect(core.handlers['settings.test']({ service: 'qobuz' })).resolves.toMatchObject({ ok: false, problem: 'not_configured' });
    await mkdir(join(dir, 'transfer'), { recursive: true });
    await expect(core.handlers['settings.test']({ service: 'folders', transferDir: join(dir, 'transfer') })).resolves.toMatchObject({ ok: true });
    await expect(core.handlers['settings.test']({ service: 'folders', transferDir: join(dir, 'nope') })).resolves.toMatchObject({ ok: false, problem: 'folder_not_visible' });
    await core.close();
  });
});

describe('saving settings', () => {
  it('writes cassette.toml atomically, keeps other keys, puts the API key in the secret store only', async () => {
    const core = freshCore();
    const file = settingsPath(pathsFor(core.paths.dataDir));
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, '# mine\nsomething_else = 42\n[slskd]\nurl = "http://old:5030"\napi_key = "old-key-in-file"\n[custom]\nkeep = true\n', { mode: 0o600 });
    const view = await core.handlers['settings.save']({
      defaultSource: 'tickets',
      slskd: { url: world.slskdConfig.baseUrl, apiKey: 'new-secret-key', downloadsDir: world.slskdConfig.downloadsDir },
      tickets: { url: world.tickets.url, token: world.tickets.apiKey, concurrency: 3 },
    });
    const text = await readFile(file, 'utf8');
    expect(text).toMatch(/something_else = 42/);
    expect(text).toMatch(/\[custom\]\s*keep = true/);
    expect(text).toContain(`url = "${world.slskdConfig.baseUrl}"`);
    expect(text).toContain('default_source = "tickets"');
    expect(text).not.toMatch(/new-secret-key|old-key-in-file|api_key|token/);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const secrets = await readFile(join(core.paths.dataDir, 'headless-secrets.json'), 'utf8');
    expect(JSON.parse(secrets)).toMatchObject({ 'slskd.apiKey': 'new-secret-key', 'tickets.token': world.tickets.apiKey });
    expect(view).toMatchObject({ defaultSource: 'tickets', slskd: { hasApiKey: true, url: world.slskdConfig.baseUrl }, tickets: { hasToken: true, concurrency: 3 } });
    expect(JSON.stringify(view)).not.toContain('new-secret-key');
    await core.close();
  });

  it('refuses a relative folder and a broken file instead of overwriting it', async () => {
    const core = freshCore();
    await expect(core.dispatch('settings.save', { libraryDir: 'Music' }, OWNER)).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const file = settingsPath(pathsFor(core.paths.dataDir));
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, 'this is = = not toml');
    await expect(core.dispatch('settings.save', { defaultSource: 'slskd' }, OWNER)).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/not valid TOML/) } });
    expect(await readFile(file, 'utf8')).toBe('this is = = not toml');
    await core.close();
  });
});

describe('a queue that says why it waits', () => {
  it('marks requests for an unconfigured source, logs it once, then runs them once slskd is saved — without a restart', async () => {
    const warnings: string[] = [];
    const logger = { info: () => {}, error: () => {}, warn: (m: string) => void warnings.push(m) };
    const dataDir = join(dir, 'data-waiting');
    const core = createCore({ paths: pathsFor(dataDir), logger }, { host: 'test', env: {}, defaultSource: 'slskd', libraryDir: join(dataDir, 'Library'), connectionTestTimeoutMs: 2_000, reconcileOnStart: false });
    const ids = seedDemoCatalog(core.catalog, 3);
    core.reconcile();
    const { items } = await core.handlers['queue.list']({ view: 'queued', limit: 500, offset: 0 });
    expect(items.length).toBe(ids.length);
    expect(items[0]!.waiting).toEqual({ reason: 'not_configured', message: 'Waits for Soulseek (slskd), which is not set up: open Settings to connect it.' });
    const states = await core.handlers['sources.state'](undefined);
    expect(states.find((s) => s.source === 'slskd')).toMatchObject({ configured: false, problem: 'not_configured', waiting: ids.length, isDefault: true });
    core.sourceStates.changed();
    core.sourceStates.changed();
    expect(warnings.filter((w) => w.includes('slskd'))).toEqual([`${ids.length} downloads wait for Soulseek (slskd), which is not set up: open Settings to connect it.`]);

    const changes: unknown[] = [];
    core.events.on('sources.state', (s) => changes.push(s));
    core.processor.start();
    await core.handlers['settings.save']({
      slskd: { url: world.slskdConfig.baseUrl, apiKey: world.slskdConfig.apiKey, downloadsDir: world.slskdConfig.downloadsDir },
    });
    const after = await core.handlers['queue.list']({ view: 'all', limit: 500, offset: 0 });
    expect(after.items.some((r) => r.waiting?.reason === 'not_configured')).toBe(false);
    expect(changes.length).toBeGreaterThan(0);
    // The first track comes through the source built from the saved settings.
    await vi.waitFor(async () => expect((await core.handlers['catalog.status'](undefined)).downloaded).toBeGreaterThan(0), { timeout: 45_000, interval: 250 });
    await core.close();
  }, 60_000);

  it('marks requests whose source is configured but unreachable, with the reason', async () => {
    const core = freshCore({ defaultSource: 'slskd' });
    await core.handlers['settings.save']({ slskd: { url: closedPortUrl, apiKey: 'k', downloadsDir: dir } });
    await core.sourceStates.check('slskd');
    seedDemoCatalog(core.catalog, 3);
    core.reconcile();
    const { items } = await core.handlers['queue.list']({ view: 'queued', limit: 500, offset: 0 });
    expect(items[0]!.waiting).toMatchObject({ reason: 'unreachable', message: expect.stringMatching(/^Waits for Soulseek \(slskd\): Cannot reach slskd at .*connection refused/) });
    const slskd = (await core.handlers['sources.state'](undefined)).find((s) => s.source === 'slskd');
    expect(slskd).toMatchObject({ configured: true, reachable: false, problem: 'unreachable' });
    await core.close();
  });
});

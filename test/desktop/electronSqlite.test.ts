// npm start's desktop path: which host it starts, and building better-sqlite3 for Electron into its own folder.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildElectronSqlite, electronSqliteState, wantedBuild } from '../../scripts/desktop/electronSqlite.mjs';
import { planDesktopStart } from '../../scripts/desktop/planDesktopStart.mjs';

const root = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('better-sqlite3/package.json'));
const nodeBuild = join(packageDir, 'build', 'Release', 'better_sqlite3.node');
const electronVersion: string = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;

const dirs: string[] = [];
const fresh = (prefix = 'cassette-esql-') => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

/** A project root with an electron package (binary optional) and better-sqlite3's package.json. */
function fakeProject({ binary }: { binary: boolean }): string {
  const dir = fresh('cassette-project-');
  const electron = join(dir, 'node_modules', 'electron');
  mkdirSync(join(electron, 'dist'), { recursive: true });
  writeFileSync(join(electron, 'package.json'), JSON.stringify({ name: 'electron', version: '41.7.1' }));
  if (binary) {
    writeFileSync(join(electron, 'path.txt'), 'electron');
    writeFileSync(join(electron, 'dist', 'electron'), '');
  }
  mkdirSync(join(dir, 'node_modules', 'better-sqlite3'), { recursive: true });
  writeFileSync(join(dir, 'node_modules', 'better-sqlite3', 'package.json'), JSON.stringify({ name: 'better-sqlite3', version: '12.11.1' }));
  writeFileSync(join(dir, 'package.json'), '{}');
  return dir;
}

type Build = NonNullable<Parameters<typeof planDesktopStart>[0]['build']>;

describe('planDesktopStart', () => {
  it('serves headless with one line when the Electron binary is missing', async () => {
    const plan = await planDesktopStart({ root: fakeProject({ binary: false }), env: {} });
    expect(plan).toMatchObject({ mode: 'headless', notice: expect.stringMatching(/^Electron is not installed on this machine .*npm run setup:desktop.*headless host instead\.$/) });
  });

  it('builds SQLite for Electron on first start and passes its path to the app', async () => {
    const project = fakeProject({ binary: true });
    const calls: unknown[] = [];
    const build: Build = async (args) => {
      calls.push(args.wanted);
      return { ok: true, path: join(args.outDir!, 'better_sqlite3.node'), how: 'prebuilt' };
    };
    const logged: string[] = [];
    const plan = await planDesktopStart({ root: project, env: {}, build, log: (l: string) => logged.push(l) });
    expect(calls).toEqual([{ electron: '41.7.1', betterSqlite3: '12.11.1', platform: process.platform, arch: process.arch }]);
    expect(logged).toEqual([expect.stringMatching(/^First start: building SQLite for Electron 41\.7\.1/)]);
    expect(plan).toEqual({
      mode: 'electron',
      electron: join(project, 'node_modules', 'electron', 'dist', 'electron'),
      binding: join(project, 'node_modules', '.cassette-electron', 'better_sqlite3.node'),
    });
  });

  it('does not build again when the module matches this Electron, and does when Electron changed', async () => {
    const project = fakeProject({ binary: true });
    const out = join(project, 'node_modules', '.cassette-electron');
    mkdirSync(out);
    writeFileSync(join(out, 'better_sqlite3.node'), '');
    const wanted = wantedBuild(project, '41.7.1');
    writeFileSync(join(out, 'stamp.json'), JSON.stringify(wanted));
    let builds = 0;
    const build: Build = async () => {
      builds++;
      return { ok: true, path: join(out, 'better_sqlite3.node'), how: 'prebuilt' };
    };
    expect(await planDesktopStart({ root: project, env: {}, build })).toMatchObject({ mode: 'electron' });
    expect(builds).toBe(0);
    writeFileSync(join(out, 'stamp.json'), JSON.stringify({ ...wanted, electron: '40.0.0' }));
    expect(electronSqliteState(out, wanted)).toBe('stale');
    expect(await planDesktopStart({ root: project, env: {}, build })).toMatchObject({ mode: 'electron' });
    expect(builds).toBe(1);
  });

  it('falls back to the headless host, saying why, when SQLite cannot be built', async () => {
    const build: Build = async () => ({ ok: false, reason: 'prebuilt: 404; compile: no headers' });
    const plan = await planDesktopStart({ root: fakeProject({ binary: true }), env: {}, build });
    expect(plan).toMatchObject({
      mode: 'headless',
      notice: 'SQLite could not be built for Electron 41.7.1 (prebuilt: 404; compile: no headers); starting the headless host instead (run `npm run setup:desktop` to try again).',
    });
  });
});

/** prebuild-install's name for the Electron module of this platform. */
function prebuildName(): string {
  const abi = readFileSync(join(root, 'node_modules', 'electron', 'abi_version'), 'utf8').trim();
  const version: string = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;
  return `better-sqlite3-v${version}-electron-v${abi}-${process.platform}-${process.arch}.tar.gz`;
}

/** A local prebuild folder whose tarball holds `module` as build/Release/better_sqlite3.node. */
function localPrebuild(module: string): string {
  const staging = fresh('cassette-prebuild-');
  mkdirSync(join(staging, 'build', 'Release'), { recursive: true });
  copyFileSync(module, join(staging, 'build', 'Release', 'better_sqlite3.node'));
  const dir = fresh('cassette-prebuilds-');
  execFileSync('tar', ['-czf', join(dir, prebuildName()), '-C', staging, 'build']);
  return dir;
}

/** Offline: the npm cache, node-gyp's headers and every download host are empty temp dirs or loopback. */
function offlineEnv(): NodeJS.ProcessEnv {
  const d = fresh('cassette-offline-');
  return {
    ...process.env,
    npm_config_cache: join(d, 'npm'),
    npm_config_devdir: join(d, 'gyp'),
    npm_config_better_sqlite3_binary_host: 'http://127.0.0.1:9',
    CASSETTE_ELECTRON_HEADERS_URL: 'http://127.0.0.1:9',
  };
}

describe('buildElectronSqlite', () => {
  const wanted = () => wantedBuild(root, electronVersion);

  it('installs the prebuilt module into its own folder, checks it loads, and leaves the Node build alone', async () => {
    const before = statSync(nodeBuild).mtimeMs;
    const outDir = join(fresh(), '.cassette-electron');
    // Node's build stands in for Electron's, and Node for Electron: the check loads it in that runtime.
    const result = await buildElectronSqlite({
      root, wanted: wanted(), runtime: process.execPath, outDir, env: offlineEnv(), localPrebuilds: localPrebuild(nodeBuild),
    });
    expect(result).toEqual({ ok: true, path: join(outDir, 'better_sqlite3.node'), how: 'prebuilt' });
    // Buffer.equals: a deep toEqual over megabytes of bytes takes a minute.
    expect(readFileSync(join(outDir, 'better_sqlite3.node')).equals(readFileSync(nodeBuild))).toBe(true);
    expect(electronSqliteState(outDir, wanted())).toBe('current');
    expect(existsSync(join(outDir, 'staging'))).toBe(false);
    expect(statSync(nodeBuild).mtimeMs).toBe(before);
  });

  it('refuses a module that does not load in the runtime and installs nothing', async () => {
    const bogus = join(fresh(), 'better_sqlite3.node');
    writeFileSync(bogus, 'not a shared object');
    const outDir = join(fresh(), '.cassette-electron');
    const result = await buildElectronSqlite({
      root, wanted: wanted(), runtime: process.execPath, outDir, env: offlineEnv(), localPrebuilds: localPrebuild(bogus),
    });
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/check: the prebuilt module does not load in Electron/) });
    expect(existsSync(join(outDir, 'better_sqlite3.node'))).toBe(false);
    expect(existsSync(join(outDir, 'staging'))).toBe(false);
  });

  it('reports both routes when neither a prebuilt module nor Electron headers can be fetched', async () => {
    const outDir = join(fresh(), '.cassette-electron');
    const result = await buildElectronSqlite({ root, wanted: wanted(), runtime: process.execPath, outDir, env: offlineEnv() });
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/^prebuilt: .*ECONNREFUSED.*; compile: .+/) });
    expect(existsSync(join(outDir, 'better_sqlite3.node'))).toBe(false);
  }, 120_000);
});

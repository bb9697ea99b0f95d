import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseSqliteBinding, ELECTRON_SQLITE_BINDING, type RunningApp } from './sqliteBinding';
// The script that builds the module and the app that loads it must agree on where it lives.
import { ELECTRON_SQLITE_BINDING as BUILT_BY_SCRIPT } from '../../../scripts/desktop/electronSqlite.mjs';

const root = join('/', 'checkout');
const devBuild = join(root, ELECTRON_SQLITE_BINDING);
const app = (over: Partial<RunningApp> = {}, present: string[] = []): RunningApp => ({
  electronVersion: '41.7.1',
  isPackaged: false,
  appPath: root,
  env: {},
  exists: (p) => present.includes(p),
  ...over,
});

describe('chooseSqliteBinding', () => {
  it('uses the package build under plain Node (CLI, tests, headless host)', () => {
    expect(chooseSqliteBinding(app({ electronVersion: undefined }))).toBeUndefined();
  });

  it('uses the build npm start made for Electron in a checkout', () => {
    expect(chooseSqliteBinding(app({}, [devBuild]))).toBe(devBuild);
  });

  it('prefers the path npm start passes in the environment', () => {
    const elsewhere = join('/', 'cache', 'better_sqlite3.node');
    expect(chooseSqliteBinding(app({ env: { CASSETTE_SQLITE_BINDING: elsewhere } }, [elsewhere, devBuild]))).toBe(elsewhere);
  });

  it('uses the package build in an installed app, which electron-builder rebuilt for Electron', () => {
    expect(chooseSqliteBinding(app({ isPackaged: true, appPath: join('/', 'opt', 'Cassette', 'resources', 'app.asar') }))).toBeUndefined();
  });

  it('says how to build it when a checkout has none, instead of crashing on the wrong ABI', () => {
    expect(() => chooseSqliteBinding(app())).toThrow(/not been built for Electron 41\.7\.1.*npm start/);
  });

  it('names a wrong path given in the environment', () => {
    expect(() => chooseSqliteBinding(app({ env: { CASSETTE_SQLITE_BINDING: '/nope.node' } }, [devBuild]))).toThrow(/\/nope\.node, which does not exist/);
  });

  it('agrees with the install script on where the Electron build lives', () => {
    expect(BUILT_BY_SCRIPT).toBe(ELECTRON_SQLITE_BINDING.split('\\').join('/'));
  });
});

// openDatabase loads the compiled module it is given: Electron passes one built for its own ABI.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations, openDatabase } from '.';

const require = createRequire(import.meta.url);
// Node's own build of the module, the only one that loads under the test runner.
const nodeBuild = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');

const dirs: string[] = [];
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), 'cassette-binding-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

const loadedLibraries = (): string[] => {
  const report = process.report?.getReport() as { sharedObjects?: string[] } | undefined;
  return report?.sharedObjects ?? [];
};

describe('openDatabase nativeBinding', () => {
  it('loads the module from the given path, not from the package', () => {
    const dir = fresh();
    const binding = join(dir, 'electron-abi', 'better_sqlite3.node');
    mkdirSync(dirname(binding));
    copyFileSync(nodeBuild, binding);
    const db = openDatabase(join(dir, 'catalog.db'), migrations, { nativeBinding: binding });
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    db.close();
    expect(loadedLibraries()).toContain(binding);
  });

  it('fails naming the path when the module is not there', () => {
    const dir = fresh();
    const missing = join(dir, 'nowhere', 'better_sqlite3.node');
    expect(() => openDatabase(join(dir, 'catalog.db'), migrations, { nativeBinding: missing })).toThrow(missing);
  });
});

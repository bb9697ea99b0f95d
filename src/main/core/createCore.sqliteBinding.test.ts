// The host's choice of SQLite module reaches the catalog: Electron passes one built for its ABI.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from './createCore';
import { pathsFor } from './dataDir';
import { silentLogger } from '../base';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

describe('createCore sqliteBinding', () => {
  it('opens the catalog with the module the host names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cassette-core-binding-'));
    dirs.push(dir);
    const missing = join(dir, 'electron-build', 'better_sqlite3.node');
    expect(() =>
      createCore({ paths: pathsFor(dir), logger: silentLogger }, { host: 'test', reconcileOnStart: false, sqliteBinding: missing }),
    ).toThrow(missing);
  });
});

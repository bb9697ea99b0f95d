// npm run dist puts Node's better-sqlite3 build back after electron-builder rebuilt (or removed) it.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keepNodeBuild } from '../../scripts/desktop/keepNodeBuild.mjs';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});
function release(): string {
  const d = mkdtempSync(join(tmpdir(), 'cassette-keep-'));
  dirs.push(d);
  const r = join(d, 'build', 'Release');
  mkdirSync(r, { recursive: true });
  writeFileSync(join(r, 'better_sqlite3.node'), 'node-abi');
  return r;
}

describe('keepNodeBuild', () => {
  it('restores Node’s module after a rebuild for Electron, and drops the rebuild marker', async () => {
    const r = release();
    const result = await keepNodeBuild(r, () => {
      writeFileSync(join(r, 'better_sqlite3.node'), 'electron-abi');
      writeFileSync(join(r, '.forge-meta'), 'x64--145');
      return 0;
    });
    expect(result).toBe(0);
    expect(readFileSync(join(r, 'better_sqlite3.node'), 'utf8')).toBe('node-abi');
    expect(existsSync(join(r, '.forge-meta'))).toBe(false);
  });

  it('restores it when a failed rebuild removed the whole build folder, and passes the failure on', async () => {
    const r = release();
    await expect(
      keepNodeBuild(r, async () => {
        rmSync(join(r, '..'), { recursive: true, force: true });
        throw new Error('node-gyp failed to rebuild');
      }),
    ).rejects.toThrow('node-gyp failed to rebuild');
    expect(readFileSync(join(r, 'better_sqlite3.node'), 'utf8')).toBe('node-abi');
  });
});

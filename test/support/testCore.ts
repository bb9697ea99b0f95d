// A core on a fresh temp data dir with a controllable clock, for integration tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, pathsFor, silentLogger, type Core, type CoreConfig } from '../../src/main/core';

export class FakeClock {
  constructor(public t = Date.UTC(2026, 10, 23, 12, 0, 0)) {}
  now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

export async function tempDir(prefix = 'cassette-test-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export function openTestCore(dataDir: string, config: Partial<CoreConfig> = {}, clock = new FakeClock()): Core {
  return createCore({ paths: pathsFor(dataDir), clock, logger: silentLogger }, { host: 'test', libraryDir: join(dataDir, 'Library'), ...config });
}

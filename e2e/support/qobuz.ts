// A Qobuz emulator and the core settings that point Cassette at it the way a user's environment would
// (QOBUZ_API_BASE/QOBUZ_WEB_BASE, an empty qoget config dir, no QOBUZ_TOKEN: the page signs in), with fast retries.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CoreConfig } from '../../src/main/core';
import { startQobuzEmulator, type QobuzEmulator, type QobuzLibrary } from '../../test/emulators/qobuz';

// The integration tests' fast settings (test/support/qobuzSync.ts), repeated here: that module uses __dirname and
// cannot be loaded by `tsx e2e/screenshots.ts`, which runs as plain ESM.
const FAST_CLIENT = { requestsPerSecond: 200, backoffLimitMs: 50, retries: 3 };
const FAST_TRANSFER = { backoff: { baseMs: 5, maxMs: 40 }, maxAttempts: 5, idleTimeoutMs: 5_000 };

export interface QobuzSandbox {
  emu: QobuzEmulator;
  /** Pass as startApp({ core }). */
  core: Partial<CoreConfig>;
  /** A folder for the purchases (does not exist yet; the sync creates it). */
  musicDir: string;
  close(): Promise<void>;
}

export async function qobuzSandbox(library?: QobuzLibrary): Promise<QobuzSandbox> {
  const emu = await startQobuzEmulator({ library });
  const root = await mkdtemp(join(tmpdir(), 'cassette-e2e-qobuz-'));
  const configHome = join(root, 'config');
  return {
    emu,
    musicDir: join(root, 'Music', 'Qobuz'),
    core: {
      qobuz: {
        env: { QOBUZ_API_BASE: emu.apiBase, QOBUZ_WEB_BASE: emu.webBase, XDG_CONFIG_HOME: configHome, HOME: root },
        configPath: join(configHome, 'qoget', 'config.toml'),
        client: FAST_CLIENT,
        transfer: FAST_TRANSFER,
      },
    },
    async close() {
      await emu.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

// What `npm start` runs: the Electron app when its binary and an Electron build of SQLite are there (building
// the latter on first start), else the headless host, with one line saying why.
import { join } from 'node:path';
import { electronBinaryPath, electronVersion } from './electronBinary.mjs';
import { buildElectronSqlite, ELECTRON_SQLITE_DIR, electronSqliteState, wantedBuild } from './electronSqlite.mjs';

export const RETRY_HINT = 'run `npm run setup:desktop` to try again';

/**
 * Resolves { mode: 'electron', electron, binding } or { mode: 'headless', reason, notice }.
 * `build` defaults to buildElectronSqlite; tests pass their own.
 */
export async function planDesktopStart({ root, env = process.env, build = buildElectronSqlite, log = () => {} }) {
  const electron = electronBinaryPath(root, env);
  if (!electron) {
    return {
      mode: 'headless',
      reason: 'no Electron binary',
      notice: `Electron is not installed on this machine (its binary could not be downloaded; ${RETRY_HINT}); starting the headless host instead.`,
    };
  }
  const version = electronVersion(root);
  const outDir = join(root, ELECTRON_SQLITE_DIR);
  const binding = join(outDir, 'better_sqlite3.node');
  const wanted = wantedBuild(root, version);
  const state = electronSqliteState(outDir, wanted);
  if (state === 'current') return { mode: 'electron', electron, binding };
  log(
    state === 'missing'
      ? `First start: building SQLite for Electron ${version} (seconds when a prebuilt module downloads, a few minutes to compile)...`
      : `Electron or SQLite changed: rebuilding SQLite for Electron ${version}...`,
  );
  const built = await build({ root, wanted, runtime: electron, outDir, env, log });
  if (!built.ok) {
    return {
      mode: 'headless',
      reason: built.reason,
      notice: `SQLite could not be built for Electron ${version} (${built.reason}); starting the headless host instead (${RETRY_HINT}).`,
    };
  }
  return { mode: 'electron', electron, binding: built.path };
}

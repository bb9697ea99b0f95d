// electron-builder's npmRebuild rebuilds better-sqlite3 for Electron inside node_modules (and a failed rebuild
// removes the build folder), which would leave the CLI and the tests with a module they cannot load. This runs
// a step and then puts Node's build back, whatever the step did or however it ended.
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `releaseDir` is better-sqlite3's build/Release folder; resolves what `step` resolves. */
export async function keepNodeBuild(releaseDir, step) {
  const module = join(releaseDir, 'better_sqlite3.node');
  const saved = join(tmpdir(), `cassette-node-sqlite-${process.pid}-${Date.now()}.node`);
  const had = existsSync(module);
  if (had) copyFileSync(module, saved);
  try {
    return await step();
  } finally {
    if (had) {
      mkdirSync(releaseDir, { recursive: true });
      copyFileSync(saved, module);
      rmSync(saved, { force: true });
      // @electron/rebuild's marker would make the next packaging skip the rebuild and ship Node's module.
      rmSync(join(releaseDir, '.forge-meta'), { force: true });
    }
  }
}

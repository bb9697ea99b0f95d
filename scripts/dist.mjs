// npm run dist: build the app, then package it with electron-builder for this platform (Linux: AppImage + deb,
// macOS: dmg, Windows: nsis; extra arguments go to electron-builder, e.g. `npm run dist -- --linux AppImage`).
// electron-builder rebuilds better-sqlite3 for Electron inside node_modules (npmRebuild), which would leave the
// CLI and the tests with a module they cannot load: Node's build is put back afterwards, whatever happens.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { keepNodeBuild } from './desktop/keepNodeBuild.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const fail = (line) => {
  process.stderr.write(`${line}\n`);
  process.exit(2);
};

// Debian packages need a maintainer and a homepage; say so before a long build rather than after it.
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const buildsDeb = process.platform === 'linux' && (args.length === 0 || args.some((a) => a === 'deb' || a.includes('deb')));
if (buildsDeb && (!pkg.homepage || !pkg.author?.email)) {
  fail('A .deb needs "homepage" and "author": {"name", "email"} in package.json; add them, or run `npm run dist -- --linux AppImage`.');
}

const run = (command, commandArgs, env = process.env) => spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env }).status ?? 1;

// npm names itself to the scripts it runs; `node scripts/dist.mjs` by hand falls back to npm on the PATH.
const built = process.env.npm_execpath
  ? run(process.execPath, [process.env.npm_execpath, 'run', '-s', 'build'])
  : spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' }).status;
if (built !== 0) fail('The build failed; nothing was packaged.');

const release = join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build', 'Release');
// A nodedir from npm's config (machines with Node's headers installed) makes node-gyp build against Node's
// headers while @electron/rebuild believes it built for Electron: the package would crash at openDatabase.
const { npm_config_nodedir: _nodedir, ...builderEnv } = process.env;
const status = await keepNodeBuild(release, () =>
  run(process.execPath, [join(root, 'node_modules', 'electron-builder', 'cli.js'), '--config', 'electron-builder.json', '--publish', 'never', ...args], builderEnv),
);
if (status !== 0) fail('electron-builder failed (see above); Node\'s SQLite module was put back.');
process.stdout.write(`Packaged into ${join(root, 'dist')}\n`);

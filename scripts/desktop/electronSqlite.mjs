// better-sqlite3 built for Electron's ABI, kept apart from the package's own build (which stays Node's, for the
// CLI and the tests). First a prebuilt module for this Electron (seconds), else a compile from the package's
// sources against Electron's headers (a few minutes). The result is checked by loading it in Electron itself.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, copyFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';

/** Relative to the project root; src/main/electron/sqliteBinding.ts loads it from there. */
export const ELECTRON_SQLITE_DIR = 'node_modules/.cassette-electron';
export const ELECTRON_SQLITE_BINDING = `${ELECTRON_SQLITE_DIR}/better_sqlite3.node`;
const STAMP = 'stamp.json';

export const DEFAULT_HEADERS_URL = 'https://electronjs.org/headers';

function betterSqliteDir(root) {
  return dirname(createRequire(join(root, 'package.json')).resolve('better-sqlite3/package.json'));
}

/** What the module must have been built for; a change in any of these means building it again. */
export function wantedBuild(root, electronVersion, { platform = process.platform, arch = process.arch } = {}) {
  const pkg = JSON.parse(readFileSync(join(betterSqliteDir(root), 'package.json'), 'utf8'));
  return { electron: electronVersion, betterSqlite3: pkg.version, platform, arch };
}

/** 'current', 'missing' or 'stale' (built for another Electron, better-sqlite3, platform or arch). */
export function electronSqliteState(outDir, wanted) {
  if (!existsSync(join(outDir, 'better_sqlite3.node'))) return 'missing';
  try {
    const stamp = JSON.parse(readFileSync(join(outDir, STAMP), 'utf8'));
    return Object.keys(wanted).every((k) => stamp[k] === wanted[k]) ? 'current' : 'stale';
  } catch {
    return 'stale';
  }
}

/** node-gyp as npm ships it: npm names it to scripts; otherwise it sits inside npm beside node. */
export function findNodeGyp(env = process.env, execPath = process.execPath) {
  const candidates = [
    env.npm_config_node_gyp,
    join(dirname(execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    join(dirname(execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  return candidates.find((c) => c && existsSync(c));
}

function run(command, args, { cwd, env, timeoutMs = 15 * 60_000 }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk) => {
      output = (output + chunk.toString()).slice(-16 * 1024);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: -1, output: e.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, output });
    });
  });
}

const lastLine = (output) =>
  output
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('at ') && !/^gyp (info|ERR! (cwd|command|node|stack|System|node-gyp|not ok))/.test(l))
    .at(-1) ?? 'no output';

/** Loads the module in the given runtime (Electron, run as Node) with better-sqlite3's own JS around it. */
export async function checkBinding({ root, runtime, binding, env = process.env }) {
  const lib = betterSqliteDir(root);
  const script = `const D=require(${JSON.stringify(lib)});const db=new D(':memory:',{nativeBinding:${JSON.stringify(binding)}});process.stdout.write(db.prepare('select sqlite_version() v').get().v)`;
  const result = await run(runtime, ['-e', script], { cwd: root, env: { ...env, ELECTRON_RUN_AS_NODE: '1' }, timeoutMs: 60_000 });
  return result.code === 0 ? { ok: true } : { ok: false, reason: lastLine(result.output) };
}

/**
 * Builds the module for `wanted.electron` into `outDir` and checks it with `runtime` (Electron's executable).
 * Resolves { ok: true, path, how } or { ok: false, reason }; leaves no half-built module at `outDir`.
 */
export async function buildElectronSqlite({
  root,
  wanted,
  runtime,
  outDir = join(root, ELECTRON_SQLITE_DIR),
  env = process.env,
  localPrebuilds,
  headersUrl = env.CASSETTE_ELECTRON_HEADERS_URL || DEFAULT_HEADERS_URL,
  log = () => {},
}) {
  const staging = join(outDir, 'staging');
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const source = betterSqliteDir(root);
  // A copy of the package, so neither route touches the Node build in node_modules/better-sqlite3/build.
  cpSync(source, staging, {
    recursive: true,
    filter: (p) => {
      const rel = relative(source, p).split(sep)[0];
      return rel !== 'build' && rel !== 'node_modules';
    },
  });
  const built = join(staging, 'build', 'Release', 'better_sqlite3.node');
  const failures = [];
  let how;

  const prebuild = createRequire(join(root, 'package.json')).resolve('prebuild-install/bin.js');
  const prebuildArgs = [prebuild, '--runtime', 'electron', '--target', wanted.electron, '--arch', wanted.arch, '--platform', wanted.platform];
  if (localPrebuilds) prebuildArgs.push('--local-prebuilds', localPrebuilds);
  log(`Fetching SQLite for Electron ${wanted.electron} (prebuilt)...`);
  const fetched = await run(process.execPath, prebuildArgs, { cwd: staging, env, timeoutMs: 5 * 60_000 });
  if (fetched.code === 0 && existsSync(built)) how = 'prebuilt';
  else failures.push(`prebuilt: ${lastLine(fetched.output)}`);

  if (!how) {
    const nodeGyp = findNodeGyp(env);
    if (!nodeGyp) failures.push('compile: node-gyp not found (it comes with npm)');
    else {
      log(`No prebuilt module; compiling SQLite for Electron ${wanted.electron} (a few minutes)...`);
      const args = [nodeGyp, 'rebuild', '--release', `--target=${wanted.electron}`, `--arch=${wanted.arch}`, `--dist-url=${headersUrl}`];
      // A nodedir from npm's config (set where Node's headers are local) would build for Node's ABI instead.
      const { npm_config_nodedir: _nodedir, ...gypEnv } = env;
      const compiled = await run(process.execPath, args, { cwd: staging, env: gypEnv });
      if (compiled.code === 0 && existsSync(built)) how = 'compiled';
      else failures.push(`compile: ${lastLine(compiled.output)}`);
    }
  }

  if (how) {
    const checked = await checkBinding({ root, runtime, binding: built, env });
    if (!checked.ok) {
      failures.push(`check: the ${how} module does not load in Electron (${checked.reason})`);
      how = undefined;
    }
  }
  if (!how) {
    rmSync(staging, { recursive: true, force: true });
    return { ok: false, reason: failures.join('; ') };
  }
  const target = join(outDir, 'better_sqlite3.node');
  const tmp = `${target}.${process.pid}.tmp`;
  copyFileSync(built, tmp);
  renameSync(tmp, target);
  writeFileSync(join(outDir, STAMP), `${JSON.stringify(wanted)}\n`);
  rmSync(staging, { recursive: true, force: true });
  return { ok: true, path: target, how };
}

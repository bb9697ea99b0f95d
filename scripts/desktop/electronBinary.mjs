// Electron's binary: where it is, and fetching it with electron's own install.js. npm's install-script policy
// keeps electron's script from running during `npm install` (a failed download there would fail the whole
// install); our postinstall runs it instead and turns a failure into one line.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Either variable, set to anything but "" / "0" / "false", skips the download (CI sets the first). */
export const SKIP_VARIABLES = ['CASSETTE_SKIP_ELECTRON', 'ELECTRON_SKIP_BINARY_DOWNLOAD'];

export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 10 * 60_000;

/** The variable that asks to skip the download, if one does. */
export function skipRequestedBy(env) {
  return SKIP_VARIABLES.find((name) => {
    const v = env[name];
    return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
  });
}

export function electronPackageDir(root) {
  return join(root, 'node_modules', 'electron');
}

/** The installed electron package's version, or undefined when it is not installed. */
export function electronVersion(root) {
  try {
    return JSON.parse(readFileSync(join(electronPackageDir(root), 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/** The Electron executable if it was downloaded, else undefined (electron's own index.js throws instead). */
export function electronBinaryPath(root, env = process.env) {
  const dir = electronPackageDir(root);
  let relative;
  try {
    relative = readFileSync(join(dir, 'path.txt'), 'utf8').trim();
  } catch {
    return undefined;
  }
  const path = env.ELECTRON_OVERRIDE_DIST_PATH ? join(env.ELECTRON_OVERRIDE_DIST_PATH, relative) : join(dir, 'dist', relative);
  return existsSync(path) ? path : undefined;
}

/** The one line worth showing from install.js's stack trace. */
export function summariseInstallError(output) {
  const lines = output.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('at '));
  const line = lines.find((l) => /(Error|error)\b.*:/.test(l)) ?? lines.at(-1) ?? 'its install script failed';
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

/**
 * Runs electron's install.js (which honours ELECTRON_MIRROR, the proxy variables and its download cache).
 * Resolves { ok: true, path } or { ok: false, reason }; never rejects.
 */
export function fetchElectronBinary({ root, env = process.env, timeoutMs = DEFAULT_DOWNLOAD_TIMEOUT_MS }) {
  const dir = electronPackageDir(root);
  const script = join(dir, 'install.js');
  if (!existsSync(script)) return Promise.resolve({ ok: false, reason: 'the electron package is not installed (dev dependencies were left out)' });
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let output = '';
    let timedOut = false;
    child.stderr.on('data', (chunk) => {
      output = (output + chunk.toString()).slice(-64 * 1024);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: e.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) return resolve({ ok: false, reason: `no complete download within ${Math.round(timeoutMs / 1000)} s` });
      if (code !== 0) return resolve({ ok: false, reason: summariseInstallError(output) });
      const path = electronBinaryPath(root, env);
      resolve(path ? { ok: true, path } : { ok: false, reason: 'the download finished but left no Electron executable' });
    });
  });
}

// npm start: the Electron app; where Electron's binary or its build of SQLite is missing and cannot be made,
// say so in one line and serve headless.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { planDesktopStart } from './desktop/planDesktopStart.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const plan = await planDesktopStart({ root, log: (line) => process.stdout.write(`${line}\n`) });

let child;
if (plan.mode === 'electron') {
  // The main process opens the catalog with this module instead of better-sqlite3's Node build.
  const env = { ...process.env, CASSETTE_SQLITE_BINDING: plan.binding };
  child = spawn(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'dev'], { cwd: root, stdio: 'inherit', env });
} else {
  process.stdout.write(`${plan.notice}\n`);
  child = spawn(process.execPath, [join(root, 'scripts', 'serve.mjs'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));

// After `npm install`: fetch Electron's binary (npm's script policy keeps electron's own install script from
// running, because its failure would fail the whole install) and, when it is there, build SQLite for Electron.
// Never fails the install: where the download cannot happen, one line says so and `npm start` serves headless.
// `npm run setup:desktop` runs this again.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DOWNLOAD_TIMEOUT_MS, electronVersion, fetchElectronBinary, skipRequestedBy } from './desktop/electronBinary.mjs';
import { planDesktopStart, RETRY_HINT } from './desktop/planDesktopStart.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const say = (line) => process.stdout.write(`cassette: ${line}\n`);

async function main() {
  const skip = skipRequestedBy(process.env);
  if (skip) {
    say(`not downloading Electron (${skip} is set); \`npm start\` will serve the headless host.`);
    return;
  }
  const version = electronVersion(root);
  if (!version) {
    say('Electron is not installed (dev dependencies were left out); only the headless host and the CLI can run.');
    return;
  }
  const timeoutMs = Number(process.env.CASSETTE_ELECTRON_TIMEOUT_S) * 1000 || DEFAULT_DOWNLOAD_TIMEOUT_MS;
  const fetched = await fetchElectronBinary({ root, env: process.env, timeoutMs });
  if (!fetched.ok) {
    say(`Electron ${version} could not be downloaded (${fetched.reason}); \`npm start\` will serve the headless host (${RETRY_HINT}).`);
    return;
  }
  const plan = await planDesktopStart({ root, env: process.env, log: say });
  say(
    plan.mode === 'electron'
      ? `Electron ${version} is ready; \`npm start\` opens the desktop app.`
      : `Electron ${version} is installed, but SQLite could not be built for it yet (${plan.reason}); \`npm start\` will try again.`,
  );
}

try {
  await main();
} catch (e) {
  say(`setting up the desktop app failed (${e instanceof Error ? e.message : String(e)}); \`npm start\` will serve the headless host (${RETRY_HINT}).`);
}

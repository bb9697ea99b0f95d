// Bundles the CLIs (`cassette`, `qoget`) and the headless host into plain JavaScript under out/cli, so installed
// copies start without the TypeScript loader (faster, ~40 MB less memory). Dependencies stay in node_modules.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'out', 'cli');
mkdirSync(outdir, { recursive: true });
await build({
  entryPoints: { cassette: join(root, 'src/cli/cassette.ts'), qoget: join(root, 'src/cli/qoget.ts') },
  outdir, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external',
  outExtension: { '.js': '.mjs' }, logLevel: 'warning',
});
// The tag writer runs in a worker loaded by URL next to the bundle.
copyFileSync(join(root, 'src/main/library/tags/tagWorker.mjs'), join(outdir, 'tagWorker.mjs'));
process.stdout.write(`CLIs built in ${outdir}\n`);

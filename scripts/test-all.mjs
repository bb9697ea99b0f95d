// npm test: typecheck, lint, unit, integration and e2e, then one summary line `N passed, N failed`
// summing every suite (typecheck and lint count as one check each).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const only = process.argv.slice(2);
const want = (name) => only.length === 0 || only.includes(name);
const out = mkdtempSync(join(tmpdir(), 'cassette-test-report-'));
let passed = 0;
let failed = 0;
const lines = [];

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  return r.status === 0;
}

function check(name, cmd, args) {
  if (!want(name)) return;
  process.stdout.write(`\n▶ ${name}\n`);
  const ok = run(cmd, args);
  if (ok) passed++;
  else failed++;
  lines.push(`${name}: ${ok ? 'ok' : 'FAILED'}`);
}

function suite(name, pre) {
  if (!want(name)) return;
  process.stdout.write(`\n▶ ${name} tests\n`);
  if (pre && !run('npm', ['run', '-s', pre])) {
    failed++;
    lines.push(`${name}: build failed`);
    return;
  }
  const file = join(out, `${name}.json`);
  run('npx', ['vitest', 'run', '--project', name, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
  if (!existsSync(file)) {
    failed++;
    lines.push(`${name}: no report (runner crashed)`);
    return;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const p = r.numPassedTests ?? 0;
  // A file that fails to load counts as a failure even though it has no tests.
  const f = (r.numFailedTests ?? 0) + (r.testResults ?? []).filter((t) => t.status === 'failed' && (t.assertionResults ?? []).length === 0).length;
  passed += p;
  failed += f;
  lines.push(`${name}: ${p} passed, ${f} failed${r.numPendingTests ? `, ${r.numPendingTests} skipped` : ''}`);
}

check('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
check('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
suite('unit');
suite('integration');
suite('e2e', 'build:renderer');

process.stdout.write(`\n${lines.join('\n')}\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);

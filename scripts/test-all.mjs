// npm test: typecheck, lint, unit, integration (vitest) and the browser tests (Playwright), then one summary line
// `N passed, N failed` summing every suite (typecheck and lint count as one check each).
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

// Playwright's JSON report: expected = passed, unexpected = failed, flaky (passed on a retry) count as passed but
// are named; errors outside any test (a spec that does not load, a crashed worker) and a runner that exits
// non-zero without saying why count as failures.
function browserSuite(name, pre) {
  if (!want(name)) return;
  process.stdout.write(`\n▶ ${name} tests\n`);
  if (pre && !run('npm', ['run', '-s', pre])) {
    failed++;
    lines.push(`${name}: build failed`);
    return;
  }
  const file = join(out, `${name}.json`);
  const r = spawnSync('npx', ['playwright', 'test', '--reporter=list,json'], {
    stdio: 'inherit',
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: file },
  });
  if (!existsSync(file)) {
    failed++;
    lines.push(`${name}: no report (runner crashed, exit ${r.status ?? r.signal})`);
    return;
  }
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    failed++;
    lines.push(`${name}: unreadable report (runner crashed, exit ${r.status ?? r.signal})`);
    return;
  }
  const stats = report.stats ?? {};
  const p = (stats.expected ?? 0) + (stats.flaky ?? 0);
  let f = (stats.unexpected ?? 0) + (report.errors ?? []).length;
  if (r.status !== 0 && f === 0) f = 1;
  passed += p;
  failed += f;
  const flaky = flakyTitles(report.suites ?? []);
  lines.push(
    `${name}: ${p} passed, ${f} failed${stats.skipped ? `, ${stats.skipped} skipped` : ''}` +
      (flaky.length ? ` (${flaky.length} flaky: ${flaky.join('; ')})` : ''),
  );
}

function flakyTitles(suites, path = []) {
  const titles = [];
  for (const s of suites) {
    const here = s.title ? [...path, s.title] : path;
    for (const spec of s.specs ?? []) {
      if ((spec.tests ?? []).some((t) => t.status === 'flaky')) titles.push([...here, spec.title].join(' › '));
    }
    titles.push(...flakyTitles(s.suites ?? [], here));
  }
  return titles;
}

check('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
check('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
suite('unit');
suite('integration');
browserSuite('e2e', 'build:renderer');

process.stdout.write(`\n${lines.join('\n')}\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);

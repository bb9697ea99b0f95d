// `npm run demo -- --fast`: the demo's story (a queue that fills, runs, finishes, and a failure with its reason)
// runs to the end and says what happened.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tempDir } from '../support/testCore';

const run = promisify(execFile);
let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempDir('cassette-demo-test-')));
afterAll(() => cleanup());

it('downloads what the peers share and fails the live-only album with its reason', async () => {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', '--fast'], {
    env: { ...process.env, CASSETTE_DATA_DIR: dir },
    timeout: 90_000,
  });
  const summary = JSON.parse(stdout.trim().split('\n').at(-1)!) as { songs: number; downloaded: number; failed: number; reasons: string[] };
  expect(summary).toMatchObject({ songs: 8, downloaded: 6, failed: 2 });
  expect(summary.reasons.every((r) => /No acceptable file for The Quiet Engines/.test(r))).toBe(true);
}, 120_000);

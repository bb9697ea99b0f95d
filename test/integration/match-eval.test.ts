// The matching engine against its labelled evaluation set (test/fixtures/match-eval): the published targets
// hold on the test half, through `npm run eval:match` as a person runs it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = join(__dirname, '..', '..');

describe('eval:match', () => {
  it('has at least 600 labelled pairs in two halves, with hard negatives of every kind', () => {
    const pairs = readFileSync(join(REPO, 'test/fixtures/match-eval/pairs.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { kind: string; label: boolean; split: string });
    expect(pairs.length).toBeGreaterThanOrEqual(600);
    expect(new Set(pairs.map((p) => p.split))).toEqual(new Set(['tune', 'test']));
    const kinds = new Set(pairs.filter((p) => !p.label).map((p) => p.kind.replace(/^file-unasked-.*/, 'file-unasked')));
    for (const k of ['file-other-version', 'track-another-concert', 'file-same-artist-other-song', 'file-unasked', 'file-cover-other-artist', 'curated-cover', 'nonlatin-other-song']) {
      expect(kinds).toContain(k);
    }
  });

  it('reaches precision ≥ 0.99 and recall ≥ 0.95 on the test half, and prints JSON last', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'scripts/match-eval/evaluate.ts')], { cwd: REPO, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const last = r.stdout.trim().split('\n').pop() ?? '';
    const result = JSON.parse(last) as { split: string; precision: number; recall: number; calibration: Array<{ bin: string }> };
    expect(result.split).toBe('test');
    expect(result.precision).toBeGreaterThanOrEqual(0.99);
    expect(result.recall).toBeGreaterThanOrEqual(0.95);
    expect(result.calibration.length).toBeGreaterThan(0);
  });
});

// `cassette match-score` as a script runs it: JSON lines in on stdin, one JSON line out per input, bad lines
// answered with an error line while the rest continue, exit 2 when any line was bad.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = join(__dirname, '..', '..');

function matchScore(input: string): Promise<{ code: number | null; lines: unknown[]; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'src', 'cli', 'cassette.ts'), 'match-score'], {
    cwd: REPO,
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(input);
  return new Promise((resolve) =>
    child.once('close', (code) =>
      resolve({ code, stderr, lines: stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown) }),
    ),
  );
}

const harbour = { title: 'Harbour Lights', artists: ['Nina Vale'], album: 'Tidewater', durationMs: 200_000 };

describe('cassette match-score', () => {
  it('scores tracks and peer file names, one result line per input line, exit 0', async () => {
    const input = [
      { a: { filename: 'Music\\Nina Vale\\Tidewater\\01 - Harbour Lights.flac', durationMs: 201_000 }, b: harbour },
      { a: { ...harbour, title: 'Harbour Lights - Live' }, b: harbour },
      { a: { title: 'Группа крови', artists: ['Кино'] }, b: { title: 'Gruppa Krovi', artists: ['Kino'] } },
      { a: { filename: '01 - Someone Else - Harbour Lights [320].mp3' }, b: harbour },
    ]
      .map((l) => JSON.stringify(l))
      .join('\n');
    const r = await matchScore(`${input}\n`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.lines).toHaveLength(4);
    const [file, live, kino, other] = r.lines as Array<{ score: number; match: boolean; breakdown: Record<string, { value: number; detail?: string }> }>;
    expect(file).toMatchObject({ match: true, score: 1, breakdown: { title: { value: 0 }, artist: { value: 0 }, length: { value: 0 } } });
    expect(live?.match).toBe(false);
    expect(live?.breakdown.version).toMatchObject({ value: 1, detail: 'live version not asked for' });
    expect(kino?.match).toBe(true);
    expect(other?.match).toBe(false);
    for (const l of r.lines as Array<{ score: number }>) {
      expect(l.score).toBeGreaterThanOrEqual(0);
      expect(l.score).toBeLessThanOrEqual(1);
    }
  });

  it('answers a bad line with an error line, keeps going, and exits 2', async () => {
    const good = JSON.stringify({ a: harbour, b: harbour });
    const r = await matchScore([good, '{not json', JSON.stringify({ a: { title: 'x' }, b: harbour }), '', good].join('\n'));
    expect(r.code).toBe(2);
    expect(r.lines).toHaveLength(4);
    expect(r.lines[0]).toMatchObject({ match: true });
    expect(r.lines[1]).toMatchObject({ error: expect.stringMatching(/^line 2: invalid_input: not JSON/) });
    expect(r.lines[2]).toEqual({ error: 'line 3: invalid_input: a.artists: Invalid input: expected array, received undefined' });
    expect(r.lines[3]).toMatchObject({ match: true });
  });
});

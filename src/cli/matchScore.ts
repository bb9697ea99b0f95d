// `cassette match-score`: the matching engine from a terminal. Reads JSON lines {"a": Track | {filename},
// "b": Track} on stdin and writes one JSON line per input: {"score","match","breakdown",...} or {"error"}.
// A bad line does not stop the rest; the exit code says whether any was bad.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { z } from 'zod';
import { matchFilename, matchTracks, type MatchResult, type MatchTrack } from '../main/matching';
import { EXIT } from './output';

const TrackSchema = z.object({
  title: z.string().min(1, 'title must not be empty'),
  artists: z.array(z.string()),
  album: z.string().optional(),
  durationMs: z.number().nonnegative().optional(),
  trackNumber: z.number().int().nonnegative().optional(),
});
const FileSchema = z.object({
  filename: z.string().min(1, 'filename must not be empty'),
  durationMs: z.number().nonnegative().optional(),
});
const LineShape = z.object({ a: z.record(z.string(), z.unknown()), b: z.unknown() });

export type MatchScoreLine = { a: z.infer<typeof FileSchema> | z.infer<typeof TrackSchema>; b: z.infer<typeof TrackSchema> };

/** Validates one input line; `a` is a file when it names one, so a bad track's error names the wrong field. */
export function parseMatchScoreLine(value: unknown): { ok: true; line: MatchScoreLine } | { ok: false; error: string } {
  const shape = LineShape.safeParse(value);
  if (!shape.success) return { ok: false, error: describeIssue(shape.error) };
  const a = 'filename' in shape.data.a ? FileSchema.safeParse(shape.data.a) : TrackSchema.safeParse(shape.data.a);
  if (!a.success) return { ok: false, error: `a.${describeIssue(a.error)}` };
  const b = TrackSchema.safeParse(shape.data.b);
  if (!b.success) return { ok: false, error: `b.${describeIssue(b.error)}` };
  return { ok: true, line: { a: a.data, b: b.data } };
}

export interface MatchScoreOutput {
  score: number;
  match: boolean;
  verdict: MatchResult['verdict'];
  probability: number;
  breakdown: MatchResult['breakdown'];
  reading?: string;
}

function toTrack(t: z.infer<typeof TrackSchema>): MatchTrack {
  const out: MatchTrack = { title: t.title, artists: t.artists };
  if (t.album) out.album = t.album;
  if (t.durationMs !== undefined) out.durationSec = t.durationMs / 1000;
  if (t.trackNumber !== undefined) out.trackNumber = t.trackNumber;
  return out;
}

/** Scores one parsed line: `b` is the track asked for, `a` the candidate (a track or a peer's file). */
export function scoreLine(line: MatchScoreLine): MatchScoreOutput {
  const wanted = toTrack(line.b);
  const r =
    'filename' in line.a
      ? matchFilename(wanted, line.a.filename, line.a.durationMs === undefined ? undefined : line.a.durationMs / 1000)
      : matchTracks(wanted, toTrack(line.a));
  const out: MatchScoreOutput = {
    score: Math.round(r.score * 10_000) / 10_000,
    match: r.match,
    verdict: r.verdict,
    probability: Math.round(r.probability * 1000) / 1000,
    breakdown: r.breakdown,
  };
  if (r.reading) out.reading = r.reading;
  return out;
}

function describeIssue(e: z.ZodError): string {
  const issue = e.issues[0];
  if (!issue) return 'invalid input';
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

/** Runs the line protocol; returns how many lines were bad. Blank lines are skipped, not answered. */
export async function runMatchScore(input: Readable, output: Writable): Promise<{ lines: number; bad: number }> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let lines = 0;
  let bad = 0;
  for await (const raw of rl) {
    const text = raw.trim();
    if (!text) continue;
    lines++;
    let reply: MatchScoreOutput | { error: string };
    try {
      const parsed = parseMatchScoreLine(JSON.parse(text));
      reply = parsed.ok ? scoreLine(parsed.line) : { error: `line ${lines}: invalid_input: ${parsed.error}` };
    } catch (e) {
      reply = { error: `line ${lines}: invalid_input: not JSON (${e instanceof Error ? e.message : String(e)})` };
    }
    if ('error' in reply) bad++;
    output.write(`${JSON.stringify(reply)}\n`);
  }
  return { lines, bad };
}

export function addMatchScoreCommand(program: Command): void {
  program
    .command('match-score')
    .description(
      'Score track pairs with the matching engine: JSON lines {"a": Track | {"filename"}, "b": Track} on stdin, one JSON result per line on stdout',
    )
    .action(async () => {
      const { bad } = await runMatchScore(process.stdin, process.stdout);
      if (bad > 0) process.exitCode = EXIT.usage;
    });
}

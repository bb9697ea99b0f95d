// Exact parsers for what arrives in URLs: an id is `^[1-9][0-9]*$` (not `0x10`, `1 `, `1e3`), a flag is one of
// 1|0|true|false, a number is digits within bounds. Anything else — repeated keys, `dryRun[]`, unknown keys —
// is a 400, never a default. Query objects are strict for that reason.
import { z } from 'zod';

const DIGITS = /^(?:0|[1-9][0-9]{0,15})$/;

/** A database id from a path segment or query value. */
export const idValue = z
  .string()
  .regex(/^[1-9][0-9]{0,15}$/, 'must be a whole number from 1 up (like 42)')
  .transform(Number)
  .refine(Number.isSafeInteger, 'is too large');

/** A yes/no query flag. */
export const flagValue = z
  .enum(['1', '0', 'true', 'false'], { message: 'must be 1, 0, true or false' })
  .transform((v) => v === '1' || v === 'true');

/** A whole number in [min, max]. */
export function intValue(min: number, max: number) {
  return z
    .string()
    .regex(DIGITS, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
}

export const idParams = z.object({ id: idValue }).strict();
export const noQuery = z.object({}).strict();
export const scanQuery = z.object({ dryRun: flagValue.optional() }).strict();
export const auditQuery = z.object({ limit: intValue(1, 1000).optional(), before: idValue.optional() }).strict();

/** One line a client can act on: `dryRun: must be 1, 0, true or false`. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request';
  if (issue.code === 'unrecognized_keys') return `unknown parameter ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
  const where = issue.path.map(String).join('.') || 'request';
  return `${where}: ${issue.message}`;
}

// How CLI commands speak: plain lines for people, JSON for machines, errors as one clear line + exit code.
import { AppError } from '../shared/result';

export const EXIT = { ok: 0, failure: 1, usage: 2, auth: 3, partial: 4 } as const;

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Prints an error a user can act on (never a stack trace) and sets the exit code. */
export function fail(e: unknown, code: number = EXIT.failure): never {
  const message = e instanceof AppError || e instanceof Error ? e.message : String(e);
  process.stderr.write(`error: ${message}\n`);
  process.exit(code);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

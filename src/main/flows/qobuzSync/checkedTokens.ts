// Remembers which token user/get accepted, and when, so a re-sync within a day makes no request beyond the
// purchase pages (the first page proves the token still works). Keyed by a hash: the token is not stored here.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Clock } from '../../base';
import { QobuzError, qobuzUserSchema, type QobuzUser } from '../../sources';

export const CHECKED_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

const fileSchema = z.object({ key: z.string(), checkedAt: z.number(), user: qobuzUserSchema });

export class CheckedTokens {
  constructor(
    private readonly file: string,
    private readonly clock: Clock,
    private readonly ttlMs = CHECKED_TOKEN_TTL_MS,
  ) {}

  async recall(key: string): Promise<QobuzUser | undefined> {
    try {
      const entry = fileSchema.parse(JSON.parse(await readFile(this.file, 'utf8')));
      const fresh = entry.key === key && this.clock.now() - entry.checkedAt < this.ttlMs;
      return fresh ? (entry.user as QobuzUser) : undefined;
    } catch {
      return undefined;
    }
  }

  async remember(key: string, user: QobuzUser): Promise<void> {
    await writeFile(this.file, JSON.stringify({ key, checkedAt: this.clock.now(), user }), { mode: 0o600 }).catch(() => undefined);
  }

  async forget(key: string): Promise<void> {
    if ((await this.recall(key)) !== undefined) await rm(this.file, { force: true });
  }
}

/** A 401 from a user call: the token is no good any more. */
export function isTokenRejection(e: unknown): boolean {
  return e instanceof QobuzError && (e.code === 'auth_required' || e.code === 'auth_invalid_token');
}

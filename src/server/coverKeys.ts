// Short-lived keys for cover images. An <img> cannot send `Authorization`, and the access token must not go into
// URLs (they end up in logs and histories), so the renderer trades its token for a cover key (GET /v1/covers/key)
// and puts that in the image URL instead. A key opens only the cover routes, expires within two hours, and is an
// HMAC under a secret that lives in this process's memory (a restart retires every key). Keys are issued per
// hour-long bucket, so every image URL stays the same for an hour and the browser's cache keeps working.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CoverKey } from '../shared/coverUrl';

export const COVER_KEY_BUCKET_MS = 60 * 60 * 1000;

export interface CoverKeys {
  issue(): CoverKey;
  verify(key: unknown): boolean;
}

export function createCoverKeys(o: { secret?: Buffer; now?: () => number } = {}): CoverKeys {
  const secret = o.secret ?? randomBytes(32);
  const now = o.now ?? Date.now;
  const sign = (expiresAt: number) => createHmac('sha256', secret).update(`cassette-cover-key:${expiresAt}`).digest('base64url');
  return {
    issue() {
      const expiresAt = (Math.floor(now() / COVER_KEY_BUCKET_MS) + 2) * COVER_KEY_BUCKET_MS;
      return { key: `${expiresAt.toString(36)}.${sign(expiresAt)}`, expiresAt };
    },
    verify(key) {
      if (typeof key !== 'string' || key.length > 100) return false;
      const m = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(key);
      if (!m) return false;
      const expiresAt = parseInt(m[1]!, 36);
      const t = now();
      if (!(expiresAt > t && expiresAt <= t + 2 * COVER_KEY_BUCKET_MS)) return false;
      const given = Buffer.from(m[2]!);
      const want = Buffer.from(sign(expiresAt));
      return given.length === want.length && timingSafeEqual(given, want);
    },
  };
}

// Token auth for the headless host: the owner's access token (admin) plus optional per-user tokens.
import { timingSafeEqual } from 'node:crypto';
import type { Role } from '../shared/contract';

export type { Role };
export interface Principal {
  name: string;
  role: Role;
}
export interface HostUser extends Principal {
  token: string;
}

/**
 * The token a request carries: `Authorization: Bearer <token>`, or, where `allowQuery` (the /rpc upgrade only —
 * a browser cannot set headers on a WebSocket), `?token=`. A query token anywhere else is not a token: URLs end up
 * in logs and histories.
 */
export function tokenFromRequest(headers: Record<string, string | string[] | undefined>, query: unknown, allowQuery: boolean): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && /^Bearer /i.test(auth)) return auth.slice(7).trim() || undefined;
  if (!allowQuery) return undefined;
  const q = query as { token?: unknown } | undefined;
  return typeof q?.token === 'string' && q.token ? q.token : undefined;
}

export function authenticate(token: string | undefined, users: HostUser[]): Principal | undefined {
  if (!token) return undefined;
  const given = Buffer.from(token);
  for (const u of users) {
    const want = Buffer.from(u.token);
    if (want.length === given.length && timingSafeEqual(want, given)) return { name: u.name, role: u.role };
  }
  return undefined;
}

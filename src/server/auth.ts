// Token auth for the headless host: the owner's access token (admin) plus optional per-user tokens.
import { timingSafeEqual } from 'node:crypto';

export type Role = 'admin' | 'user';
export interface Principal {
  name: string;
  role: Role;
}
export interface HostUser extends Principal {
  token: string;
}

export function tokenFromRequest(headers: Record<string, string | string[] | undefined>, query: unknown): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice(7).trim();
  const q = query as { token?: unknown } | undefined;
  return typeof q?.token === 'string' ? q.token : undefined;
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

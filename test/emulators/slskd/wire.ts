// How slskd (ASP.NET, System.Text.Json) puts values on the wire: nulls omitted, TimeSpans as "hh:mm:ss.fffffff".
import { randomUUID } from 'node:crypto';

/** Drops null and undefined properties, as slskd's serializer is configured to. */
export function compact<T extends Record<string, unknown>>(obj: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== null && v !== undefined) out[k] = v;
  return out as Partial<T>;
}

export function timeSpan(ms: number): string {
  const totalSec = Math.max(0, ms) / 1000;
  const h = Math.floor(totalSec / 3600);
  const m = Math.floor((totalSec % 3600) / 60);
  const s = Math.floor(totalSec % 60);
  const frac = Math.round((totalSec - Math.floor(totalSec)) * 1e7);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(frac, 7)}`;
}

export function isoTime(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

const GUID_RE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
export const isGuid = (s: string): boolean => GUID_RE.test(s);
export const newGuid = (): string => randomUUID();

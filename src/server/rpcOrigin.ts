// Which web pages may open the /rpc WebSocket: only the host's own (the renderer it serves). Browsers send
// `Origin` on every WebSocket upgrade and pages cannot forge it; a request without one comes from a script or
// program, which still needs a token. Comparing with `Host` would not do: under DNS rebinding both name the
// attacker's domain, so the allowed names are the addresses the host really listens on.
import { networkInterfaces, hostname } from 'node:os';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]' || host === '';
}

function bracket(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}

/** The origins (`http://name:port`) of the pages this host serves, for a host bound to `bindHost`:`port`. */
export function ownOrigins(bindHost: string, port: number, extra: readonly string[] = []): Set<string> {
  const names = new Set<string>();
  if (isLoopbackHost(bindHost) || isWildcard(bindHost)) for (const n of LOOPBACK_NAMES) names.add(n);
  if (isWildcard(bindHost)) {
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) names.add(bracket(a.address.split('%')[0]!));
    names.add(hostname().toLowerCase());
  } else {
    names.add(bracket(bindHost.replace(/^\[|\]$/g, '')).toLowerCase());
  }
  const origins = new Set<string>();
  // Browsers leave the default port out of Origin.
  for (const n of names) origins.add(port === 80 ? `http://${n}` : `http://${n}:${port}`);
  for (const e of extra) origins.add(e.replace(/\/+$/, '').toLowerCase());
  return origins;
}

/** Whether an upgrade with this Origin header may proceed. No header: not a browser (the token decides). */
export function originAllowed(origin: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (origin === undefined) return true;
  try {
    const u = new URL(origin);
    return allowed.has(`${u.protocol}//${u.host}`.toLowerCase());
  } catch {
    return false; // `null` (sandboxed frames, file: pages) and garbage
  }
}

// Injectable Web API faults, matched by method and path (a string prefix or a RegExp), consumed once per matching
// request (or kept with times: Infinity).

export type SpotifyFaultKind =
  /** 429 with Retry-After (seconds) and the body of a rolling-window limit. */
  | 'rate_limit'
  /** 429 {"error":{"status":429,"reason":"QUOTA_EXCEEDED"}}: the app's quota is spent. */
  | 'quota_exceeded'
  /** 500 (or `status`). */
  | 'server_error'
  /** 403 "Active premium subscription required for the owner of the app." */
  | 'premium_required'
  /** 401 "The access token expired", whatever the token. */
  | 'token_expired'
  /** Waits latencyMs, then answers normally. */
  | 'latency';

export interface SpotifyFaultSpec {
  kind: SpotifyFaultKind;
  method?: string;
  /** `/v1/...` path prefix, or a pattern tested against path + query. */
  path?: string | RegExp;
  times?: number;
  retryAfterSec?: number;
  status?: number;
  latencyMs?: number;
}

export class SpotifyFaults {
  private armed: { spec: SpotifyFaultSpec; left: number }[] = [];
  readonly fired = new Map<SpotifyFaultKind, number>();

  inject(spec: SpotifyFaultSpec): void {
    this.armed.push({ spec, left: spec.times ?? 1 });
  }

  clear(): void {
    this.armed = [];
  }

  take(method: string, pathAndQuery: string): SpotifyFaultSpec | undefined {
    const path = pathAndQuery.split('?')[0] ?? '';
    const hit = this.armed.find(({ spec, left }) => {
      if (left <= 0) return false;
      if (spec.method && spec.method !== method) return false;
      if (spec.path === undefined) return true;
      return typeof spec.path === 'string' ? path.startsWith(spec.path) : spec.path.test(pathAndQuery);
    });
    if (!hit) return undefined;
    hit.left--;
    if (hit.left <= 0) this.armed = this.armed.filter((f) => f !== hit);
    this.fired.set(hit.spec.kind, (this.fired.get(hit.spec.kind) ?? 0) + 1);
    return hit.spec;
  }
}

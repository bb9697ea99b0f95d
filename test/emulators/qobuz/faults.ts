// Injectable faults for the Qobuz emulator: matched by target, endpoint, track id or a predicate, each
// consumed once per matching request (or kept with times: Infinity).

export type QobuzFaultKind =
  /** 429 with Retry-After. */
  | 'rate_limit'
  /** 500 (or `status`). */
  | 'server_error'
  /** Headers and part of the body, then a TCP reset. For API calls: reset before any response. */
  | 'reset'
  /** Content-Length of the whole body, part of it sent, then the connection closes. */
  | 'truncate'
  /** Content-Length of the whole body, one byte, then EOF. */
  | 'one_byte_eof'
  /** Waits latencyMs before answering normally. */
  | 'latency'
  /** 200 text/html "Access Denied" page, as a WAF block looks. */
  | 'waf_html'
  /** 403, as an expired or refused CDN URL. */
  | 'forbidden';

export type QobuzFaultTarget = 'api' | 'cdn' | 'web';

export interface QobuzFaultSpec {
  kind: QobuzFaultKind;
  target: QobuzFaultTarget;
  /** API endpoint such as 'track/getFileUrl' or 'purchase/getUserPurchases'. */
  endpoint?: string;
  /** Only requests about this track (API track_id or CDN file). */
  trackId?: number;
  /** Extra condition on the query, e.g. (q) => q.get('offset') === '500'. */
  when?: (query: URLSearchParams) => boolean;
  /** How many matching requests fail (default 1; Infinity = until cleared). */
  times?: number;
  retryAfterSec?: number;
  status?: number;
  latencyMs?: number;
  /** Bytes sent before a reset/truncate cut (default: half the body). */
  afterBytes?: number;
}

export interface FaultRequest {
  target: QobuzFaultTarget;
  endpoint: string;
  trackId?: number;
  query: URLSearchParams;
}

interface ArmedFault {
  spec: QobuzFaultSpec;
  left: number;
}

export class FaultBook {
  private armed: ArmedFault[] = [];
  /** How many times each kind fired, for assertions. */
  readonly fired = new Map<QobuzFaultKind, number>();

  inject(spec: QobuzFaultSpec): void {
    this.armed.push({ spec, left: spec.times ?? 1 });
  }

  clear(): void {
    this.armed = [];
  }

  /** The first armed fault matching this request, consumed by one. */
  take(req: FaultRequest): QobuzFaultSpec | undefined {
    const hit = this.armed.find(({ spec, left }) => left > 0 && matches(spec, req));
    if (!hit) return undefined;
    hit.left -= 1;
    if (hit.left <= 0) this.armed = this.armed.filter((f) => f !== hit);
    this.fired.set(hit.spec.kind, (this.fired.get(hit.spec.kind) ?? 0) + 1);
    return hit.spec;
  }
}

function matches(spec: QobuzFaultSpec, req: FaultRequest): boolean {
  if (spec.target !== req.target) return false;
  if (spec.endpoint !== undefined && spec.endpoint !== req.endpoint) return false;
  if (spec.trackId !== undefined && spec.trackId !== req.trackId) return false;
  if (spec.when && !spec.when(req.query)) return false;
  return true;
}

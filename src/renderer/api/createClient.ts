// Wraps a raw transport in the typed contract: every answer and every pushed event is checked against the
// contract's zod schemas before the app sees it, whichever transport carried it.
import { z } from 'zod';
import { events, methods, type EventName, type EventPayload, type MethodInput, type MethodName, type MethodOutput } from '../../shared/contract';
import type { CassetteApi } from '../../shared/api';
import type { CoverKey } from '../../shared/coverUrl';
import type { ErrorCode, Result } from '../../shared/result';
import type { ConnectionState, RawTransport } from './transport';

export interface CassetteClient extends CassetteApi {
  /**
   * The key cover image URLs carry (see `useCoverSrc`): the headless host's, traded for the access token; null
   * where images need none (Electron's app:// protocol, tests).
   */
  coverKey(): Promise<CoverKey | null>;
  connectionState(): ConnectionState;
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
  reconnect(): void;
  close(): void;
}

const ERROR_CODES: readonly ErrorCode[] = [
  'invalid_input', 'not_found', 'auth_expired', 'auth_required', 'forbidden', 'rate_limited', 'limit_exceeded', 'disk_full',
  'conflict', 'catalog_damaged', 'unavailable', 'internal',
];

const resultShape = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);

const asErrorCode = (code: string): ErrorCode => ((ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : 'internal');

export interface ClientOptions {
  coverKey?: () => Promise<CoverKey | null>;
}

export function createClient(transport: RawTransport, warn: (msg: string) => void = (m) => console.warn(m), options: ClientOptions = {}): CassetteClient {
  return {
    coverKey: options.coverKey ?? (async () => null),
    async call<M extends MethodName>(method: M, input?: MethodInput<M>): Promise<Result<MethodOutput<M>>> {
      const raw = await transport.call(method, input);
      const shaped = resultShape.safeParse(raw);
      if (!shaped.success) return { ok: false, error: { code: 'internal', message: `Unexpected reply from Cassette to ${method}` } };
      if (!shaped.data.ok) return { ok: false, error: { code: asErrorCode(shaped.data.error.code), message: shaped.data.error.message } };
      const data = methods[method].output.safeParse(shaped.data.data);
      if (!data.success) {
        warn(`cassette: ${method} answered with an unexpected shape: ${data.error.issues[0]?.message ?? ''}`);
        return { ok: false, error: { code: 'internal', message: `Unexpected reply from Cassette to ${method}` } };
      }
      return { ok: true, data: data.data as MethodOutput<M> };
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      return transport.subscribe(event, (payload) => {
        const parsed = events[event].safeParse(payload);
        if (!parsed.success) {
          warn(`cassette: dropped a malformed ${event} event: ${parsed.error.issues[0]?.message ?? ''}`);
          return;
        }
        listener(parsed.data as EventPayload<E>);
      });
    },
    connectionState: () => transport.connectionState(),
    onConnectionChange: (l) => transport.onConnectionChange(l),
    reconnect: () => transport.reconnect(),
    close: () => transport.close(),
  };
}

// What every transport (IPC, WebSocket, in-memory) provides: raw, unvalidated calls and events plus a
// connection state. `createClient` turns one into the typed, validated CassetteClient the app uses.
import type { EventName, MethodName } from '../../shared/contract';

/** `down`: the host cannot be reached (retrying); `unauthorized`: the token was refused (no retry helps). */
export type ConnectionState = 'connecting' | 'open' | 'down' | 'unauthorized';

export interface RawTransport {
  /** Resolves with whatever the host answered (expected: a Result); never rejects. */
  call(method: MethodName, input: unknown): Promise<unknown>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
  connectionState(): ConnectionState;
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
  /** Try to reach the host again now (after `down`). */
  reconnect(): void;
  close(): void;
}

// In-memory transport for component tests and screenshots: calls go to a handler function, events are pushed
// by the test with `emit`, and the connection state can be forced.
import type { EventName, EventPayload, MethodName } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { ListenerSet } from './listenerSet';
import type { ConnectionState, RawTransport } from './transport';

export type MemoryHandler = (method: MethodName, input: unknown) => Result<unknown> | Promise<Result<unknown>>;

export interface MemoryTransport extends RawTransport {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  setConnectionState(state: ConnectionState): void;
}

export function createMemoryTransport(handler: MemoryHandler, initial: ConnectionState = 'open'): MemoryTransport {
  const eventListeners = new ListenerSet<EventName, unknown>();
  const stateListeners = new ListenerSet<'state', ConnectionState>();
  let state = initial;
  const setConnectionState = (s: ConnectionState) => {
    if (s === state) return;
    state = s;
    stateListeners.emit('state', s);
  };
  return {
    async call(method, input) {
      if (state !== 'open') return { ok: false, error: { code: 'unavailable', message: "Can't reach Cassette" } };
      try {
        return await handler(method, input);
      } catch (e) {
        return { ok: false, error: { code: 'internal', message: e instanceof Error ? e.message : String(e) } };
      }
    },
    subscribe: (event, listener) => eventListeners.add(event, listener),
    connectionState: () => state,
    onConnectionChange: (l) => stateListeners.add('state', l),
    reconnect: () => setConnectionState('open'),
    close: () => {},
    emit: (event, payload) => eventListeners.emit(event, payload),
    setConnectionState,
  };
}

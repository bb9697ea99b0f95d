// Electron's transport: the preload's narrow `window.cassette` bridge. IPC is always up while the window lives.
import type { MethodName } from '../../shared/contract';
import { ListenerSet } from './listenerSet';
import type { ConnectionState, RawTransport } from './transport';
import type { CassetteBridge } from './bridge';

export function createIpcTransport(bridge: CassetteBridge): RawTransport {
  const stateListeners = new ListenerSet<'state', ConnectionState>();
  return {
    async call(method: MethodName, input: unknown): Promise<unknown> {
      try {
        return await bridge.call(method, input);
      } catch (e) {
        return { ok: false, error: { code: 'unavailable', message: e instanceof Error ? e.message : "Can't reach Cassette" } };
      }
    },
    subscribe(event, listener) {
      const off = bridge.on(event, listener);
      return typeof off === 'function' ? off : () => {};
    },
    connectionState: () => 'open',
    onConnectionChange: (listener) => stateListeners.add('state', listener),
    reconnect: () => {},
    close: () => {},
  };
}

// The headless host's transport: one WebSocket to /rpc carrying {id, method, input} → {id, result} and pushed
// {event, payload}. Reconnects with capped, jittered backoff; listeners live here, so they survive reconnects
// (the host pushes every event to every socket, there is nothing to re-subscribe on the wire).
import { isEventName, type EventName, type MethodName } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { ListenerSet } from './listenerSet';
import type { ConnectionState, RawTransport } from './transport';

export interface WsTransportOptions {
  /** Full ws:// or wss:// URL including the token query. */
  url: string;
  /** Asked after a socket closes before opening: false means the token was refused. */
  probeAuthorized?: () => Promise<boolean>;
  WebSocketImpl?: typeof WebSocket;
  /** How long a call made while connecting waits for the socket. */
  connectWaitMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

const unavailable = (message = "Can't reach Cassette"): Result<never> => ({ ok: false, error: { code: 'unavailable', message } });

export function createWsTransport(o: WsTransportOptions): RawTransport {
  const Impl = o.WebSocketImpl ?? WebSocket;
  const eventListeners = new ListenerSet<EventName, unknown>();
  const stateListeners = new ListenerSet<'state', ConnectionState>();
  const pending = new Map<number, (result: unknown) => void>();
  let waitingForOpen: Array<() => void> = [];
  let state: ConnectionState = 'connecting';
  let socket: WebSocket | undefined;
  let nextId = 1;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const setState = (s: ConnectionState) => {
    if (s === state) return;
    state = s;
    stateListeners.emit('state', s);
  };

  const scheduleReconnect = () => {
    if (closed || retryTimer) return;
    const base = Math.min(o.maxDelayMs ?? 10_000, (o.baseDelayMs ?? 300) * 2 ** attempt);
    attempt++;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      connect();
    }, base * (0.8 + Math.random() * 0.4));
  };

  function connect(): void {
    if (closed) return;
    if (state !== 'down' && state !== 'unauthorized') setState('connecting');
    let opened = false;
    const ws = new Impl(o.url);
    socket = ws;
    ws.onopen = () => {
      opened = true;
      attempt = 0;
      setState('open');
      const waiters = waitingForOpen;
      waitingForOpen = [];
      waiters.forEach((w) => w());
    };
    // Browsers follow a failed socket with `close`, which handles everything; Node's `ws` also needs the error heard.
    ws.onerror = () => {};
    ws.onmessage = (ev: MessageEvent) => {
      let msg: unknown;
      try {
        msg = JSON.parse(String(ev.data));
      } catch {
        return;
      }
      if (typeof msg !== 'object' || msg === null) return;
      const m = msg as { id?: unknown; result?: unknown; event?: unknown; payload?: unknown };
      if (typeof m.id === 'number') {
        const resolve = pending.get(m.id);
        if (resolve) {
          pending.delete(m.id);
          resolve(m.result);
        }
      } else if (isEventName(m.event)) {
        eventListeners.emit(m.event, m.payload);
      }
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = undefined;
      for (const resolve of pending.values()) resolve(unavailable('Lost the connection to Cassette before it answered'));
      pending.clear();
      const waiters = waitingForOpen;
      waitingForOpen = [];
      if (closed) return;
      setState('down');
      waiters.forEach((w) => w());
      if (!opened && o.probeAuthorized) {
        void o.probeAuthorized().then(
          (authorized) => {
            if (authorized) scheduleReconnect();
            else setState('unauthorized');
          },
          () => scheduleReconnect(),
        );
      } else {
        scheduleReconnect();
      }
    };
  }

  const waitForOpen = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, o.connectWaitMs ?? 5000);
      waitingForOpen.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });

  connect();

  return {
    async call(method: MethodName, input: unknown): Promise<unknown> {
      if (state === 'connecting') await waitForOpen();
      const ws = socket;
      if (state !== 'open' || !ws || ws.readyState !== ws.OPEN) return unavailable();
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify(input === undefined ? { id, method } : { id, method, input }));
      });
    },
    subscribe: (event, listener) => eventListeners.add(event, listener),
    connectionState: () => state,
    onConnectionChange: (listener) => stateListeners.add('state', listener),
    reconnect() {
      if (closed || state === 'open' || state === 'connecting') return;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = undefined;
      attempt = 0;
      setState('connecting');
      connect();
    },
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      socket?.close();
      socket = undefined;
    },
  };
}

// WebSocket /rpc: the contract over a socket. Client sends {id, method, input}; the host answers {id, result}
// and pushes {event, payload} for contract events. The caller's role goes with every call: core.dispatch refuses
// what the role does not allow. A `user` socket gets only the events its methods could read anyway.
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { eventNames, type EventName } from '../shared/contract';
import type { Core, Logger } from '../main/core';
import type { Principal } from './auth';

/** Largest message a client may send (the socket closes with 1009 above it). */
export const RPC_MAX_PAYLOAD = 1024 * 1024;

const USER_EVENTS: ReadonlySet<EventName> = new Set<EventName>(['catalog.status', 'queue.state']);

const rpcRequest = z.object({ id: z.number().int(), method: z.string().max(100), input: z.unknown().optional() });

export function serveRpc(socket: WebSocket, core: Core, principal: Principal, logger: Logger): void {
  const send = (value: unknown) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(value));
  };
  const unsubscribe = eventNames
    .filter((event) => principal.role === 'admin' || USER_EVENTS.has(event))
    .map((event) => core.events.on(event, (payload) => send({ event, payload })));
  socket.on('message', (data, isBinary) => {
    let msg: z.infer<typeof rpcRequest>;
    try {
      if (isBinary) throw new Error('binary');
      msg = rpcRequest.parse(JSON.parse(String(data)));
    } catch {
      send({ id: -1, result: { ok: false, error: { code: 'invalid_input', message: 'Malformed RPC message: send JSON {id, method, input}.' } } });
      return;
    }
    core.dispatch(msg.method, msg.input, { role: principal.role }).then(
      (result) => send({ id: msg.id, result }),
      (e: unknown) => {
        logger.error(`rpc ${msg.method}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        send({ id: msg.id, result: { ok: false, error: { code: 'internal', message: 'Internal error (details in the host log).' } } });
      },
    );
  });
  socket.on('error', (e) => logger.warn(`rpc socket: ${e.message}`));
  socket.on('close', () => unsubscribe.forEach((u) => u()));
}

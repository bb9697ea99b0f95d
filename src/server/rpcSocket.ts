// WebSocket /rpc: the contract over a socket. Client sends {id, method, input}; the host answers {id, result}
// and pushes {event, payload} for every contract event.
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { eventNames } from '../shared/contract';
import type { Core } from '../main/core';

const rpcRequest = z.object({ id: z.number().int(), method: z.string().max(100), input: z.unknown().optional() });

export function serveRpc(socket: WebSocket, core: Core): void {
  const unsubscribe = eventNames.map((event) =>
    core.events.on(event, (payload) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ event, payload }));
    }),
  );
  socket.on('message', async (data) => {
    let msg: z.infer<typeof rpcRequest>;
    try {
      msg = rpcRequest.parse(JSON.parse(String(data)));
    } catch {
      socket.send(JSON.stringify({ id: -1, result: { ok: false, error: { code: 'invalid_input', message: 'Malformed RPC message' } } }));
      return;
    }
    const result = await core.dispatch(msg.method, msg.input);
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ id: msg.id, result }));
  });
  socket.on('close', () => unsubscribe.forEach((u) => u()));
}

// The headless host: serves the built renderer, the contract over WebSocket (/rpc), REST for scripts
// (/status, /v1/download/*). Binds 127.0.0.1 by default; every API call needs a token.
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import { existsSync } from 'node:fs';
import { catalogStatus } from '../main/catalog';
import type { Core } from '../main/core';
import type { SourceId } from '../main/base';
import { authenticate, tokenFromRequest, type HostUser, type Principal } from './auth';
import { registerDownloadRoutes, sendError } from './downloadRoutes';
import { serveRpc } from './rpcSocket';

export interface HeadlessHostOptions {
  core: Core;
  host?: string;
  port?: number;
  /** The owner's token (admin). */
  token: string;
  users?: HostUser[];
  rendererDir?: string;
  defaultSource?: SourceId;
}

export interface HeadlessHost {
  app: FastifyInstance;
  /** Base URL without token. */
  url: string;
  /** URL to open in a browser: carries the token in the fragment, which browsers never send to servers. */
  openUrl: string;
  close(): Promise<void>;
}

export async function startHeadlessHost(o: HeadlessHostOptions): Promise<HeadlessHost> {
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  const users: HostUser[] = [{ name: 'owner', role: 'admin', token: o.token }, ...(o.users ?? [])];
  await app.register(fastifyWebsocket);

  const guard = async (req: FastifyRequest) => {
    const principal = authenticate(tokenFromRequest(req.headers, req.query), users);
    (req as FastifyRequest & { principal?: Principal }).principal = principal;
    return principal;
  };

  app.addHook('onRequest', async (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    if (path === '/rpc' || path === '/status' || path.startsWith('/v1/')) {
      if (!(await guard(req))) return sendError(reply, 401, 'auth_required', 'A valid token is required (Authorization: Bearer <token>).');
    }
    return undefined;
  });

  app.setErrorHandler((error: { statusCode?: number; message?: string }, _req, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    sendError(reply, status, status === 500 ? 'internal' : 'invalid_input', status === 500 ? 'Internal error' : error.message ?? 'Bad request');
  });

  app.get('/rpc', { websocket: true }, (socket) => serveRpc(socket, o.core));
  app.get('/status', async () => catalogStatus(o.core.db));
  registerDownloadRoutes(app, o.core, o.defaultSource ?? o.core.config.defaultSource ?? 'slskd');

  if (o.rendererDir && existsSync(o.rendererDir)) {
    await app.register(fastifyStatic, { root: o.rendererDir, prefix: '/' });
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/v1/')) return reply.sendFile('index.html');
      return sendError(reply, 404, 'not_found', `No route ${req.method} ${req.url.split('?')[0]}`);
    });
  } else {
    app.setNotFoundHandler((req, reply) => sendError(reply, 404, 'not_found', `No route ${req.method} ${req.url.split('?')[0]}`));
  }

  const address = await app.listen({ host: o.host ?? '127.0.0.1', port: o.port ?? 0 });
  const url = address.replace('[::1]', 'localhost');
  return {
    app,
    url,
    openUrl: `${url}/#token=${encodeURIComponent(o.token)}`,
    close: async () => {
      await app.close();
    },
  };
}

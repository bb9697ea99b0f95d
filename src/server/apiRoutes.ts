// The API scope: /status, the /rpc WebSocket and REST /v1/*. One encapsulated Fastify plugin whose onRequest hook
// authenticates every route registered inside it — and its /v1 not-found handler — so authorisation follows the
// route the router matched (after decoding, case folding, trailing slashes), never a string compare on the URL,
// and a route added here cannot forget it. Only the static renderer lives outside.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { catalogStatus } from '../main/catalog';
import type { Core, Logger } from '../main/core';
import type { SourceId } from '../main/base';
import { authenticate, tokenFromRequest, type HostUser, type Principal } from './auth';
import { registerCoverRoutes } from './coverRoutes';
import type { CoverKeys } from './coverKeys';
import { registerDownloadRoutes } from './downloadRoutes';
import { sendError } from './errorReplies';
import { describeIssue, noQuery } from './requestParams';
import { originAllowed } from './rpcOrigin';
import { serveRpc } from './rpcSocket';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling; set by the API scope's auth hook, null outside it. */
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** The route accepts `?token=` (the /rpc upgrade, where browsers cannot send headers). */
    tokenInQuery?: boolean;
    /** The route accepts a cover key as `?key=` (cover images, which cannot send headers either). */
    coverKey?: boolean;
  }
}

export interface ApiScopeOptions {
  core: Core;
  users: HostUser[];
  defaultSource: SourceId;
  logger: Logger;
  /** The origins of pages this host serves; the /rpc upgrade refuses any other. Read per request (port known late). */
  ownOrigins(): ReadonlySet<string>;
  coverKeys: CoverKeys;
}

/** The principal of a request that carries a valid cover key on a route that takes one (never any other route). */
function coverKeyPrincipal(req: FastifyRequest, keys: CoverKeys): Principal | undefined {
  if (req.routeOptions.config.coverKey !== true) return undefined;
  return keys.verify((req.query as { key?: unknown } | undefined)?.key) ? { name: 'cover key', role: 'admin' } : undefined;
}

/** The API scope's auth: sets req.principal, or answers 401 and returns false. */
export function requirePrincipal(req: FastifyRequest, reply: FastifyReply, users: HostUser[]): boolean {
  const allowQuery = req.routeOptions.config.tokenInQuery === true;
  const principal = authenticate(tokenFromRequest(req.headers, req.query, allowQuery), users);
  if (principal) {
    req.principal = principal;
    return true;
  }
  const queryToken = !allowQuery && typeof (req.query as { token?: unknown } | undefined)?.token === 'string';
  sendError(
    reply, 401, 'auth_required',
    queryToken
      ? 'Send the token as Authorization: Bearer <token> (?token= is accepted on /rpc only).'
      : 'A valid token is required (Authorization: Bearer <token>).',
  );
  return false;
}

/**
 * Fastify's not-found router is case-sensitive, so `/V1/nope` (which matched no route) lands in the root handler:
 * it answers there as the API scope would — 401 before 404 — rather than with the renderer.
 */
export function isApiPath(url: string): boolean {
  return /^\/v1(?:\/|$)/i.test(pathOf(url));
}

export async function apiRoutes(api: FastifyInstance, o: ApiScopeOptions): Promise<void> {
  api.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const byKey = coverKeyPrincipal(req, o.coverKeys);
    if (byKey) {
      req.principal = byKey;
      return undefined;
    }
    if (!requirePrincipal(req, reply, o.users)) return reply;
    return undefined;
  });

  api.get('/status', async (req, reply) => {
    const q = noQuery.safeParse(req.query);
    if (!q.success) return sendError(reply, 400, 'invalid_input', describeIssue(q.error));
    return catalogStatus(o.core.db);
  });

  api.route({
    method: 'GET',
    url: '/rpc',
    config: { tokenInQuery: true },
    // After auth (plugin hooks run first): a page from another origin is refused even with a stolen token.
    onRequest: async (req, reply) => {
      const origin = req.headers.origin;
      if (!originAllowed(typeof origin === 'string' ? origin : undefined, o.ownOrigins())) {
        o.logger.warn(`Refused a WebSocket from the page at ${String(origin).slice(0, 200)}`);
        return sendError(reply, 403, 'forbidden', 'Only pages served by this Cassette host may connect.');
      }
      return undefined;
    },
    handler: async (_req, reply) => sendError(reply, 426, 'invalid_input', 'Open /rpc as a WebSocket.'),
    wsHandler: (socket, req) => {
      if (!req.principal) return socket.close(1008, 'auth_required');
      serveRpc(socket, o.core, req.principal, o.logger);
    },
  });

  await api.register(
    async (v1) => {
      registerDownloadRoutes(v1, o.core, o.defaultSource);
      registerCoverRoutes(v1, o.core, o.coverKeys);
      v1.setNotFoundHandler((req, reply) => sendError(reply, 404, 'not_found', `No route ${req.method} ${pathOf(req.url)}`));
    },
    { prefix: '/v1' },
  );
}

export function pathOf(url: string): string {
  return (url.split('?')[0] ?? '').slice(0, 200);
}

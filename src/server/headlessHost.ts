// The headless host: serves the built renderer, the contract over WebSocket (/rpc), REST for scripts
// (/status, /v1/download/*). Binds 127.0.0.1 by default. Every route but the static renderer needs a token: they
// live in one authenticated scope (apiRoutes.ts). Slow or oversized requests are cut off; every error has the
// shape {"error":{"code","message"}}.
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { consoleLogger, type Core, type Logger } from '../main/core';
import type { SourceId } from '../main/base';
import { apiRoutes, isApiPath, pathOf, requirePrincipal } from './apiRoutes';
import type { HostUser } from './auth';
import { canonicalUrl } from './canonicalUrl';
import { createCoverKeys } from './coverKeys';
import { clientErrorHandler, errorHandler, frameworkErrors, sendError } from './errorReplies';
import { ownOrigins } from './rpcOrigin';
import { RPC_MAX_PAYLOAD } from './rpcSocket';

/** Longest URL the host routes; longer ones answer 414 (Node itself refuses headers over 16 KiB with 431). */
export const MAX_URL_LENGTH = 4096;
export const BODY_LIMIT = 1024 * 1024;

/** `/STATUS`, `/status/` and `//status` are `/status`: the router matches them all, and auth follows the match. */
const ROUTER_OPTIONS = { caseSensitive: false, ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, maxParamLength: 100 };

export interface HostTimeouts {
  /** The whole request (headers and body) must arrive within this (408 otherwise). */
  requestMs: number;
  /** The headers must arrive within this. At most requestMs. */
  headersMs: number;
  /** An idle connection is closed after this (0: never). */
  connectionMs: number;
  keepAliveMs: number;
  /** How often Node looks for requests over their timeout. */
  checkIntervalMs: number;
}

export const DEFAULT_TIMEOUTS: HostTimeouts = { requestMs: 30_000, headersMs: 15_000, connectionMs: 120_000, keepAliveMs: 5_000, checkIntervalMs: 2_000 };

export interface HeadlessHostOptions {
  core: Core;
  host?: string;
  port?: number;
  /** The owner's token (admin). */
  token: string;
  users?: HostUser[];
  rendererDir?: string;
  defaultSource?: SourceId;
  /** Origins besides the host's own that may open /rpc (a reverse proxy's public URL). */
  allowedOrigins?: string[];
  timeouts?: Partial<HostTimeouts>;
  /** Where internal errors go (never to the client). Default: stderr. */
  logger?: Logger;
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
  const logger = o.logger ?? consoleLogger;
  const t = { ...DEFAULT_TIMEOUTS, ...o.timeouts };
  const bindHost = o.host ?? '127.0.0.1';
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    requestTimeout: t.requestMs,
    connectionTimeout: t.connectionMs,
    keepAliveTimeout: t.keepAliveMs,
    http: { headersTimeout: Math.min(t.headersMs, t.requestMs), connectionsCheckingInterval: t.checkIntervalMs },
    return503OnClosing: true,
    routerOptions: ROUTER_OPTIONS,
    rewriteUrl: (req) => canonicalUrl(req.url ?? '/'),
    frameworkErrors,
    clientErrorHandler,
  });
  const users: HostUser[] = [{ name: 'owner', role: 'admin', token: o.token }, ...(o.users ?? [])];
  app.decorateRequest('principal', null);
  app.setErrorHandler(errorHandler(logger));
  app.addHook('onRequest', async (req, reply) => {
    if (req.url.length > MAX_URL_LENGTH) return sendError(reply, 414, 'too_large', 'The URL is too long.');
    return undefined;
  });
  await app.register(fastifyWebsocket, { options: { maxPayload: RPC_MAX_PAYLOAD } });

  let origins: ReadonlySet<string> = new Set();
  await app.register(apiRoutes, {
    core: o.core, users, logger, defaultSource: o.defaultSource ?? o.core.config.defaultSource ?? 'slskd', ownOrigins: () => origins,
    coverKeys: createCoverKeys(),
  });

  const renderer = o.rendererDir && existsSync(o.rendererDir) ? o.rendererDir : undefined;
  // One route per built file rather than a `/*` wildcard: a wildcard would also answer unknown /v1/... paths,
  // in front of the API scope's own (authenticated) not-found handler.
  if (renderer) await app.register(fastifyStatic, { root: renderer, prefix: '/', wildcard: false });
  app.setNotFoundHandler((req, reply) => {
    if (isApiPath(req.url)) {
      if (!requirePrincipal(req, reply, users)) return reply;
      return sendError(reply, 404, 'not_found', `No route ${req.method} ${pathOf(req.url)}`);
    }
    // The renderer routes on the client: any other page is the app (public, like every static file).
    if (renderer && (req.method === 'GET' || req.method === 'HEAD')) return reply.sendFile('index.html');
    return sendError(reply, 404, 'not_found', `No route ${req.method} ${pathOf(req.url)}`);
  });

  await app.listen({ host: bindHost, port: o.port ?? 0 });
  const { port } = app.server.address() as AddressInfo;
  origins = ownOrigins(bindHost, port, o.allowedOrigins);
  // A wildcard bind is reachable on loopback too: the URL printed for this machine uses that.
  const shown = bindHost === '0.0.0.0' || bindHost === '::' ? '127.0.0.1' : bindHost === '::1' ? 'localhost' : bindHost.includes(':') ? `[${bindHost}]` : bindHost;
  const url = `http://${shown}:${port}`;
  return {
    app,
    url,
    openUrl: `${url}/#token=${encodeURIComponent(o.token)}`,
    close: async () => {
      await app.close();
    },
  };
}

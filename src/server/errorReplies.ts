// Every error the host answers has one shape, `{"error":{"code","message"}}` — including the ones Fastify and
// Node produce themselves (bad URL, body too large, slow request, header overflow). Messages are ours: internal
// messages and file paths go to the log, never to the client.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../main/core';

export interface ErrorBody {
  error: { code: string; message: string };
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

export function sendError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(errorBody(code, message));
}

/** Fastify's own errors (by code) with the message a client may see. */
const KNOWN: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_BAD_URL: { status: 400, code: 'invalid_input', message: 'The URL is not valid (bad percent-encoding).' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'too_large', message: 'The URL is too long.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'too_large', message: 'The request body is larger than 1 MiB.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'invalid_input', message: 'Send the body as JSON (Content-Type: application/json).' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_input', message: 'The request body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'invalid_input', message: 'The request says it is JSON but has no body.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'invalid_input', message: 'The Content-Length does not match the body.' },
  FST_ERR_CTP_INVALID_TYPE: { status: 400, code: 'invalid_input', message: 'The Content-Type header is not valid.' },
  FST_ERR_ASYNC_CONSTRAINT: { status: 500, code: 'internal', message: 'Internal error.' },
};

const CODE_FOR_STATUS: Record<number, string> = {
  400: 'invalid_input', 401: 'auth_required', 403: 'forbidden', 404: 'not_found', 408: 'request_timeout',
  413: 'too_large', 414: 'too_large', 415: 'invalid_input', 429: 'limit_exceeded',
};

/** Maps any error thrown in a route, hook or by Fastify to a status, code and safe message. */
export function describeError(e: Partial<FastifyError> & { message?: string }): { status: number; code: string; message: string } {
  const known = e.code ? KNOWN[e.code] : undefined;
  if (known) return known;
  // JSON.parse errors from the body parser carry only a status: their message quotes the body.
  const status = typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 600 ? e.statusCode : 500;
  if (status >= 500) return { status, code: 'internal', message: 'Internal error (details in the host log).' };
  return { status, code: CODE_FOR_STATUS[status] ?? 'invalid_input', message: `${STATUS_CODES[status] ?? 'Bad request'}.` };
}

/** A URL as the log may show it: credentials that may ride in a query (a cover key, a token) are blanked. */
export function loggableUrl(url: string): string {
  return url.slice(0, 200).replace(/([?&](?:key|token)=)[^&#]*/gi, '$1…');
}

export function errorHandler(logger: Logger) {
  return (e: FastifyError, req: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const d = describeError(e);
    if (d.status >= 500) logger.error(`${req.method} ${loggableUrl(req.url)}: ${e.stack ?? e.message}`);
    return sendError(reply, d.status, d.code, d.message);
  };
}

/** `frameworkErrors`: what Fastify answers before any route runs (bad percent-encoding, over-long parameter). */
export function frameworkErrors(e: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const d = describeError(e);
  void sendError(reply, d.status, d.code, d.message);
}

/**
 * `clientErrorHandler`: errors Node's HTTP parser raises on a connection before Fastify sees a request — a request
 * that did not arrive within the request timeout, headers over the size limit, a malformed request line.
 */
export function clientErrorHandler(e: Error & { code?: string }, socket: Socket): void {
  if (e.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, body] =
    e.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, errorBody('request_timeout', 'The request did not arrive in time.')]
      : e.code === 'HPE_HEADER_OVERFLOW'
        ? [431, errorBody('too_large', 'The URL or headers are too large.')]
        : [400, errorBody('invalid_input', 'The request is not valid HTTP.')];
  const json = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
    );
  }
  socket.destroy();
}

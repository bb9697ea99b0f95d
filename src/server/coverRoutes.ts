// REST /v1/covers/*: album cover thumbnails for the renderer's <img> tags and for scripts. Registered inside the
// authenticated API scope. The image route also takes a cover key (`?key=`, see coverKeys.ts) in place of the
// Authorization header, since images cannot send one; the page that shows them must be this host's own:
// `Sec-Fetch-Site` refuses foreign pages that send a request, and `Cross-Origin-Resource-Policy` stops a browser
// from handing the bytes to one that slipped through.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { COVER_SIZES, DEFAULT_COVER_SIZE, type CoverSize } from '../shared/coverUrl';
import type { Core } from '../main/core';
import type { CoverKeys } from './coverKeys';
import { sendError } from './errorReplies';
import { describeIssue, idParams, noQuery } from './requestParams';

const sizeValue = z
  .enum(COVER_SIZES.map(String) as [string, ...string[]], { message: `must be one of ${COVER_SIZES.join(', ')}` })
  .transform((v) => Number(v) as CoverSize);
export const coverQuery = z.object({ size: sizeValue.optional(), key: z.string().max(100).optional() }).strict();

/** How long a browser may reuse a cover before asking again (with If-None-Match), and a "no cover". */
const COVER_MAX_AGE_S = 600;
const NO_COVER_MAX_AGE_S = 60;

/** Requests a browser made for a page of another origin (`same-site` is another port on the same machine). */
export function fromForeignPage(headers: FastifyRequest['headers']): boolean {
  const site = headers['sec-fetch-site'];
  return site === 'cross-site' || site === 'same-site';
}

/** Whether an If-None-Match header names this entity tag (or `*`). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

export function registerCoverRoutes(app: FastifyInstance, core: Core, keys: CoverKeys): void {
  const adminOnly = (req: FastifyRequest, reply: FastifyReply): boolean => {
    if (req.principal?.role === 'admin') return true;
    sendError(reply, 403, 'forbidden', 'Covers need an admin token.');
    return false;
  };

  app.get('/covers/key', async (req, reply) => {
    if (!adminOnly(req, reply)) return;
    const q = noQuery.safeParse(req.query);
    if (!q.success) return sendError(reply, 400, 'invalid_input', describeIssue(q.error));
    reply.header('Cache-Control', 'no-store');
    return keys.issue();
  });

  app.route({
    method: 'GET',
    url: '/covers/album/:id',
    config: { coverKey: true },
    handler: async (req, reply) => {
      if (fromForeignPage(req.headers)) return sendError(reply, 403, 'forbidden', 'Covers are shown only on pages this Cassette host serves.');
      if (!adminOnly(req, reply)) return;
      const p = idParams.safeParse(req.params);
      if (!p.success) return sendError(reply, 400, 'invalid_input', describeIssue(p.error));
      const q = coverQuery.safeParse(req.query);
      if (!q.success) return sendError(reply, 400, 'invalid_input', describeIssue(q.error));
      const size = q.data.size ?? DEFAULT_COVER_SIZE;
      const r = await core.coverArt(p.data.id, size);
      reply.header('Cross-Origin-Resource-Policy', 'same-origin').header('X-Content-Type-Options', 'nosniff');
      if (!r.ok) {
        if (r.error.code === 'not_found') {
          reply.header('Cache-Control', `private, max-age=${NO_COVER_MAX_AGE_S}`);
          return sendError(reply, 404, 'not_found', r.error.message);
        }
        return sendError(reply, r.error.code === 'unavailable' ? 503 : 500, r.error.code, r.error.message);
      }
      reply.header('ETag', r.data.etag).header('Cache-Control', `private, max-age=${COVER_MAX_AGE_S}`);
      const inm = req.headers['if-none-match'];
      if (etagMatches(typeof inm === 'string' ? inm : undefined, r.data.etag)) return reply.code(304).send();
      return reply.type(r.data.mime).send(r.data.data);
    },
  });
}

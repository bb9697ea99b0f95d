// REST /v1/download/*: scripts and other users request downloads; admins watch and steer the queue.
// Registered inside the authenticated API scope (apiRoutes.ts): every request here has a principal.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sourceId } from '../shared/contract';
import type { Core } from '../main/core';
import { limitViolation, missingFilesWatchdog, userLimitsReport, PRIORITY, DEFAULT_USER_LIMITS } from '../main/queue';
import type { SourceId } from '../main/base';
import { toQueueRows } from '../main/core';
import type { Principal } from './auth';
import { sendError } from './errorReplies';
import { auditQuery, describeIssue, idParams, noQuery, scanQuery } from './requestParams';

const requestBody = z
  .object({ priority: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(), source: sourceId.optional() })
  .strict()
  .optional();

function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new Error('A download route ran outside the authenticated scope');
  return req.principal;
}

/** Registers the routes under the caller's prefix (`/v1`). */
export function registerDownloadRoutes(app: FastifyInstance, core: Core, defaultSource: SourceId): void {
  const limits = core.config.userLimits ?? DEFAULT_USER_LIMITS;
  const admin = (req: FastifyRequest, reply: FastifyReply): boolean => {
    if (principalOf(req).role === 'admin') return true;
    sendError(reply, 403, 'forbidden', 'This endpoint needs an admin token.');
    return false;
  };
  const parse = <S extends z.ZodType>(schema: S, value: unknown, reply: FastifyReply): z.infer<S> | undefined => {
    if (reply.sent) return undefined;
    const r = schema.safeParse(value);
    if (r.success) return r.data;
    sendError(reply, 400, 'invalid_input', describeIssue(r.error));
    return undefined;
  };
  const rows = (ids: number[]) => toQueueRows(core.db, ids.map((i) => core.queue.get(i)).filter((x) => x !== undefined), core.clock.now());

  app.post('/download/track/:id', async (req, reply) => {
    const p = parse(idParams, req.params, reply);
    parse(noQuery, req.query, reply);
    const body = parse(requestBody, req.body ?? undefined, reply);
    if (!p || reply.sent) return;
    const track = core.catalog.getTrack(p.id);
    if (!track) return sendError(reply, 404, 'not_found', `No track ${p.id} in the catalog.`);
    const user = principalOf(req).name;
    if (principalOf(req).role !== 'admin') {
      const violation = limitViolation(userLimitsReport(core.queue, user, limits, core.clock.now()), 1);
      if (violation) return sendError(reply, 429, 'limit_exceeded', violation);
    }
    if (track.status === 'downloaded') return reply.code(200).send({ created: false, alreadyDownloaded: true, path: track.local_path });
    const source = body?.source ?? (track.source === 'qobuz' ? 'qobuz' : defaultSource);
    const r = core.queue.enqueueTrack({
      trackId: p.id, source, priority: body?.priority ?? PRIORITY.user, requestSource: 'user', requestedBy: user,
      destinationPath: track.planned_path ?? undefined,
    });
    core.processor.kick();
    core.events.catalogChanged();
    return reply.code(r.created ? 201 : 200).send({ created: r.created, request: rows([r.item.id])[0] });
  });

  app.post('/download/album/:id', async (req, reply) => {
    const p = parse(idParams, req.params, reply);
    parse(noQuery, req.query, reply);
    const body = parse(requestBody, req.body ?? undefined, reply);
    if (!p || reply.sent) return;
    const album = core.catalog.hasAlbum(p.id);
    if (!album) return sendError(reply, 404, 'not_found', `No album ${p.id} in the catalog.`);
    const user = principalOf(req).name;
    const wanted = core.catalog.albumTracksWanted(p.id);
    if (principalOf(req).role !== 'admin') {
      const violation = limitViolation(userLimitsReport(core.queue, user, limits, core.clock.now()), wanted);
      if (violation) return sendError(reply, 429, 'limit_exceeded', violation);
    }
    const r = core.queue.enqueueAlbum({
      albumId: p.id, source: body?.source ?? defaultSource, priority: body?.priority ?? PRIORITY.user, requestSource: 'user', requestedBy: user,
    });
    core.processor.kick();
    core.events.catalogChanged();
    return reply.code(201).send({ album: r.parent.id, tracks: rows(r.children.map((c) => c.id)), alreadyQueued: r.alreadyQueued });
  });

  app.get('/download/my-requests', async (req, reply) => {
    if (!parse(noQuery, req.query, reply)) return;
    const { items, total } = core.queue.list({ requestedBy: principalOf(req).name, limit: 500 });
    return { total, requests: toQueueRows(core.db, items, core.clock.now()) };
  });

  app.get('/download/limits', async (req, reply) => {
    if (!parse(noQuery, req.query, reply)) return;
    return userLimitsReport(core.queue, principalOf(req).name, limits, core.clock.now());
  });

  app.post('/download/admin/scan', async (req, reply) => {
    if (!admin(req, reply)) return;
    const q = parse(scanQuery, req.query, reply);
    if (!q) return;
    const dryRun = q.dryRun ?? false;
    const report = missingFilesWatchdog(core.db, core.clock, core.queue, (t) => (t.source === 'qobuz' ? 'qobuz' : defaultSource), { dryRun });
    if (!dryRun) {
      core.processor.kick();
      core.events.catalogChanged();
    }
    return report;
  });

  app.post('/download/admin/queue-all', async (req, reply) => {
    if (!admin(req, reply) || !parse(noQuery, req.query, reply)) return;
    return core.reconcile();
  });

  app.get('/download/admin/stats', async (req, reply) => {
    if (!admin(req, reply) || !parse(noQuery, req.query, reply)) return;
    return { queue: core.queue.stats(), paused: core.processor.isPaused, active: core.processor.activeCount };
  });

  app.get('/download/admin/failed', async (req, reply) => {
    if (!admin(req, reply) || !parse(noQuery, req.query, reply)) return;
    const { items, total } = core.queue.list({ view: 'failed', limit: 500 });
    return { total, failed: toQueueRows(core.db, items, core.clock.now()) };
  });

  app.post('/download/admin/retry/:id', async (req, reply) => {
    if (!admin(req, reply)) return;
    const p = parse(idParams, req.params, reply);
    if (!p || !parse(noQuery, req.query, reply)) return;
    const item = core.queue.get(p.id);
    if (!item) return sendError(reply, 404, 'not_found', `No request ${p.id}.`);
    const after = core.queue.retryNow(p.id, principalOf(req).name);
    core.processor.kick();
    return { request: rows([after?.id ?? p.id])[0] };
  });

  app.get('/download/admin/audit', async (req, reply) => {
    if (!admin(req, reply)) return;
    const q = parse(auditQuery, req.query, reply);
    if (!q) return;
    return { entries: core.queue.audit.list({ limit: q.limit ?? 200, beforeId: q.before }) };
  });
}

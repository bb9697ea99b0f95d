// The headless host's REST API: token auth, admin vs user roles, per-user limits, download requests, admin views.
import { writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadlessHost, type HeadlessHost } from '../../src/server/headlessHost';
import type { Core } from '../../src/main/core';
import { seedAlbums, type SeededTrack } from '../support/catalogBuilder';
import { openTestCore, tempDir } from '../support/testCore';

let core: Core;
let host: HeadlessHost;
let tracks: SeededTrack[];
let cleanup: () => Promise<void>;
let dir: string;
const ADMIN = 'admin-token-123456';
const ALICE = 'alice-token-abcdef';

async function api(method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`${host.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string } } };
}

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  core = openTestCore(dir, { reconcileOnStart: false, userLimits: { maxRequestsPerDay: 3, maxQueueSize: 4 }, defaultSource: 'slskd' });
  tracks = seedAlbums(core.catalog, 3, 2);
  host = await startHeadlessHost({ core, token: ADMIN, users: [{ name: 'alice', role: 'user', token: ALICE }] });
});
afterAll(async () => {
  await host.close();
  await core.close();
  await cleanup();
});

describe('REST /v1/download', () => {
  it('refuses requests without a valid token, with a JSON error', async () => {
    const none = await api('GET', '/status');
    expect(none.status).toBe(401);
    expect(none.body.error?.code).toBe('auth_required');
    expect((await api('GET', '/v1/download/limits', 'wrong-token')).status).toBe(401);
  });

  it('reports catalog counters on /status', async () => {
    const s = await api('GET', '/status', ADMIN);
    expect(s.status).toBe(200);
    expect(s.body).toMatchObject({ songs: 6, albums: 3, missing: 6, downloaded: 0 });
  });

  it('queues a track for a user, deduplicates a second request, and lists it under my-requests', async () => {
    const r1 = await api('POST', `/v1/download/track/${tracks[0]!.id}`, ALICE);
    expect(r1.status).toBe(201);
    expect(r1.body.request).toMatchObject({ trackId: tracks[0]!.id, status: 'pending', requestedBy: 'alice', source: 'slskd' });
    const r2 = await api('POST', `/v1/download/track/${tracks[0]!.id}`, ALICE);
    expect(r2.status).toBe(200);
    expect(r2.body.created).toBe(false);
    const mine = await api('GET', '/v1/download/my-requests', ALICE);
    expect(mine.body.total).toBe(1);
  });

  it('validates input and answers unknown ids with 404', async () => {
    expect((await api('POST', '/v1/download/track/abc', ALICE)).status).toBe(400);
    expect((await api('POST', '/v1/download/track/99999', ALICE)).body.error?.code).toBe('not_found');
    expect((await api('POST', `/v1/download/track/${tracks[1]!.id}`, ALICE, { priority: 9 })).status).toBe(400);
  });

  it('enforces per-user limits with 429 and a clear message, shown by /limits', async () => {
    const album = core.db.prepare('SELECT id FROM albums ORDER BY id DESC LIMIT 1').get() as { id: number };
    const a = await api('POST', `/v1/download/album/${album.id}`, ALICE);
    expect(a.status).toBe(201);
    expect((a.body.tracks as unknown[]).length).toBe(2);
    const limits = await api('GET', '/v1/download/limits', ALICE);
    expect(limits.body).toMatchObject({ user: 'alice', maxRequestsPerDay: 3, requestsToday: 2, queued: 3, remainingQueue: 1 });
    const firstAlbum = core.db.prepare('SELECT id FROM albums ORDER BY id LIMIT 1').get() as { id: number };
    const tooBig = await api('POST', `/v1/download/album/${firstAlbum.id}`, ALICE);
    expect(tooBig.status).toBe(429);
    expect(tooBig.body.error?.message).toMatch(/Queue limit reached/);
    expect((await api('POST', `/v1/download/track/${tracks[2]!.id}`, ALICE)).status).toBe(201);
    const daily = await api('POST', `/v1/download/track/${tracks[3]!.id}`, ALICE);
    expect(daily.status).toBe(429);
    expect(daily.body.error?.message).toMatch(/Daily limit/);
  });

  it('keeps admin endpoints for admins', async () => {
    for (const [m, p] of [['GET', '/v1/download/admin/stats'], ['GET', '/v1/download/admin/failed'], ['GET', '/v1/download/admin/audit'], ['POST', '/v1/download/admin/scan']] as const) {
      const r = await api(m, p, ALICE);
      expect(r.status, p).toBe(403);
    }
    const stats = await api('GET', '/v1/download/admin/stats', ADMIN);
    expect(stats.body.queue).toMatchObject({ pending: 4 });
    const audit = await api('GET', '/v1/download/admin/audit', ADMIN);
    expect((audit.body.entries as { event: string; actor: string }[]).some((e) => e.event === 'request_created' && e.actor === 'alice')).toBe(true);
  });

  it('admin scan finds vanished files (dry run changes nothing), and admin retry re-queues a failed request', async () => {
    const t = tracks[1]!; // not requested by anyone yet
    const p = join(dir, 'kept.mp3');
    await writeFile(p, 'data');
    core.catalog.markDownloaded(t.id, p, 4);
    await rm(p);
    const dry = await api('POST', '/v1/download/admin/scan?dryRun=1', ADMIN);
    expect(dry.body).toMatchObject({ dryRun: true, queued: 0 });
    expect((dry.body.missing as unknown[]).length).toBe(1);
    expect(core.catalog.getTrack(t.id)!.status).toBe('downloaded');
    const act = await api('POST', '/v1/download/admin/scan', ADMIN);
    expect(act.body).toMatchObject({ dryRun: false, queued: 1 });
    const item = core.queue.activeForTrack(t.id)!;
    core.queue.claimNext('slskd');
    core.db.prepare(`UPDATE queue_items SET status='in_progress' WHERE id=?`).run(item.id);
    core.queue.markFailed(item.id, { type: 'not_found', message: 'nobody has it' });
    const failed = await api('GET', '/v1/download/admin/failed', ADMIN);
    expect((failed.body.failed as { id: number; errorMessage: string }[]).find((f) => f.id === item.id)?.errorMessage).toBe('nobody has it');
    const retry = await api('POST', `/v1/download/admin/retry/${item.id}`, ADMIN);
    expect(retry.body.request).toMatchObject({ id: item.id, status: 'pending' });
    expect((await api('POST', '/v1/download/admin/retry/424242', ADMIN)).status).toBe(404);
  });
});

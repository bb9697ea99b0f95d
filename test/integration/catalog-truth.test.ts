// The catalog is the single source of truth: the four seed examples of the foundation issue.
import { existsSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { catalogStatus } from '../../src/main/catalog';
import { makeTone } from '../support/audio';
import { seedAlbums } from '../support/catalogBuilder';
import { scriptedSource } from '../support/scriptedSource';
import { FakeClock, openTestCore, tempDir } from '../support/testCore';

let tone: string;
const cleanups: (() => Promise<void>)[] = [];
beforeAll(async () => {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  tone = await makeTone(join(dir, 'tone.mp3'), { seconds: 3, format: 'mp3' });
});
afterEach(async () => {
  while (cleanups.length > 1) await cleanups.pop()!();
});

async function fresh() {
  const t = await tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

describe('catalog as the single source of truth', () => {
  it('1. a populated catalog whose files are absent starts with everything missing and queued', async () => {
    const dir = await fresh();
    const first = openTestCore(dir);
    const tracks = seedAlbums(first.catalog, 3, 4);
    // The catalog claims files that are not on disk (e.g. a restored database on a new machine).
    for (const t of tracks) first.catalog.markDownloaded(t.id, join(dir, 'gone', `${t.id}.mp3`), 1234);
    expect(catalogStatus(first.db).downloaded).toBe(12);
    await first.close();

    const core = openTestCore(dir);
    const s = catalogStatus(core.db);
    expect(s).toMatchObject({ songs: 12, missing: 12, downloaded: 0, queued: 12, downloading: 0, failed: 0 });
    expect(core.queue.list({ view: 'queued' }).total).toBe(12);
    expect(core.db.prepare('SELECT count(*) AS n FROM tracks WHERE local_path IS NOT NULL').get()).toEqual({ n: 0 });
    await core.close();
  });

  it('2. after downloads succeed, Downloaded matches the files on disk and the queue is empty', async () => {
    const dir = await fresh();
    const source = scriptedSource({ kind: 'deliver', file: tone });
    const core = openTestCore(dir, { sources: { slskd: source }, defaultSource: 'slskd', runQueue: true });
    seedAlbums(core.catalog, 2, 3);
    const r = core.reconcile();
    expect(r.queued).toBe(6);
    await core.processor.whenIdle();
    const s = catalogStatus(core.db);
    expect(s).toMatchObject({ songs: 6, downloaded: 6, missing: 0, queued: 0, downloading: 0, failed: 0 });
    const rows = core.db.prepare('SELECT local_path, size_bytes FROM tracks').all() as { local_path: string; size_bytes: number }[];
    for (const row of rows) {
      expect(row.local_path.startsWith(join(dir, 'Library'))).toBe(true);
      expect((await stat(row.local_path)).size).toBe(row.size_bytes);
      expect(existsSync(`${row.local_path}.part`)).toBe(false);
    }
    expect(rows.map((r) => r.local_path).some((p) => p.includes('Artist 1 - Album 1'))).toBe(true);
    await core.close();
  });

  it('3. a file deleted outside the app is marked missing by the next reconcile and re-queued', async () => {
    const dir = await fresh();
    const source = scriptedSource({ kind: 'deliver', file: tone });
    const core = openTestCore(dir, { sources: { slskd: source }, defaultSource: 'slskd', runQueue: true });
    seedAlbums(core.catalog, 1, 3);
    core.reconcile();
    await core.processor.whenIdle();
    expect(catalogStatus(core.db).downloaded).toBe(3);
    await core.processor.stop();

    const victim = core.db.prepare('SELECT id, local_path FROM tracks ORDER BY id LIMIT 1').get() as { id: number; local_path: string };
    await rm(victim.local_path);
    const r = core.reconcile();
    expect(r).toMatchObject({ checked: 3, present: 2, nowMissing: 1, queued: 1 });
    expect(catalogStatus(core.db)).toMatchObject({ downloaded: 2, missing: 1, queued: 1 });
    expect(core.queue.activeForTrack(victim.id)?.status).toBe('pending');
    // Renamed outside the app: the old path is gone too, so it is missing, not silently "downloaded".
    const other = core.db.prepare('SELECT id, local_path FROM tracks WHERE status = ? ORDER BY id LIMIT 1').get('downloaded') as { id: number; local_path: string };
    const { rename } = await import('node:fs/promises');
    await rename(other.local_path, `${other.local_path}.moved`);
    expect(core.reconcile().nowMissing).toBe(1);
    expect(core.catalog.getTrack(other.id)).toMatchObject({ status: 'queued', local_path: null, planned_path: other.local_path });
    await core.close();
  });

  it('4. repeated failures escalate the cooldown and the track returns to the queue once it has passed', async () => {
    const dir = await fresh();
    const clock = new FakeClock();
    const source = scriptedSource({ kind: 'fail', type: 'connection', message: 'peer went away' });
    const core = openTestCore(dir, { sources: { slskd: source }, defaultSource: 'slskd', runQueue: true, reconcileOnStart: false }, clock);
    const [track] = seedAlbums(core.catalog, 1, 1);
    core.reconcile();
    const cooldowns: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      await core.processor.whenIdle();
      const row = core.catalog.getTrack(track!.id)!;
      expect(row.status).toBe('failed');
      expect(row.last_error).toBe('peer went away');
      expect(row.retry_count).toBe(attempt + 1);
      cooldowns.push(row.retry_after! - clock.now());
      // Not before the cooldown has passed…
      clock.advance(row.retry_after! - clock.now() - 1000);
      core.queue.promoteDueRetries();
      expect(core.queue.activeForTrack(track!.id)?.status).toBe('retry_waiting');
      // …and back in the queue once it has.
      clock.advance(1000);
      expect(core.queue.promoteDueRetries()).toBe(1);
      expect(catalogStatus(core.db).queued).toBe(1);
      core.processor.kick();
    }
    expect(cooldowns).toEqual([60_000, 150_000, 375_000]);
    await core.close();
  });

  it('4b. a not-found failure is not retried until the user asks', async () => {
    const dir = await fresh();
    const clock = new FakeClock();
    const source = scriptedSource({ kind: 'fail', type: 'not_found', message: 'nobody shares it' });
    const core = openTestCore(dir, { sources: { slskd: source }, defaultSource: 'slskd', runQueue: true }, clock);
    const [track] = seedAlbums(core.catalog, 1, 1);
    core.reconcile();
    await core.processor.whenIdle();
    const item = core.queue.list({ view: 'failed' }).items[0]!;
    expect(item.error_type).toBe('not_found');
    clock.advance(48 * 3600_000);
    expect(core.reconcile().queued).toBe(0);
    expect(core.catalog.getTrack(track!.id)!.retry_after).toBeNull();
    source.fallback = { kind: 'deliver', file: tone };
    core.queue.retryNow(item.id);
    core.processor.kick();
    await core.processor.whenIdle();
    expect(core.catalog.getTrack(track!.id)!.status).toBe('downloaded');
    await core.close();
  });
});

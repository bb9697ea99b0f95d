// Queue semantics: priority, atomic claim, dedupe, album parents, cancel, retry, watchdogs, crash recovery.
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { catalogStatus } from '../../src/main/catalog';
import { missingFilesWatchdog, PRIORITY } from '../../src/main/queue';
import { partPathFor, partWriterToken } from '../../src/main/library';
import { makeTone } from '../support/audio';
import { seedAlbums } from '../support/catalogBuilder';
import { scriptedSource } from '../support/scriptedSource';
import { FakeClock, openTestCore, tempDir } from '../support/testCore';

let tone: string;
const cleanups: (() => Promise<void>)[] = [];
beforeAll(async () => {
  const t = await tempDir();
  tone = await makeTone(join(t.dir, 'tone.mp3'), { seconds: 2, format: 'mp3' });
});
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});
async function fresh() {
  const t = await tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

describe('queue store', () => {
  it('claims by priority, then age', async () => {
    const clock = new FakeClock();
    const core = openTestCore(await fresh(), { reconcileOnStart: false }, clock);
    const t = seedAlbums(core.catalog, 1, 4);
    core.queue.enqueueTrack({ trackId: t[0]!.id, source: 'slskd', priority: PRIORITY.background });
    clock.advance(10);
    core.queue.enqueueTrack({ trackId: t[1]!.id, source: 'slskd', priority: PRIORITY.user });
    clock.advance(10);
    core.queue.enqueueTrack({ trackId: t[2]!.id, source: 'slskd', priority: PRIORITY.urgent });
    clock.advance(10);
    core.queue.enqueueTrack({ trackId: t[3]!.id, source: 'slskd', priority: PRIORITY.user });
    const order = [1, 2, 3, 4].map(() => core.queue.claimNext('slskd')!.track_id);
    expect(order).toEqual([t[2]!.id, t[1]!.id, t[3]!.id, t[0]!.id]);
    expect(core.queue.claimNext('slskd')).toBeUndefined();
    expect(catalogStatus(core.db).downloading).toBe(4);
    await core.close();
  });

  it('never queues the same track twice while a request is active', async () => {
    const core = openTestCore(await fresh(), { reconcileOnStart: false });
    const [t] = seedAlbums(core.catalog, 1, 1);
    const a = core.queue.enqueueTrack({ trackId: t!.id, source: 'slskd' });
    const b = core.queue.enqueueTrack({ trackId: t!.id, source: 'slskd', priority: PRIORITY.urgent });
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(b.item.id).toBe(a.item.id);
    expect(core.queue.list({ view: 'queued' }).total).toBe(1);
    await core.close();
  });

  it('two workers on separate connections never claim the same item', async () => {
    const dir = await fresh();
    const core = openTestCore(dir, { reconcileOnStart: false });
    const tracks = seedAlbums(core.catalog, 50, 40);
    core.db.transaction(() => {
      for (const t of tracks) core.queue.enqueueTrack({ trackId: t.id, source: 'slskd' });
    })();
    const run = () =>
      new Promise<number[]>((resolve, reject) => {
        const w = new Worker(new URL('../support/claimWorker.mjs', import.meta.url), { workerData: { dbPath: join(dir, 'catalog.db') } });
        w.once('message', resolve);
        w.once('error', reject);
      });
    const [a, b] = await Promise.all([run(), run()]);
    const all = [...a, ...b];
    expect(all.length).toBe(2000);
    expect(new Set(all).size).toBe(2000);
    await core.close();
  });

  it('an album request runs its tracks in order and completes before the next album starts', async () => {
    const clock = new FakeClock();
    const core = openTestCore(await fresh(), { reconcileOnStart: false }, clock);
    seedAlbums(core.catalog, 2, 3);
    const albums = core.db.prepare('SELECT id FROM albums ORDER BY id').all() as { id: number }[];
    const first = core.queue.enqueueAlbum({ albumId: albums[0]!.id, source: 'slskd' });
    clock.advance(5);
    const second = core.queue.enqueueAlbum({ albumId: albums[1]!.id, source: 'slskd' });
    expect(first.children).toHaveLength(3);
    const claimed = [];
    for (let i = 0; i < 3; i++) {
      const item = core.queue.claimNext('slskd')!;
      claimed.push(item.parent_id);
      core.queue.markCompleted(item.id, { path: `/x/${item.id}.mp3`, sizeBytes: 1 });
    }
    expect(claimed).toEqual([first.parent.id, first.parent.id, first.parent.id]);
    expect(core.queue.get(first.parent.id)!.status).toBe('completed');
    expect(core.queue.get(second.parent.id)!.status).toBe('pending');
    const next = core.queue.claimNext('slskd')!;
    expect(next.parent_id).toBe(second.parent.id);
    core.queue.markFailed(next.id, { type: 'not_found', message: 'gone' });
    for (let i = 0; i < 2; i++) {
      const it2 = core.queue.claimNext('slskd')!;
      core.queue.markCompleted(it2.id, { path: `/y/${it2.id}.mp3`, sizeBytes: 1 });
    }
    expect(core.queue.get(second.parent.id)).toMatchObject({ status: 'failed', error_message: '1 of 3 tracks failed' });
    await core.close();
  });

  it('recovers items left in progress by a crash, and stale items by the watchdog', async () => {
    const dir = await fresh();
    const clock = new FakeClock();
    const core = openTestCore(dir, { reconcileOnStart: false }, clock);
    const t = seedAlbums(core.catalog, 1, 2);
    for (const x of t) core.queue.enqueueTrack({ trackId: x.id, source: 'slskd' });
    const a = core.queue.claimNext('slskd')!;
    core.queue.claimNext('slskd');
    clock.advance(30 * 60_000);
    core.queue.heartbeat(a.id, { bytesDownloaded: 10 });
    clock.advance(31 * 60_000);
    const stale = core.queue.recoverStale(60 * 60_000);
    expect(stale.map((s) => s.track_id)).toEqual([t[1]!.id]);
    expect(core.queue.get(a.id)!.status).toBe('in_progress');
    await core.close();

    const after = openTestCore(dir, { reconcileOnStart: false }, clock);
    expect(after.queue.list({ view: 'active' }).total).toBe(0);
    expect(after.queue.list({ view: 'queued' }).total).toBe(2);
    expect(catalogStatus(after.db)).toMatchObject({ downloading: 0, queued: 2 });
    expect(after.queue.audit.list().some((e) => e.event === 'recovered' && e.actor === 'startup')).toBe(true);
    await after.close();
  });

  it('missing-files watchdog reports in dry-run, then queues at background priority, skipping queued ones', async () => {
    const dir = await fresh();
    const core = openTestCore(dir, { reconcileOnStart: false });
    const t = seedAlbums(core.catalog, 1, 3);
    for (const [i, x] of t.entries()) {
      const p = join(dir, `f${i}.mp3`);
      await writeFile(p, 'x'.repeat(100));
      core.catalog.markDownloaded(x.id, p, 100);
    }
    await rm(join(dir, 'f0.mp3'));
    await rm(join(dir, 'f1.mp3'));
    const dry = missingFilesWatchdog(core.db, core.clock, core.queue, () => 'slskd', { dryRun: true });
    expect(dry.missing.map((m) => m.trackId).sort()).toEqual([t[0]!.id, t[1]!.id].sort());
    expect(dry.queued).toBe(0);
    expect(catalogStatus(core.db).downloaded).toBe(3);
    const act = missingFilesWatchdog(core.db, core.clock, core.queue, () => 'slskd', { dryRun: false });
    expect(act.queued + act.alreadyQueued).toBe(2);
    const items = core.queue.list({ view: 'queued' }).items;
    expect(items.every((i) => i.priority === PRIORITY.background && i.request_source === 'watchdog')).toBe(true);
    expect(missingFilesWatchdog(core.db, core.clock, core.queue, () => 'slskd', { dryRun: false }).queued).toBe(0);
    await core.close();
  });
});

describe('processor', () => {
  it('cancel works while waiting and while running (transfer stopped at the source, no partial file)', async () => {
    const dir = await fresh();
    const source = scriptedSource({ kind: 'hang' });
    const core = openTestCore(dir, { sources: { slskd: source }, defaultSource: 'slskd', runQueue: true, concurrency: { slskd: 1 } });
    const t = seedAlbums(core.catalog, 1, 3);
    const items = t.map((x) => core.queue.enqueueTrack({ trackId: x.id, source: 'slskd' }).item);
    core.processor.kick();
    await waitFor(() => core.queue.get(items[0]!.id)!.status === 'in_progress' && source.calls.length === 1);
    const running = core.queue.get(items[0]!.id)!;
    const part = partPathFor(join(dir, 'Library', 'Artist 1', 'Artist 1 - Album 1', '01 Song 1-1.mp3'), partWriterToken(core.queue.workerId));
    await writeFile(part, 'partial');
    // waiting
    await core.handlers['queue.cancel']({ id: items[2]!.id });
    expect(core.queue.get(items[2]!.id)!.status).toBe('cancelled');
    // running
    await core.handlers['queue.cancel']({ id: running.id });
    expect(core.queue.get(running.id)!.status).toBe('cancelled');
    expect(source.cancelled).toEqual([`ref-${t[0]!.id}-1`]);
    expect(existsSync(part)).toBe(false);
    expect(core.catalog.getTrack(t[0]!.id)!.status).toBe('missing');
    await core.close();
  });

  it('a cancel while the fetched file is tagged is honoured: nothing goes into the library, the row stays cancelled', async () => {
    const dir = await fresh();
    const source = scriptedSource({ kind: 'deliver', file: tone });
    let tagging: () => void = () => undefined;
    const reached = new Promise<void>((r) => (tagging = r));
    let release: () => void = () => undefined;
    const core = openTestCore(dir, {
      sources: { slskd: source }, defaultSource: 'slskd', runQueue: true,
      // The tagging step (finalize), held until the cancel has been asked for.
      finalize: () => {
        tagging();
        return new Promise<void>((r) => (release = r));
      },
    });
    const [t] = seedAlbums(core.catalog, 1, 1);
    const { item } = core.queue.enqueueTrack({ trackId: t!.id, source: 'slskd' });
    core.processor.kick();
    await reached;
    const cancelling = core.handlers['queue.cancel']({ id: item.id });
    release();
    await cancelling;
    await core.processor.whenIdle();
    expect(core.queue.get(item.id)).toMatchObject({ status: 'cancelled', destination_path: null });
    expect(existsSync(join(dir, 'Library', 'Artist 1', 'Artist 1 - Album 1', '01 Song 1-1.mp3'))).toBe(false);
    expect(core.catalog.getTrack(t!.id)).toMatchObject({ status: 'missing', local_path: null });
    await core.close();
  });

  it('pause stops active downloads without counting a failure; resume finishes them', async () => {
    const dir = await fresh();
    const source = scriptedSource({ kind: 'hang' });
    const core = openTestCore(dir, { sources: { slskd: source }, defaultSource: 'slskd', runQueue: true });
    const [t] = seedAlbums(core.catalog, 1, 1);
    const { item } = core.queue.enqueueTrack({ trackId: t!.id, source: 'slskd' });
    core.processor.kick();
    await waitFor(() => source.calls.length === 1);
    await core.handlers['queue.pause'](undefined);
    await waitFor(() => core.queue.get(item.id)!.status === 'pending');
    expect(core.queue.get(item.id)!.retry_count).toBe(0);
    source.fallback = { kind: 'deliver', file: tone };
    await core.handlers['queue.resume'](undefined);
    await core.processor.whenIdle();
    expect(core.queue.get(item.id)!.status).toBe('completed');
    await core.close();
  });

  it('a stalled download times out, is cancelled at the source and retried later', async () => {
    const dir = await fresh();
    const clock = new FakeClock();
    const source = scriptedSource({ kind: 'hang' });
    const core = openTestCore(dir, { sources: { slskd: source }, defaultSource: 'slskd', runQueue: true, stallMs: 5_000 }, clock);
    const [t] = seedAlbums(core.catalog, 1, 1);
    const { item } = core.queue.enqueueTrack({ trackId: t!.id, source: 'slskd' });
    core.processor.kick();
    await waitFor(() => source.calls.length === 1);
    clock.advance(6_000);
    await waitFor(() => core.queue.get(item.id)!.status === 'retry_waiting', () => core.processor.kick());
    expect(core.queue.get(item.id)!.error_type).toBe('timeout');
    expect(source.cancelled.length).toBe(1);
    await core.close();
  });
});

async function waitFor(cond: () => boolean, poke?: () => void, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    poke?.();
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('user intent', () => {
  it('a track the user cancelled is not re-queued by the next reconcile, until they ask again', async () => {
    const core = openTestCore(await fresh(), { reconcileOnStart: false });
    const [t] = seedAlbums(core.catalog, 1, 1);
    const { item } = core.queue.enqueueTrack({ trackId: t!.id, source: 'slskd' });
    core.queue.cancel(item.id);
    expect(core.reconcile().queued).toBe(0);
    expect(core.queue.activeForTrack(t!.id)).toBeUndefined();
    const again = await core.handlers['queue.enqueueTrack']({ trackId: t!.id });
    expect(again.status).toBe('pending');
    await core.close();
  });
});

describe('start-up recovery with two processes', () => {
  it('takes back only the items of processes that are gone, never those of a live one', async () => {
    const dir = await fresh();
    const core = openTestCore(dir, { reconcileOnStart: false });
    const t = seedAlbums(core.catalog, 1, 3);
    const items = t.map((x) => core.queue.enqueueTrack({ trackId: x.id, source: 'slskd' }).item);
    for (let i = 0; i < items.length; i++) core.queue.claimNext('slskd');
    const set = core.db.prepare('UPDATE queue_items SET worker=? WHERE id=?');
    set.run('otherhost-or-dead:999999', items[0]!.id);
    set.run(`live:${process.pid}`, items[1]!.id);
    set.run(null, items[2]!.id);
    const recovered = core.queue.recoverAfterCrash((w) => w.startsWith('live:'));
    expect(recovered.map((r) => r.id).sort()).toEqual([items[0]!.id, items[2]!.id].sort());
    expect(core.queue.get(items[1]!.id)!.status).toBe('in_progress');
    expect(core.catalog.getTrack(t[1]!.id)!.status).toBe('downloading');
    expect(core.catalog.getTrack(t[0]!.id)!.status).toBe('queued');
    await core.close();
  });
});

describe('stale watchdog in a running processor', () => {
  it('returns items another process left silent to the queue, and never touches its own running jobs', async () => {
    const clock = new FakeClock();
    const source = scriptedSource({ kind: 'hang' });
    const core = openTestCore(await fresh(), { sources: { slskd: source }, defaultSource: 'slskd', staleMs: 60 * 60_000, reconcileOnStart: false, concurrency: { slskd: 1 } }, clock);
    const t = seedAlbums(core.catalog, 1, 2);
    const other = core.queue.enqueueTrack({ trackId: t[0]!.id, source: 'slskd' }).item;
    core.queue.claimNext('slskd');
    core.db.prepare('UPDATE queue_items SET worker=? WHERE id=?').run('elsewhere:1', other.id);
    const mine = core.queue.enqueueTrack({ trackId: t[1]!.id, source: 'slskd' }).item;
    core.processor.start();
    await waitFor(() => source.calls.length === 1);
    clock.advance(2 * 60 * 60_000);
    core.processor.kick();
    await waitFor(() => core.queue.get(other.id)!.status === 'pending');
    expect(core.queue.get(mine.id)!.status).toBe('in_progress');
    expect(core.queue.audit.list().some((e) => e.event === 'recovered' && e.queue_item_id === other.id && e.actor === 'watchdog')).toBe(true);
    await core.close();
  });
});

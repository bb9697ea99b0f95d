// The whole download path with real parts: catalog → queue → slskd source (emulated network) → validation →
// atomic move into the library layout → catalog says downloaded. Failover and "not what was asked" included.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogStatus } from '../../src/main/catalog';
import type { Core } from '../../src/main/core';
import { validateAudioFile } from '../../src/main/library';
import { createSlskdSource } from '../../src/main/sources';
import { seedDemoCatalog, startDemoWorld, type DemoWorld } from '../emulators/demoWorld';
import { openTestCore, tempDir } from '../support/testCore';

let world: DemoWorld;
let core: Core;
let cleanup: () => Promise<void>;
let dir: string;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  world = await startDemoWorld(join(dir, 'world'), { seconds: 3, transferBytesPerSec: 5_000_000 });
  core = openTestCore(dir, { sources: { slskd: createSlskdSource(world.slskdConfig) }, defaultSource: 'slskd', runQueue: true });
});
afterAll(async () => {
  await core.close();
  await world.close();
  await cleanup();
});

describe('missing tracks fetched from Soulseek end to end', () => {
  it('files what was found, fails over past a refusing peer, and refuses live versions nobody asked for', async () => {
    seedDemoCatalog(core.catalog, 3);
    expect(core.reconcile().queued).toBe(8);
    await core.processor.whenIdle();
    const s = catalogStatus(core.db);
    expect(s).toMatchObject({ songs: 8, downloaded: 6, failed: 2, downloading: 0 });
    const rows = core.db
      .prepare(`SELECT t.title, t.local_path, a.name AS artist FROM tracks t JOIN artists a ON a.id=t.artist_id WHERE status='downloaded' ORDER BY t.id`)
      .all() as { title: string; local_path: string; artist: string }[];
    expect(rows[0]!.local_path).toBe(join(dir, 'Library', 'Glass Harbour', 'Glass Harbour - Tidal Maps', '01 Harbour Lights.flac'));
    expect(rows[3]!.local_path).toBe(join(dir, 'Library', 'Ada Okafor', 'Ada Okafor - Open Weather', '01 Open Weather.mp3'));
    for (const r of rows) {
      await validateAudioFile(r.local_path, { ext: r.local_path.split('.').pop()!, durationSec: 3 });
    }
    // slskd's own copies were moved, not left behind.
    expect(existsSync(join(dir, 'world', 'slskd-downloads', 'Tidal Maps', '01 - Glass Harbour - Harbour Lights.flac'))).toBe(false);
    const failed = core.queue.list({ view: 'failed' }).items;
    expect(failed).toHaveLength(2);
    expect(failed.every((f) => f.error_type === 'not_found')).toBe(true);
    const refused = core.db.prepare(`SELECT count(*) AS n FROM quarantine WHERE source='slskd' AND key LIKE 'flakypeer%'`).get() as { n: number };
    expect(refused.n).toBe(3);
  });
});

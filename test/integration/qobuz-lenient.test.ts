// A first sync against answers in the shapes real getFileUrl calls take: bit_depth/sampling_rate null or left out,
// restriction entries without a code, and restricted tracks without url or format_id. Sparse answers download;
// restricted ones fail by their restriction codes, without failing the rest of the sync.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { SyncSummary } from '../../src/main/flows/qobuzSync';
import { qobuzLibrary, startQobuzEmulator, type QobuzEmulator } from '../emulators/qobuz';
import { filesUnder, openSyncCore, playableDuration, syncSandbox, type SyncSandbox } from '../support/qobuzSync';

let emu: QobuzEmulator;
let box: SyncSandbox;
let core: Core;
let summary: SyncSummary;

beforeAll(async () => {
  emu = await startQobuzEmulator({
    library: qobuzLibrary()
      .album({
        title: 'Sparse Answers',
        artist: 'Nadia Reyes',
        tracks: [
          { title: 'No Depth', durationSec: 33, availability: 'mp3_sparse' },
          { title: 'Withdrawn', durationSec: 34, availability: 'rights_restricted' },
          { title: 'Odd Codes', durationSec: 35, availability: 'restricted_other' },
        ],
      })
      .build(),
  });
  box = await syncSandbox(emu);
  core = openSyncCore(box);
  summary = await core.qobuz.sync({ folder: box.musicDir });
});

afterAll(async () => {
  await core.close();
  await emu.close();
  await box.cleanup();
});

describe('lenient getFileUrl fields', () => {
  it('downloads the track whose answer has null or missing details', async () => {
    expect(await filesUnder(box.musicDir)).toEqual(['Nadia Reyes/Sparse Answers/01 - No Depth.mp3']);
    expect(await playableDuration(`${box.musicDir}/Nadia Reyes/Sparse Answers/01 - No Depth.mp3`)).toBeCloseTo(33, 0);
  });

  it('fails restricted tracks by their codes: withdrawn ones as not_found, the rest as rejected', () => {
    const byTitle = new Map(summary.failed.map((f) => [f.title, f]));
    expect([...byTitle.keys()].sort()).toEqual(['Odd Codes', 'Withdrawn']);
    expect(byTitle.get('Withdrawn')?.reason).toMatch(/rights holders withdrew.*TrackRestrictedByRightHolders/);
    expect(byTitle.get('Odd Codes')?.reason).toMatch(/refused every format.*TrackRestrictedByGeography, SomethingNew/);
    const types = core.db.prepare(`SELECT t.title, q.error_type FROM queue_items q JOIN tracks t ON t.id = q.track_id ORDER BY t.title`).all();
    expect(types).toEqual([
      { title: 'No Depth', error_type: null },
      { title: 'Odd Codes', error_type: 'rejected' },
      { title: 'Withdrawn', error_type: 'not_found' },
    ]);
  });
});

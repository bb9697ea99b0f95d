// The download quality preference ([slskd] min_quality, Settings → Soulseek) through the core against the slskd
// emulator: saved from Settings, it applies to the next search without a restart.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { settingsPath } from '../../src/main/config';
import { OWNER, pathsFor, type Core } from '../../src/main/core';
import type { QueueItem } from '../../src/main/queue';
import { flac, mp3, peer, startSlskdEmulator, type SlskdEmulator } from '../emulators/slskd';
import { openTestCore, tempDir } from '../support/testCore';

const API_KEY = 'quality-key-1';
let dir: string;
let cleanup: () => Promise<void>;
let emu: SlskdEmulator;
let core: Core;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('cassette-slskd-quality-'));
  const downloadsDir = join(dir, 'downloads');
  await mkdir(downloadsDir);
  emu = await startSlskdEmulator({
    downloadsDir, apiKey: API_KEY, searchDelayMs: 20, tickMs: 10, requestedMs: 10, transferBytesPerSec: 5_000_000,
    peers: [
      // Harbour Lights: only as MP3 320. Undertow: a fast peer's 256 and a busy peer's 320. Low Tide: 256 only.
      peer('mp3only').file('Music\\Nina Vale\\Tidewater\\01 - Nina Vale - Harbour Lights.mp3', mp3(3, 320)),
      peer('fast').file('mp3\\Nina Vale - Tidewater\\02 - Nina Vale - Undertow.mp3', mp3(3, 256)).file('mp3\\Nina Vale - Tidewater\\03 - Nina Vale - Low Tide.mp3', mp3(3, 256)),
      peer('busy', { hasFreeUploadSlot: false, queueLength: 9, uploadSpeed: 10_000 }).file('Rips\\Nina Vale\\Tidewater\\02 Undertow.mp3', mp3(3, 320)),
      peer('lossless').file('@@flac\\Nina Vale\\Tidewater\\01 - Nina Vale - Harbour Lights.flac', flac(3)),
    ],
  });
  core = openTestCore(join(dir, 'data'), {
    env: {},
    defaultSource: 'slskd',
    reconcileOnStart: false,
    slskdTuning: { pollMs: 20, searchTimeoutMs: 40, stallMs: 5_000, budget: { maxSearches: 100, windowMs: 1_000, minGapMs: 0 } },
  });
  core.processor.start();
});
afterEach(async () => {
  await core.close();
  await emu.close();
  await cleanup();
});

async function save(minQuality: string): Promise<void> {
  const r = await core.dispatch('settings.save', { slskd: { url: emu.url, apiKey: API_KEY, downloadsDir: join(dir, 'downloads'), minQuality } }, OWNER);
  if (!r.ok) throw new Error(r.error.message);
}

/** Requests the track and waits for the request's outcome. */
async function fetchTrack(title: string): Promise<QueueItem> {
  const trackId = core.catalog.upsertTrack({ title, artist: { name: 'Nina Vale' }, durationSec: 3 });
  const row = await core.handlers['queue.enqueueTrack']({ trackId, source: 'slskd' });
  let item: QueueItem | undefined;
  await vi.waitFor(() => {
    item = core.queue.get(row.id);
    expect(item?.status).toMatch(/^(completed|failed|retry_waiting)$/);
  }, { timeout: 20_000, interval: 50 });
  return item!;
}

const transferred = () => emu.transfers().map((t) => t.username);

it('"FLAC only" never downloads an MP3-only result, and takes the FLAC over an MP3 320', async () => {
  await save('lossless');
  expect(await readFile(settingsPath(pathsFor(core.paths.dataDir)), 'utf8')).toMatch(/min_quality = "lossless"/);
  await expect(core.handlers['settings.get'](undefined)).resolves.toMatchObject({ slskd: { minQuality: 'lossless' } });

  const mp3Only = await fetchTrack('Low Tide');
  expect(mp3Only).toMatchObject({ status: 'failed', error_type: 'not_found' });
  const withFlac = await fetchTrack('Harbour Lights');
  expect(withFlac.status).toBe('completed');
  expect(withFlac.destination_path).toMatch(/\.flac$/);
  expect(transferred()).toEqual(['lossless']);
});

it('"MP3 ≥ 320" skips a 256 kbps file for a 320 one, and takes no 256 at all; changed without a restart', async () => {
  await save('mp3-192');
  const before = await fetchTrack('Low Tide');
  expect(before.status).toBe('completed'); // the default still takes a 256

  await save('mp3-320');
  const undertow = await fetchTrack('Undertow');
  expect(undertow.status).toBe('completed');
  expect(transferred().slice(1)).toEqual(['busy']);
  const again = await fetchTrack('Low Tide');
  expect(again).toMatchObject({ status: 'failed', error_type: 'not_found' });
  expect(transferred().filter((u) => u === 'fast')).toHaveLength(1);
});

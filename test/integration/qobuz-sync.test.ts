// A full purchase sync against the Qobuz emulator's standard library of awkward cases: the layout (disc folders,
// various-artists names, versions, names needing sanitising), a track bought both alone and in an album kept
// once, every file playable for the track's length and tagged (read back by two readers), the catalog and
// counters covering the purchases, failures listed with reasons, transcodes and intent fallbacks reported.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../src/shared/contract';
import { catalogStatus } from '../../src/main/catalog';
import type { Core } from '../../src/main/core';
import { readTags } from '../../src/main/library';
import type { SyncEvent, SyncSummary } from '../../src/main/flows/qobuzSync';
import { startQobuzEmulator, type QobuzEmulator } from '../emulators/qobuz';
import { filesUnder, id3Frames, openSyncCore, playableDuration, syncSandbox, type SyncSandbox } from '../support/qobuzSync';

let emu: QobuzEmulator;
let box: SyncSandbox;
let core: Core;
let summary: SyncSummary;
const events: SyncEvent[] = [];
const jobProgress: EventPayload<'job.progress'>[] = [];
const qobuzRows = new Set<number>();

const EXPECTED_FILES = [
  'AC_DC/Back in Black/01 - Hells Bells.mp3',
  'AC_DC/Back in Black/02 - Shoot to Thrill.mp3',
  'Alma Vey/Singles Vol. 1/01 - Lone Single.mp3',
  'Dots/Etc/01 - The End..mp3',
  'Kestrel Moon/Hometown (Live)/01 - Ebb (Live).mp3',
  'Kestrel Moon/Hometown (Live)/02 - Encore (Live).mp3',
  'Kestrel Moon/Tides/Disc 1/01 - Ebb.mp3',
  'Kestrel Moon/Tides/Disc 1/02 - Flow.mp3',
  'Kestrel Moon/Tides/Disc 2/01 - Undertow.mp3',
  'Kestrel Moon/Tides/Disc 2/02 - Slack Water.mp3',
  'Question _Mark_/Con_ _Test__/01 - What_If_Not.mp3',
  'Question _Mark_/Con_ _Test__/02 - Lossless Only.mp3',
  'Various Artists/Summer Hits 2024/01 - Alma Vey - Sunburn.mp3',
  'Various Artists/Summer Hits 2024/02 - The Dunes feat. Rio - Salt.mp3',
];

beforeAll(async () => {
  emu = await startQobuzEmulator();
  box = await syncSandbox(emu);
  core = openSyncCore(box);
  core.events.on('job.progress', (p) => jobProgress.push(p));
  core.events.on('queue.rows', (rows) => rows.filter((r) => r.source === 'qobuz').forEach((r) => qobuzRows.add(r.id)));
  // The folder does not exist yet: the sync creates it with its parents.
  summary = await core.qobuz.sync({ folder: box.musicDir, onEvent: (e) => events.push(e) });
});

afterAll(async () => {
  await core.close();
  await emu.close();
  await box.cleanup();
});

describe('a full sync of the purchases', () => {
  it('files every purchase as Album Artist/Album/NN - Title.mp3, with disc folders, VA names, versions and safe names', async () => {
    expect(await filesUnder(box.musicDir)).toEqual(EXPECTED_FILES);
  });

  it('keeps a track bought both alone and in a bought album once, under the album', () => {
    const hells = emu.library.trackByTitle('Hells Bells');
    expect(emu.library.purchasedTrackIds).toContain(hells.id);
    expect(summary.deduplicated).toBe(1);
    expect(summary.downloaded.filter((d) => d.trackId === hells.id).map((d) => d.path)).toEqual([join(box.musicDir, 'AC_DC/Back in Black/01 - Hells Bells.mp3')]);
    expect(emu.count('cdn/file', hells.id)).toBe(1);
  });

  it('every downloaded file plays for as long as the track lasts', async () => {
    expect(summary.downloaded).toHaveLength(EXPECTED_FILES.length);
    for (const d of summary.downloaded) {
      const want = emu.library.track(d.trackId)!.durationSec;
      expect(Math.abs((await playableDuration(d.path)) - want), d.path).toBeLessThan(1);
    }
  });

  it('tags each file: title with version, artists, album artist, album, n/N, disc n/N, date, genre, ISRC, label, copyright, cover, Qobuz ids', async () => {
    const undertow = emu.library.trackByTitle('Undertow');
    const tides = emu.library.album(undertow.albumId)!;
    const t = await readTags(join(box.musicDir, 'Kestrel Moon/Tides/Disc 2/01 - Undertow.mp3'));
    expect(t).toMatchObject({
      title: 'Undertow', artists: ['Kestrel Moon'], albumArtist: 'Kestrel Moon', album: 'Tides', trackNumber: 1, trackTotal: 2,
      discNumber: 2, discTotal: 2, date: tides.releaseDate, genre: 'Rock', isrc: undertow.isrc, label: 'Emulated Records',
      copyright: '(P) 2020 Kestrel Moon', externalIds: { QOBUZ_TRACK_ID: String(undertow.id), QOBUZ_ALBUM_ID: tides.id },
    });
    expect(t.cover?.mime).toBe('image/jpeg');
    expect(t.cover?.data.length).toBeGreaterThan(100);

    const live = await readTags(join(box.musicDir, 'Kestrel Moon/Hometown (Live)/01 - Ebb (Live).mp3'));
    expect(live).toMatchObject({ title: 'Ebb (Live)', album: 'Hometown (Live)' });

    const salt = await readTags(join(box.musicDir, 'Various Artists/Summer Hits 2024/02 - The Dunes feat. Rio - Salt.mp3'));
    expect(salt).toMatchObject({ title: 'Salt', artistCredit: 'The Dunes feat. Rio', artists: ['The Dunes', 'Rio'], albumArtist: 'Various Artists' });

    // An independent reader (mutagen's mid3v2) sees "AC/DC" as one artist, in an ID3v2.4 tag.
    const acdc = join(box.musicDir, 'AC_DC/Back in Black/01 - Hells Bells.mp3');
    expect((await readFile(acdc)).subarray(0, 4)).toEqual(Buffer.from([0x49, 0x44, 0x33, 4]));
    const frames = await id3Frames(acdc);
    expect(frames).toContain('TPE2=AC/DC');
    expect(frames).toContain('TXXX=QOBUZ_TRACK_ID=');
    expect(frames).toMatch(/APIC=cover front/);
  });

  it('fetches each album cover once, not once per track', () => {
    const albumsDownloaded = new Set(summary.downloaded.map((d) => d.albumId)).size;
    expect(emu.count('images')).toBe(albumsDownloaded);
  });

  it('puts the purchases in the catalog (source qobuz, ids, the tagged size) so counters and reconciliation cover them', async () => {
    const rows = core.db.prepare(`SELECT qobuz_id, source, status, local_path, size_bytes FROM tracks WHERE qobuz_id IS NOT NULL`).all() as {
      qobuz_id: string; source: string; status: string; local_path: string | null; size_bytes: number | null;
    }[];
    expect(rows).toHaveLength(16);
    expect(new Set(rows.map((r) => r.source))).toEqual(new Set(['qobuz']));
    for (const r of rows.filter((x) => x.status === 'downloaded')) expect((await stat(r.local_path!)).size).toBe(r.size_bytes);
    expect(catalogStatus(core.db)).toMatchObject({ songs: 16, downloaded: 14, failed: 2, downloading: 0 });
    // Reconciliation agrees with the sync: nothing it recorded is missing or the wrong size.
    expect(core.reconcile()).toMatchObject({ nowMissing: 0, present: 14 });
  });

  it('lists failed tracks with reasons, downloads everything else, and says which tracks were transcoded or fetched otherwise', () => {
    expect(summary.failed.map((f) => f.title).sort()).toEqual(['Sneaky Teaser', 'Teaser']);
    for (const f of summary.failed) expect(f.reason).toMatch(/30-second preview/);
    const notes = Object.fromEntries(summary.downloaded.filter((d) => d.note).map((d) => [d.title, d.note]));
    expect(Object.keys(notes).sort()).toEqual(['Lossless Only', 'What*If|Not']);
    expect(notes['Lossless Only']).toMatch(/transcoded/);
    expect(notes['What*If|Not']).toMatch(/stream intent/);
    expect(summary.upToDate).toBe(false);
    expect(summary.stopped).toBeUndefined();
  });

  it('reports progress as it goes: per-track events, queue rows for the app, and a finished job', () => {
    const types = new Set(events.map((e) => e.type));
    for (const t of ['plan', 'started', 'progress', 'downloaded', 'failed']) expect(types).toContain(t);
    const progress = events.filter((e): e is Extract<SyncEvent, { type: 'progress' }> => e.type === 'progress');
    expect(progress.some((p) => p.bytes > 0 && p.track.album !== '')).toBe(true);
    expect(qobuzRows.size).toBe(16);
    const last = jobProgress.at(-1)!;
    expect(last).toMatchObject({ job: 'qobuz.sync', finished: true });
    expect(last.label).toMatch(/14 downloaded/);
  });
});

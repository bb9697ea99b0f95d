// The sync's Qobuz source keeps at most 4 CDN transfers going however many queue jobs run, and frees a
// connection as soon as a file's bytes are in (its checks and tags happen outside it).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateAudioFile } from '../../src/main/library';
import { LimitedQobuzSource } from '../../src/main/sources';
import { QobuzClient } from '../../src/main/sources';
import { DownloadError, type FetchContext } from '../../src/main/base';
import { qobuzLibrary, startQobuzEmulator, type QobuzEmulator } from '../emulators/qobuz';
import { FAST_CLIENT, FAST_TRANSFER } from '../support/qobuzSync';

let emu: QobuzEmulator;
let client: QobuzClient;
let dir: string;

beforeAll(async () => {
  emu = await startQobuzEmulator({
    library: qobuzLibrary().synthetic({ albums: 1, tracksPerAlbum: 10, durationSec: 8 }).build(),
    audioPerTrack: false,
    bandwidth: { bytesPerSec: 400_000 },
  });
  client = new QobuzClient({ apiBase: emu.apiBase, webBase: emu.webBase, ...FAST_CLIENT });
  await client.loginWithToken(emu.token);
  dir = await mkdtemp(join(tmpdir(), 'qobuz-conn-'));
});
afterAll(async () => {
  await emu.close();
  await rm(dir, { recursive: true, force: true });
});

describe('LimitedQobuzSource', () => {
  it('runs 10 jobs with at most 4 transfers at once, each connection freed before its file is checked', async () => {
    const source = new LimitedQobuzSource({ client, transfer: FAST_TRANSFER, connections: 4 });
    let active = 0;
    let peak = 0;
    const tracks = [...emu.library.tracks.values()];
    const results = await Promise.all(
      tracks.map(async (t, i) => {
        let counted = false;
        const ctx: FetchContext = {
          signal: new AbortController().signal,
          partPath: join(dir, `${i}.mp3.part`),
          onProgress: (p) => {
            if (!counted && p.bytesDownloaded > 0) {
              counted = true;
              peak = Math.max(peak, ++active);
            }
          },
          setExternalRef: () => {},
          validate: async (path, claim) => {
            if (counted) active--;
            counted = false;
            // A slow check (a full decode) must not hold a connection.
            await new Promise((r) => setTimeout(r, 300));
            await validateAudioFile(path, claim);
          },
          isQuarantined: () => false,
          quarantine: () => {},
        };
        return source.fetch({ trackId: i + 1, title: t.title, artist: 'x', durationSec: t.durationSec, externalIds: { qobuz: String(t.id) } }, ctx);
      }),
    );
    expect(results).toHaveLength(10);
    expect(peak).toBe(4);
    expect(emu.count('cdn/file')).toBe(10);
  });

  it('a job aborted while waiting for a connection leaves the line without taking one', async () => {
    const source = new LimitedQobuzSource({ client, transfer: FAST_TRANSFER, connections: 1 });
    const tracks = [...emu.library.tracks.values()];
    const ctx = (i: number, signal: AbortSignal): FetchContext => ({
      signal, partPath: join(dir, `w${i}.mp3.part`), onProgress: () => {}, setExternalRef: () => {}, validate: async () => {},
      isQuarantined: () => false, quarantine: () => {},
    });
    const want = (i: number) => ({ trackId: i, title: 't', artist: 'x', externalIds: { qobuz: String(tracks[i]!.id) } });
    const first = source.fetch(want(0), ctx(0, new AbortController().signal));
    const waiting = new AbortController();
    const second = source.fetch(want(1), ctx(1, waiting.signal));
    await new Promise((r) => setTimeout(r, 100));
    waiting.abort();
    await expect(second).rejects.toBeInstanceOf(DownloadError);
    await expect(first).resolves.toMatchObject({ ext: 'mp3' });
    // The connection the aborted job never took is still there for the next one.
    await expect(source.fetch(want(2), ctx(2, new AbortController().signal))).resolves.toMatchObject({ ext: 'mp3' });
  });
});

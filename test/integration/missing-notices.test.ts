// The tray and desktop notifications follow the playlist runs: the tooltip names a run under way, and one
// notification says how it ended — exactly once, across restarts, and also for a run whose downloads finished
// while the app was closed. The modal's end-of-run summary (missing.downloads) is the same computation.
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { createCore, OWNER, pathsFor, silentLogger, type Core, type CoreConfig, type Notifier } from '../../src/main/core';
import type { PlaylistDownloadsDto } from '../../src/shared/contract';
import { startPlexEmulator, type PlexEmulator } from '../emulators/plex';
import { makeTone } from '../support/audio';
import { scriptedSource, type ScriptedSource } from '../support/scriptedSource';
import { FakeClock, tempDir } from '../support/testCore';

let dir: string;
let cleanup: () => Promise<void>;
let plex: PlexEmulator;
let tone: string;
let toneCleanup: () => Promise<void>;
const cores: Core[] = [];

interface Recorder extends Notifier {
  notes: { title: string; body: string }[];
  lines: { fraction: number | null; summary: string }[];
}
const recorder = (): Recorder => {
  const r: Recorder = {
    notes: [],
    lines: [],
    progress: (fraction, summary) => r.lines.push({ fraction, summary }),
    notify: (title, body) => r.notes.push({ title, body }),
  };
  return r;
};

const open = (notifier: Notifier | undefined, source: ScriptedSource, config: Partial<CoreConfig> = {}) => {
  const dataDir = join(dir, 'data');
  const core = createCore(
    { paths: pathsFor(dataDir), clock: new FakeClock(), logger: silentLogger, ...(notifier ? { notifier } : {}) },
    { host: 'test', libraryDir: join(dataDir, 'Library'), env: { PLEX_URL: plex.url, PLEX_TOKEN: 'tok' }, sources: { slskd: source }, defaultSource: 'slskd', runQueue: true, ...config },
  );
  cores.push(core);
  return core;
};
const call = async <T>(core: Core, method: string, input?: unknown): Promise<T> => {
  const r = await core.dispatch(method, input, OWNER);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data as T;
};
const analysed = (core: Core, ref: string) =>
  new Promise<void>((resolve) => core.events.on('missing.progress', (p) => p.ref === ref && p.state === 'finished' && resolve()));

beforeAll(async () => {
  const t = await tempDir('cassette-notices-tone-');
  toneCleanup = t.cleanup;
  tone = await makeTone(join(t.dir, 'tone.mp3'), { seconds: 3, format: 'mp3' });
});
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('cassette-missing-notices-'));
  plex = await startPlexEmulator({
    token: 'tok',
    sections: [{ key: '1', title: 'Music', type: 'artist', tracks: [
      { title: 'Teardrop', artist: 'Massive Attack', album: 'Mezzanine', durationSec: 330 },
      { title: 'Smells Like Teen Spirit', artist: 'Nirvana', album: 'Nevermind', durationSec: 301 },
    ] }],
  });
  // Owned (Teardrop), review (Teen Spirit), and two to download (Roads, Glory Box).
  await writeFile(join(dir, 'evening.m3u8'), [
    '#EXTM3U', '#PLAYLIST:Evening',
    '#EXTINF:331,Massive Attack - Teardrop', '/m/a.flac',
    '#EXTALB:Nevermind', '#EXTINF:301,Nirvana - Teen Spirit', '/m/b.flac',
    '#EXTINF:3,Portishead - Roads', '/m/c.flac',
    '#EXTINF:3,Portishead - Glory Box', '/m/d.flac',
  ].join('\n'));
});
afterEach(async () => {
  while (cores.length) await cores.pop()!.close();
  await plex.close();
  await cleanup();
});
afterAll(async () => toneCleanup());

it('the tooltip follows the run, one notification tells how it ended, and a restart does not repeat it', async () => {
  const ref = join(dir, 'evening.m3u8');
  const tray = recorder();
  const source = scriptedSource({ kind: 'deliver', file: tone });
  const core = open(tray, source);
  core.processor.pause();
  const done = analysed(core, ref);
  await call(core, 'missing.analyse', { playlist: ref, library: 'plex' });
  await done;

  // Analysed, two downloads queued (paused): the tray names the playlist, nothing is announced yet.
  await vi.waitFor(() => expect(tray.lines.at(-1)?.summary).toBe('Evening: 2/4 · 2 queued'), { timeout: 4000 });
  expect(tray.lines.at(-1)?.fraction).toBe(0.5);
  expect(tray.notes).toEqual([]);
  const before = await call<PlaylistDownloadsDto>(core, 'missing.downloads', { playlist: ref });
  expect(before.summary).toMatchObject({ downloaded: 0, alreadyOwned: 1, review: 1, active: 2, ended: false });

  const glory = before.entries.find((e) => core.catalog.getTrack(e.trackId)?.title === 'Glory Box')!;
  source.script.set(glory.trackId, [{ kind: 'fail', type: 'not_found', message: 'Nobody shares it' }]);
  core.processor.resume();
  await core.processor.whenIdle();
  await vi.waitFor(() => expect(tray.notes).toHaveLength(1), { timeout: 4000 });
  expect(tray.notes[0]).toEqual({ title: 'Evening', body: '1 downloaded, 1 already owned, 1 failed, 1 needs review' });
  await vi.waitFor(() => expect(tray.lines.at(-1)).toEqual({ fraction: null, summary: 'Idle' }), { timeout: 4000 });
  // The modal shows the same summary once the downloads are done.
  const after = await call<PlaylistDownloadsDto>(core, 'missing.downloads', { playlist: ref });
  expect(after.summary).toEqual({ total: 4, downloaded: 1, alreadyOwned: 1, failed: 1, review: 1, ignored: 0, active: 0, notDownloaded: 0, unchecked: 0, ended: true });

  await core.close();
  cores.pop();
  const again = recorder();
  open(again, scriptedSource({ kind: 'deliver', file: tone }));
  await vi.waitFor(() => expect(again.lines).toEqual([{ fraction: null, summary: 'Idle' }]), { timeout: 4000 });
  expect(again.notes).toEqual([]);
});

it('a run whose downloads finish while the app is closed is announced when it opens, and a CLI core never takes that away', async () => {
  const ref = join(dir, 'evening.m3u8');
  const tray = recorder();
  const app = open(tray, scriptedSource({ kind: 'deliver', file: tone }));
  app.processor.pause();
  const done = analysed(app, ref);
  await call(app, 'missing.analyse', { playlist: ref, library: 'plex' });
  await done;
  await vi.waitFor(() => expect(tray.lines.at(-1)?.summary).toMatch(/^Evening: 2\/4/), { timeout: 4000 });
  await app.close();
  cores.pop();

  // Without a notifier (a one-shot command working the queue) the downloads finish, and nothing is announced.
  const cli = open(undefined, scriptedSource({ kind: 'deliver', file: tone }));
  await cli.processor.whenIdle();
  await vi.waitFor(async () => expect((await call<PlaylistDownloadsDto>(cli, 'missing.downloads', { playlist: ref })).summary?.ended).toBe(true), { timeout: 4000 });
  await cli.close();
  cores.pop();

  const reopened = recorder();
  open(reopened, scriptedSource({ kind: 'deliver', file: tone }));
  await vi.waitFor(() => expect(reopened.notes).toEqual([{ title: 'Evening', body: '2 downloaded, 1 already owned, 1 needs review' }]), { timeout: 4000 });
});

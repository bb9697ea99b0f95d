// A playlist analysis interrupted by a restart resumes from the first unchecked entry; cancel stops it keeping
// what it reached; a decision wins over the score and re-queues; nothing enters the catalog twice.
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { LoadedPlaylist } from '../../src/main/playlists';
import { startPlexEmulator, type PlexEmulator } from '../emulators/plex';
import { openTestCore, tempDir } from '../support/testCore';

let dir: string;
let cleanup: () => Promise<void>;
let plex: PlexEmulator;
const cores: Core[] = [];

const open = () => {
  const core = openTestCore(join(dir, 'data'), { env: { PLEX_URL: plex.url, PLEX_TOKEN: 'tok' }, runQueue: false });
  cores.push(core);
  return core;
};

const playlist = (n: number): LoadedPlaylist => ({
  ref: 'spotify:playlist:0123456789abcdefghijkl',
  kind: 'spotify',
  name: 'Forty',
  entries: Array.from({ length: n }, (_, i) => ({
    key: `spotify:${String(i).padStart(22, 'x')}`,
    spotifyId: String(i).padStart(22, 'x'),
    title: `Song number ${i} ${i % 2 ? 'owned' : 'wanted'}`,
    artists: [`Artist ${i}`],
    durationSec: 200,
  })),
});

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('cassette-missing-resume-'));
  plex = await startPlexEmulator({
    token: 'tok',
    sections: [{
      key: '1', title: 'Music', type: 'artist',
      tracks: Array.from({ length: 40 }, (_, i) => i).filter((i) => i % 2).map((i) => ({ title: `Song number ${i} owned`, artist: `Artist ${i}`, album: 'A', durationSec: 201 })),
    }],
  });
});
afterEach(async () => {
  while (cores.length) await cores.pop()!.close();
  await plex.close();
  await cleanup();
});

it('a run cut short by a restart resumes where it was and ends with every entry checked once', async () => {
  const core = open();
  const p = playlist(40);
  const controller = new AbortController();
  const report = await core.missing.analyse(p, {
    connector: await core.libraryConnector('plex'),
    signal: controller.signal,
    onProgress: (x) => {
      if (x.done === 25) controller.abort();
    },
  });
  // The cancel took effect between entries: the run is cancelled at 25 of 40, nothing queued yet.
  expect(report.state).toBe('cancelled');
  const run = core.playlists.run(report.runId!)!;
  expect(run).toMatchObject({ state: 'cancelled', done: 25, total: 40 });

  // Pretend the process died mid-run instead: mark it running again, then restart the core.
  core.db.prepare(`UPDATE missing_runs SET state = 'running', finished_at = NULL WHERE id = ?`).run(run.id);
  await core.close();
  cores.pop();
  const restarted = open();
  const [resumed] = await restarted.missing.resumeInterrupted();
  expect(resumed).toMatchObject({ state: 'finished', total: 40, owned: 20, toDownload: 20, review: 0 });
  expect(restarted.playlists.run(run.id)).toMatchObject({ state: 'finished', done: 40, owned: 20, toDownload: 20 });
  const n = (sql: string) => (restarted.db.prepare(sql).get() as { n: number }).n;
  expect(n('SELECT count(*) AS n FROM tracks')).toBe(40);
  expect(n(`SELECT count(*) AS n FROM queue_items WHERE status = 'pending'`)).toBe(20);
  expect(n(`SELECT count(*) AS n FROM tracks WHERE status = 'downloaded' AND owned_elsewhere = 'plex'`)).toBe(20);

  // A decision wins: an owned entry said "not this one" goes back to missing and is queued.
  const ownedEntry = restarted.playlists.entries(run.playlistId).find((e) => e.status === 'owned')!;
  const decided = restarted.missing.decide(run.playlistId, ownedEntry.key, 'not_owned');
  expect(decided).toMatchObject({ status: 'download', decision: 'not_owned' });
  expect(n(`SELECT count(*) AS n FROM queue_items WHERE status = 'pending'`)).toBe(21);
  // ...and keeps winning on the next analysis.
  const again = await restarted.missing.analyse(p, { connector: await restarted.libraryConnector('plex') });
  expect(again).toMatchObject({ owned: 19, toDownload: 21 });
  expect(n('SELECT count(*) AS n FROM tracks')).toBe(40);
});

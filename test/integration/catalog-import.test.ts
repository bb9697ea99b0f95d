// Import that checks: every file is probed before it counts, the report separates new / updated / unchanged /
// skipped, `~` expands in the core, and tag-less files take artist/album from Artist/Album/file only.
import { execFile } from 'node:child_process';
import { mkdir, utimes, writeFile, copyFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeTone } from '../support/audio';
import { openTestCore, tempDir } from '../support/testCore';
import { OWNER, type Core } from '../../src/main/core';

const run = promisify(execFile);
const cleanups: (() => Promise<void>)[] = [];
const cores: Core[] = [];
afterEach(async () => {
  while (cores.length) await cores.pop()!.close();
  while (cleanups.length) await cleanups.pop()!();
});

let toneMp3: string;
let taggedFlac: string;
let removeSources = async () => {};
afterAll(() => removeSources());
beforeAll(async () => {
  const { dir, cleanup } = await tempDir('cassette-import-src-');
  removeSources = cleanup;
  toneMp3 = await makeTone(join(dir, 'tone.mp3'), { seconds: 3, format: 'mp3' });
  const flac = await makeTone(join(dir, 'plain.flac'), { seconds: 3, format: 'flac' });
  taggedFlac = join(dir, 'tagged.flac');
  await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-i', flac, '-c', 'copy',
    '-metadata', 'artist=Nina Simone', '-metadata', 'album=Pastel Blues', '-metadata', 'title=Be My Husband', '-metadata', 'track=2', taggedFlac]);
}, 60_000);

async function musicFolder(): Promise<{ root: string; core: Core }> {
  const { dir, cleanup } = await tempDir('cassette-import-');
  cleanups.push(cleanup);
  const root = join(dir, 'music');
  await mkdir(join(root, 'Miles Davis', 'Kind of Blue'), { recursive: true });
  await mkdir(join(root, 'Loose'), { recursive: true });
  await copyFile(toneMp3, join(root, 'Miles Davis', 'Kind of Blue', '01 - So What.mp3'));
  await copyFile(toneMp3, join(root, 'Loose', '07 Untitled.mp3'));
  await copyFile(taggedFlac, join(root, 'Loose', 'be my husband.flac'));
  // Random bytes under an audio name: the file the old import took for a good track.
  const noise = Buffer.alloc(64 * 1024);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
  await writeFile(join(root, 'corrupt.mp3'), noise);
  const core = openTestCore(join(dir, 'data'), { reconcileOnStart: false });
  cores.push(core);
  return { root, core };
}

type TrackFacts = { title: string; artist: string; album: string | null; metadata_source: string; duration_sec: number; rel: string };
function tracks(core: Core, root: string): TrackFacts[] {
  const rows = core.db
    .prepare(
      `SELECT t.title, ar.name AS artist, al.title AS album, t.metadata_source, t.duration_sec, t.local_path FROM tracks t
       JOIN artists ar ON ar.id = t.artist_id LEFT JOIN albums al ON al.id = t.album_id ORDER BY t.local_path`,
    )
    .all() as (Omit<TrackFacts, 'rel'> & { local_path: string })[];
  return rows.map(({ local_path, ...r }) => ({ ...r, duration_sec: Math.round(r.duration_sec), rel: relative(root, local_path) }));
}

describe('catalog.import', () => {
  it('skips an undecodable file with its reason and imports the playable ones with their durations', async () => {
    const { root, core } = await musicFolder();
    const report = await core.handlers['catalog.import']({ folder: root });
    expect(report).toMatchObject({ folder: root, added: 3, updated: 0, unchanged: 0 });
    expect(report.skipped).toEqual([{ path: join(root, 'corrupt.mp3'), reason: expect.stringMatching(/not readable audio|does not decode/) }]);
    expect(tracks(core, root)).toEqual([
      { rel: join('Loose', '07 Untitled.mp3'), title: 'Untitled', artist: 'Unknown Artist', album: null, metadata_source: 'none', duration_sec: 3 },
      { rel: join('Loose', 'be my husband.flac'), title: 'Be My Husband', artist: 'Nina Simone', album: 'Pastel Blues', metadata_source: 'tags', duration_sec: 3 },
      { rel: join('Miles Davis', 'Kind of Blue', '01 - So What.mp3'), title: 'So What', artist: 'Miles Davis', album: 'Kind of Blue', metadata_source: 'folder', duration_sec: 3 },
    ]);
    expect((await core.handlers['catalog.status'](undefined)).songs).toBe(3);
  }, 60_000);

  it('reports a second import of the same folder as unchanged, and a touched file as updated', async () => {
    const { root, core } = await musicFolder();
    await core.handlers['catalog.import']({ folder: root });
    const again = await core.handlers['catalog.import']({ folder: root });
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 3 });
    expect(again.skipped).toHaveLength(1);
    const later = new Date(Date.now() + 60_000);
    await utimes(join(root, 'Loose', '07 Untitled.mp3'), later, later);
    await copyFile(toneMp3, join(root, 'Loose', '08 Another.mp3'));
    expect(await core.handlers['catalog.import']({ folder: root })).toMatchObject({ added: 1, updated: 1, unchanged: 2 });
    expect((await core.handlers['catalog.status'](undefined)).songs).toBe(4);
  }, 60_000);

  it('expands ~ to the home folder and refuses a relative path instead of using the working directory', async () => {
    const { core } = await musicFolder();
    const missing = `~/cassette-no-such-folder-${process.pid}`;
    await expect(core.dispatch('catalog.import', { folder: missing }, OWNER)).resolves.toEqual({
      ok: false,
      error: { code: 'invalid_input', message: `The folder to import ${join(homedir(), `cassette-no-such-folder-${process.pid}`)} does not exist.` },
    });
    const relativeResult = await core.dispatch('catalog.import', { folder: 'Music' }, OWNER);
    expect(relativeResult).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/not a full path/) } });
  });
});

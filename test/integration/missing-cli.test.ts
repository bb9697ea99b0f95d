// `cassette missing` as a person runs it: an Exportify CSV against a Plex library (emulated) and the catalog,
// the JSON last line, --dry-run writing nothing, a real run putting the playlist into the catalog and queueing
// what is missing (a re-sync adds only new tracks), and the unreachable fallback in both modes.
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db';
import { startPlexEmulator, type PlexEmulator } from '../emulators/plex';
import { makeTone } from '../support/audio';
import { tempDir } from '../support/testCore';

const REPO = join(__dirname, '..', '..');

let dir: string;
let cleanup: () => Promise<void>;
let plex: PlexEmulator;

function cassette(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'src', 'cli', 'cassette.ts'), ...args], {
    cwd: REPO,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, CASSETTE_DATA_DIR: join(dir, 'data'), PLEX_URL: plex.url, PLEX_TOKEN: 'plex-secret', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((r) => child.once('close', (code) => r({ code, stdout, stderr })));
}

const lastJson = (stdout: string): Report => JSON.parse(stdout.trim().split('\n').at(-1)!) as Report;

interface Report {
  total: number;
  owned: number;
  toDownload: number;
  review: number;
  library: { connector: string; source: string; mirrorAgeSeconds: number | null };
  tracks: { title: string; artists: string[]; status: string; owned: boolean; confidence: number | null; match: { title: string; artists: string[]; album: string | null; where: string } | null }[];
}

const HEADER = '"Track URI","Track Name","Artist URI(s)","Artist Name(s)","Album URI","Album Name","Album Artist URI(s)","Album Artist Name(s)","Album Release Date","Album Image URL","Disc Number","Track Number","Track Duration (ms)","Track Preview URL","Explicit","Popularity","ISRC","Added By","Added At"';
const row = (id: string, title: string, artists: string, album: string, ms: number) =>
  [`spotify:track:${id}`, title, 'spotify:artist:x', artists, 'spotify:album:y', album, 'spotify:artist:x', artists.split(/(?<!\\),/)[0] ?? artists, '2020', '', '1', '1', String(ms), '', 'false', '0', '', 'u', '2024-01-01']
    .map((f) => `"${f.replace(/"/g, '""')}"`)
    .join(',');
const id = (n: number) => `${String(n).padStart(2, '0')}aaaaaaaaaaaaaaaaaaaa`;

const ROWS = [
  row(id(1), 'Hotel California', 'Eagles', 'Hotel California', 391_000),
  row(id(2), 'Creep - Live at Glastonbury 1997', 'Radiohead', 'Live', 250_000),
  row(id(3), 'Harbour Lights', 'Nina Vale', 'Tidewater', 3_000),
  row(id(4), 'Hurt', 'Nine Inch Nails', 'The Downward Spiral', 373_000),
  row(id(5), 'Fire and Rain', 'Crosby\\, Stills & Nash, James Taylor', 'Songs', 200_000),
];

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('cassette-missing-cli-'));
  plex = await startPlexEmulator({
    token: 'plex-secret',
    sections: [{
      key: '3', title: 'Music', type: 'artist', tracks: [
        { title: 'Hotel California - 2013 Remaster', artist: 'Eagles', album: 'Hotel California (2013 Remaster)', durationSec: 391, trackNumber: 1 },
        { title: 'Creep', artist: 'Radiohead', album: 'Pablo Honey', durationSec: 238, trackNumber: 2 },
        { title: 'Hurt', artist: 'Johnny Cash', album: 'American IV', durationSec: 218, trackNumber: 2 },
      ],
    }],
  });
  await writeFile(join(dir, 'list.csv'), `${HEADER}\n${ROWS.join('\n')}\n`);
  // A file the catalog already has (imported): Music/Nina Vale/Tidewater/01 Harbour Lights.mp3.
  await makeTone(join(dir, 'Music', 'Nina Vale', 'Tidewater', '01 Harbour Lights.mp3'), { seconds: 3, format: 'mp3' });
});
afterEach(async () => {
  await plex.close();
  await cleanup();
});

function counts() {
  const db = openDatabase(join(dir, 'data', 'catalog.db'));
  try {
    return {
      tracks: (db.prepare('SELECT count(*) AS n FROM tracks').get() as { n: number }).n,
      queued: (db.prepare(`SELECT count(*) AS n FROM queue_items WHERE status = 'pending'`).get() as { n: number }).n,
      mirror: (db.prepare('SELECT count(*) AS n FROM library_mirror').get() as { n: number }).n,
      playlistTracks: (db.prepare('SELECT count(*) AS n FROM playlist_tracks').get() as { n: number }).n,
      owned: (db.prepare(`SELECT count(*) AS n FROM tracks WHERE status = 'downloaded'`).get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

describe('cassette missing', () => {
  it('--dry-run --json: verdicts in playlist order against Plex and the catalog; mirror kept, nothing else written', async () => {
    expect((await cassette(['import', join(dir, 'Music')])).code).toBe(0);
    const r = await cassette(['missing', join(dir, 'list.csv'), '--library', 'plex', '--dry-run', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = lastJson(r.stdout);
    expect(Object.keys(j)).toEqual(['total', 'owned', 'toDownload', 'review', 'library', 'tracks']);
    expect(j).toMatchObject({ total: 5, owned: 2, toDownload: 3, review: 0, library: { connector: 'plex', source: 'live', mirrorAgeSeconds: 0 } });
    expect(j.tracks.map((t) => [t.title, t.status])).toEqual([
      ['Hotel California', 'owned'],
      ['Creep - Live at Glastonbury 1997', 'download'],
      ['Harbour Lights', 'owned'],
      ['Hurt', 'download'],
      ['Fire and Rain', 'download'],
    ]);
    expect(j.tracks[0]!.match).toEqual({ title: 'Hotel California - 2013 Remaster', artists: ['Eagles'], album: 'Hotel California (2013 Remaster)', where: 'plex' });
    expect(j.tracks[2]!.match).toMatchObject({ title: 'Harbour Lights', artists: ['Nina Vale'], where: 'catalog' });
    expect(j.tracks[4]!.artists).toEqual(['Crosby, Stills & Nash', 'James Taylor']);
    for (const t of j.tracks) if (t.confidence !== null) expect(t.owned).toBe(t.confidence >= 0.8);
    expect(j.tracks[4]!.match).toBeNull();
    expect(counts()).toMatchObject({ tracks: 1, queued: 0, mirror: 3, playlistTracks: 0 });
  });

  it('a real run puts the playlist into the catalog and queues the missing; a re-sync adds only the new track', async () => {
    const first = await cassette(['missing', join(dir, 'list.csv'), '--library', 'plex', '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(lastJson(first.stdout)).toMatchObject({ owned: 1, toDownload: 4 });
    expect(counts()).toEqual({ tracks: 5, queued: 4, mirror: 3, playlistTracks: 5, owned: 1 });
    // Reconcile keeps the Plex-owned track downloaded (it has no local file).
    expect((await cassette(['reconcile'])).code).toBe(0);
    expect(counts()).toMatchObject({ owned: 1, queued: 4 });

    await writeFile(join(dir, 'list.csv'), `${HEADER}\n${[...ROWS, row(id(6), 'Teardrop', 'Massive Attack', 'Mezzanine', 330_000)].join('\n')}\n`);
    const again = await cassette(['missing', join(dir, 'list.csv'), '--library', 'plex', '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(lastJson(again.stdout)).toMatchObject({ total: 6, toDownload: 5 });
    expect(counts()).toEqual({ tracks: 6, queued: 5, mirror: 3, playlistTracks: 6, owned: 1 });
  });

  it('an unreachable server: one stderr line, then the last mirror (default) or every track (--offline all); exit 0', async () => {
    expect((await cassette(['missing', join(dir, 'list.csv'), '--library', 'plex', '--dry-run', '--json'])).code).toBe(0);
    await plex.offline();
    const mirror = await cassette(['missing', join(dir, 'list.csv'), '--library', 'plex', '--dry-run', '--json']);
    expect(mirror.code, mirror.stderr).toBe(0);
    expect(mirror.stderr.trim().split('\n')).toHaveLength(1);
    expect(mirror.stderr).toMatch(/Plex server at http:\/\/127\.0\.0\.1:\d+ is unreachable: the connection was refused\. Using the last mirror \(3 tracks/);
    expect(mirror.stderr).not.toContain('plex-secret');
    const m = lastJson(mirror.stdout);
    expect(m.library.source).toBe('mirror');
    expect(m.library.mirrorAgeSeconds).toBeGreaterThanOrEqual(0);
    expect(m.owned).toBe(1);

    const all = await cassette(['missing', join(dir, 'list.csv'), '--library', 'plex', '--dry-run', '--json', '--offline', 'all']);
    expect(all.code, all.stderr).toBe(0);
    expect(lastJson(all.stdout)).toMatchObject({ owned: 0, toDownload: 5, library: { source: 'none', mirrorAgeSeconds: null } });
  });

  it('without --library reads the library Settings chose ([library] index), else the folder', async () => {
    const folder = await cassette(['missing', join(dir, 'list.csv'), '--dry-run', '--json']);
    expect(folder.code, folder.stderr).toBe(0);
    expect(lastJson(folder.stdout).library.connector).toBe('folder');
    await mkdir(join(dir, 'data', 'config'), { recursive: true });
    await writeFile(join(dir, 'data', 'config', 'cassette.toml'), '[library]\nindex = "plex"\n');
    const r = await cassette(['missing', join(dir, 'list.csv'), '--dry-run', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(lastJson(r.stdout)).toMatchObject({ owned: 1, library: { connector: 'plex', source: 'live' } });
  });

  it('without any mirror an unreachable server means every track to download; a bad file is a usage error', async () => {
    await plex.offline();
    const r = await cassette(['missing', join(dir, 'list.csv'), '--library', 'plex', '--dry-run', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(lastJson(r.stdout)).toMatchObject({ toDownload: 5, library: { source: 'none' } });
    const bad = await cassette(['missing', join(dir, 'nothing.csv'), '--dry-run']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/No playlist file at/);
  });
});

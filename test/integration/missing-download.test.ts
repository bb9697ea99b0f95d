// Download Missing Tracks, the download half, end to end: an Exportify CSV and a Spotify playlist (the Spotify
// emulator) → core.missing.analyse → the queue fetches the missing tracks from the slskd emulator → each lands in
// the library with the matched layout (Artist/Artist - Album/NN Title.ext, or Artist/Artist - Title/Title.ext for a
// single — album vs single from the playlist's metadata), tagged from it (read back with mutagen, an independent
// reader) with cover.jpg beside it; the catalog says downloaded, and a second analysis says owned and queues nothing.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { closeTagWorker } from '../../src/main/library';
import { loadSpotifyPlaylist, readPlaylistFile, type LoadedPlaylist } from '../../src/main/playlists';
import { createSlskdSource } from '../../src/main/sources';
import { flac, mp3, peer, startSlskdEmulator, type SlskdEmulator } from '../emulators/slskd';
import { EMU_JPEGS, startSpotifyEmulator, type EmuAlbum, type SpotifyEmulator } from '../emulators/spotify';
import { matchedSpotifyWorld, SECONDS, type MatchedWorld } from '../support/matchedWorld';
import { hasMutagen, mutagenTags } from '../support/mutagenTags';
import { signIn } from '../support/spotify';
import { FakeClock, openTestCore, tempDir } from '../support/testCore';

const API_KEY = 'slskd-missing-key';
const mutagen = await hasMutagen();
const describeWithMutagen = mutagen ? describe : describe.skip; // reason: python3-mutagen not installed

let dir: string;
let libraryDir: string;
let cleanup: () => Promise<void>;
let slskd: SlskdEmulator;
let spotify: SpotifyEmulator;
let w: MatchedWorld;
let sessions: EmuAlbum;
let tidewater: EmuAlbum;
let core: Core;
let csvPath: string;
let spotifyRef: string;

const realClock = new FakeClock();
realClock.now = () => Date.now();
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Exportify's columns and quoting (every field quoted, a comma inside an artist's name written "\,"). */
function exportifyCsv(rows: Record<string, string>[]): string {
  const header = [
    'Track URI', 'Track Name', 'Artist URI(s)', 'Artist Name(s)', 'Album URI', 'Album Name', 'Album Artist URI(s)', 'Album Artist Name(s)',
    'Album Release Date', 'Album Image URL', 'Disc Number', 'Track Number', 'Track Duration (ms)', 'Track Preview URL', 'Explicit',
    'Popularity', 'ISRC', 'Added By', 'Added At',
  ];
  const q = (v: string) => `"${v.replace(/"/g, '""')}"`;
  return [header.map(q).join(','), ...rows.map((r) => header.map((h) => q(r[h] ?? '')).join(','))].join('\n') + '\n';
}

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('cassette-missing-dl-'));
  const downloadsDir = join(dir, 'slskd-downloads');
  libraryDir = join(dir, 'Library');
  await mkdir(downloadsDir);
  w = matchedSpotifyWorld();
  const ms = SECONDS * 1000;
  // A two-track single not named after its second track: only the album type says "single".
  sessions = w.world.addAlbum({
    name: 'Summer Sessions', type: 'single', artists: [w.nina], releaseDate: '2021-07-02', image: 2,
    tracks: [{ name: 'Lantern', durationMs: ms, isrc: 'GBSMS2100001' }, { name: 'Ember', durationMs: ms, isrc: 'GBSMS2100002' }],
  });
  tidewater = [...w.world.albums.values()].find((a) => a.name === 'Tidewater')!;
  const playlist = w.world.addPlaylist({ ownerId: 'alice', name: 'Evening' });
  w.world.append(playlist.id, [tidewater.trackIds[0]!, w.robotRock.trackIds[0]!, sessions.trackIds[1]!].map((id) => ({ kind: 'track' as const, id })));
  spotifyRef = `spotify:playlist:${playlist.id}`;
  spotify = await startSpotifyEmulator({ world: w.world });

  csvPath = join(dir, 'night.csv');
  const tidewaterCover = `${spotify.apiBase.replace(/\/v1$/, '')}/image/album/${tidewater.id}/640`;
  await writeFile(csvPath, exportifyCsv([
    {
      'Track URI': 'spotify:track:4csvUndertow0000000000', 'Track Name': 'Undertow', 'Artist Name(s)': 'Nina Vale, Bo\\, the Drummer',
      'Album URI': `spotify:album:${tidewater.id}`, 'Album Name': 'Tidewater', 'Album Artist Name(s)': 'Nina Vale', 'Album Release Date': '2019-04-05',
      'Album Image URL': tidewaterCover, 'Disc Number': '1', 'Track Number': '2', 'Track Duration (ms)': String(ms), ISRC: 'GBTDW1900002',
    },
    // Exportify has no album type: an album named after the track, as its first track, is a single.
    {
      'Track URI': 'spotify:track:4csvLowTide00000000000', 'Track Name': 'Low Tide', 'Artist Name(s)': 'Nina Vale', 'Album Name': 'Low Tide',
      'Album Artist Name(s)': 'Nina Vale', 'Album Release Date': '2018', 'Album Image URL': tidewaterCover, 'Disc Number': '1', 'Track Number': '1',
      'Track Duration (ms)': String(ms), ISRC: 'GBTDW1800001',
    },
  ]));

  slskd = await startSlskdEmulator({
    downloadsDir, apiKey: API_KEY, searchDelayMs: 20, tickMs: 10, requestedMs: 10, transferBytesPerSec: 5_000_000,
    peers: [
      peer('alice').file('@@music\\Nina Vale\\Tidewater\\01 - Nina Vale - Harbour Lights.flac', flac(SECONDS)).file('@@music\\Nina Vale\\Tidewater\\02 - Nina Vale - Undertow.mp3', mp3(SECONDS)),
      peer('bob').file('Music\\Nina Vale\\Nina Vale - Low Tide.mp3', mp3(SECONDS)),
      peer('carol').file('shared\\Daft Punk\\Robot Rock\\01 Daft Punk - Robot Rock.mp3', mp3(SECONDS)),
      peer('dave').file('lossless\\Nina Vale\\Summer Sessions\\02 - Nina Vale - Ember.flac', flac(SECONDS)),
    ],
  });
  core = openTestCore(dir, {
    runQueue: true,
    libraryDir,
    defaultSource: 'slskd',
    env: { SPOTIFY_CLIENT_ID: spotify.clientId, SPOTIFY_ACCOUNTS_BASE: spotify.accountsBase, SPOTIFY_API_BASE: spotify.apiBase },
    sources: {
      slskd: createSlskdSource(
        { baseUrl: slskd.url, apiKey: API_KEY, downloadsDir, stallMs: 5_000, pollMs: 20, searchTimeoutMs: 50, budget: { maxSearches: 100, windowMs: 1_000, minGapMs: 0 } },
        { http: { retries: 2, backoffLimitMs: 50 } },
      ),
    },
  }, realClock);
  await signIn(await core.spotify(), spotify, 'main', 'alice');
}, 60_000);

afterAll(async () => {
  await core?.close();
  await closeTagWorker();
  await slskd?.close();
  await spotify?.close();
  await cleanup();
});

async function libraryTree(): Promise<string[]> {
  if (!existsSync(libraryDir)) return [];
  const out: string[] = [];
  for (const e of await readdir(libraryDir, { withFileTypes: true, recursive: true })) if (e.isFile()) out.push(relative(libraryDir, join(e.parentPath, e.name)));
  return out.sort();
}

const analyse = async (p: LoadedPlaylist) => core.missing.analyse(p, { connector: await core.libraryConnector('folder') });
const spotifyPlaylist = async () => loadSpotifyPlaylist(await (await core.spotify()).api('main'), spotifyRef);
const at = (...parts: string[]) => join(libraryDir, ...parts);

describeWithMutagen('missing playlist tracks, downloaded through slskd', () => {
  it('files each with the matched layout, tagged from the playlist, with cover.jpg, and owns them afterwards', async () => {
    const csv = await analyse(await readPlaylistFile(csvPath));
    expect(csv).toMatchObject({ total: 2, owned: 0, toDownload: 2, queued: 2 });
    const sp = await analyse(await spotifyPlaylist());
    expect(sp).toMatchObject({ total: 3, owned: 0, toDownload: 3, queued: 3 });
    await core.processor.whenIdle();
    const items = core.db.prepare(`SELECT status, error_message FROM queue_items ORDER BY id`).all();
    expect(items).toEqual(Array.from({ length: 5 }, () => ({ status: 'completed', error_message: null })));
    // Each was found by its first strategy, the track name alone: one search per track, no more.
    expect(slskd.searches().map((x) => x.searchText).sort()).toEqual(['Ember', 'Harbour Lights', 'Low Tide', 'Robot Rock', 'Undertow']);

    expect(await libraryTree()).toEqual([
      'Daft Punk/Daft Punk - Robot Rock/Robot Rock.mp3',
      'Daft Punk/Daft Punk - Robot Rock/cover.jpg',
      'Nina Vale/Nina Vale - Ember/Ember.flac',
      'Nina Vale/Nina Vale - Ember/cover.jpg',
      'Nina Vale/Nina Vale - Low Tide/Low Tide.mp3',
      'Nina Vale/Nina Vale - Low Tide/cover.jpg',
      'Nina Vale/Nina Vale - Tidewater/01 Harbour Lights.flac',
      'Nina Vale/Nina Vale - Tidewater/02 Undertow.mp3',
      'Nina Vale/Nina Vale - Tidewater/cover.jpg',
    ]);
    // cover.jpg is the album's picture, the same one embedded in the files.
    expect(sha(await readFile(at('Nina Vale', 'Nina Vale - Tidewater', 'cover.jpg')))).toBe(sha(EMU_JPEGS[1]!));
    expect(sha(await readFile(at('Nina Vale', 'Nina Vale - Ember', 'cover.jpg')))).toBe(sha(EMU_JPEGS[2]!));

    // From the CSV: every credited artist (the escaped comma kept inside a name), album artist, numbers, ids, cover.
    const undertow = await mutagenTags(at('Nina Vale', 'Nina Vale - Tidewater', '02 Undertow.mp3'));
    expect(undertow.tags).toMatchObject({
      TIT2: ['Undertow'], TPE1: ['Nina Vale & Bo, the Drummer'], 'TXXX:ARTISTS': ['Nina Vale', 'Bo, the Drummer'], TPE2: ['Nina Vale'], TALB: ['Tidewater'], TRCK: ['2'], TPOS: ['1'],
      TDRC: ['2019-04-05'], TSRC: ['GBTDW1900002'], 'TXXX:SPOTIFY_TRACK_ID': ['4csvUndertow0000000000'], 'TXXX:SPOTIFY_ALBUM_ID': [tidewater.id],
    });
    expect(undertow.pictures).toEqual([{ type: 3, mime: 'image/jpeg', sha256: sha(EMU_JPEGS[1]!) }]);

    // From Spotify: the album's place and size, its date, ISRC and ids; a single keeps the single's name as album.
    const harbour = await mutagenTags(at('Nina Vale', 'Nina Vale - Tidewater', '01 Harbour Lights.flac'));
    expect(harbour.tags).toMatchObject({
      TITLE: ['Harbour Lights'], ARTIST: ['Nina Vale'], ALBUMARTIST: ['Nina Vale'], ALBUM: ['Tidewater'], TRACKNUMBER: ['1'],
      DATE: ['2019-04-05'], ISRC: ['GBTDW1900001'], SPOTIFY_TRACK_ID: [tidewater.trackIds[0]], SPOTIFY_ALBUM_ID: [tidewater.id],
    });
    const ember = await mutagenTags(at('Nina Vale', 'Nina Vale - Ember', 'Ember.flac'));
    expect(ember.tags).toMatchObject({ TITLE: ['Ember'], ALBUM: ['Summer Sessions'], TRACKNUMBER: ['2'], DATE: ['2021-07-02'], ISRC: ['GBSMS2100002'] });
    expect(ember.pictures).toEqual([{ type: 3, mime: 'image/jpeg', sha256: sha(EMU_JPEGS[2]!) }]);

    // The catalog says downloaded, at those paths.
    const tracks = core.db.prepare(`SELECT title, status, local_path FROM tracks ORDER BY title`).all() as { title: string; status: string; local_path: string }[];
    expect(tracks.map((t) => [t.title, t.status, relative(libraryDir, t.local_path)])).toEqual([
      ['Ember', 'downloaded', 'Nina Vale/Nina Vale - Ember/Ember.flac'],
      ['Harbour Lights', 'downloaded', 'Nina Vale/Nina Vale - Tidewater/01 Harbour Lights.flac'],
      ['Low Tide', 'downloaded', 'Nina Vale/Nina Vale - Low Tide/Low Tide.mp3'],
      ['Robot Rock', 'downloaded', 'Daft Punk/Daft Punk - Robot Rock/Robot Rock.mp3'],
      ['Undertow', 'downloaded', 'Nina Vale/Nina Vale - Tidewater/02 Undertow.mp3'],
    ]);

    // A second analysis of each finds everything owned and queues nothing.
    const before = (core.db.prepare('SELECT count(*) AS n FROM queue_items').get() as { n: number }).n;
    const again = [await analyse(await readPlaylistFile(csvPath)), await analyse(await spotifyPlaylist())];
    expect(again.map((r) => [r.total, r.owned, r.toDownload, r.review, r.queued])).toEqual([[2, 2, 0, 0, 0], [3, 3, 0, 0, 0]]);
    expect((core.db.prepare('SELECT count(*) AS n FROM queue_items').get() as { n: number }).n).toBe(before);
    expect((core.db.prepare('SELECT count(*) AS n FROM tracks').get() as { n: number }).n).toBe(5);
  }, 120_000);
});

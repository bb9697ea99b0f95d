// The ID3v2.3 option of writeTags on real MP3s (generated with ffmpeg), checked with mutagen reading the frames as
// they are in the file (no translation to v2.4), with the audio frames' MD5 before and after, and with the app's
// own reader (readTags), which must read a v2.3 file Cassette wrote exactly like the v2.4 one.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTagWorker, readTags, writeTags, type TrackTags } from '../../src/main/library';
import { FolderConnector, type MirrorEntry } from '../../src/main/providers';
import { makeTone } from '../support/audio';
import { frameTexts, mutagenId3Frames, writeMutagenV24Extras } from '../support/mutagenId3';
import { audioStreamMd5, hasMutagen } from '../support/mutagenTags';
import { openTestCore } from '../support/testCore';

const mutagen = await hasMutagen();
const describeWithMutagen = mutagen ? describe : describe.skip; // reason: python3-mutagen not installed

/** Frames ID3v2.3 does not have (ID3v2.4 section 4, "new frames"). */
const V24_ONLY = ['ASPI', 'EQU2', 'RVA2', 'SEEK', 'SIGN', 'TDEN', 'TDOR', 'TDRC', 'TDRL', 'TDTG', 'TIPL', 'TMCL', 'TMOO', 'TPRO', 'TSOA', 'TSOP', 'TSOT', 'TSST'];

let dir: string;
let cover: Buffer;
const f = (name: string): string => join(dir, name);
const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

function fullTags(overrides: Partial<TrackTags> = {}): TrackTags {
  return {
    title: 'Back in Black',
    artists: ['AC/DC', 'Brian Johnson'],
    artistCredit: 'AC/DC feat. Brian Johnson',
    albumArtist: 'AC/DC',
    album: 'Back in Black',
    trackNumber: 6,
    trackTotal: 10,
    discNumber: 1,
    discTotal: 2,
    date: '1980-07-25',
    genre: 'Hard Rock',
    isrc: 'AUAP08000046',
    remixer: 'Mutt Lange',
    label: 'Albert Productions',
    copyright: '℗ 1980 Leidseplein Presse B.V.',
    cover: { data: cover, mime: 'image/jpeg' },
    externalIds: { qobuz: '59954998', spotify: '08mG3Y1vljYA6bvDt4Wqkj' },
    ...overrides,
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cassette-id3v23-'));
  await makeTone(f('src.mp3'), { seconds: 3, format: 'mp3' });
  // A real JPEG for APIC, made by ffmpeg like the audio.
  const { execFile } = await import('node:child_process');
  await new Promise<void>((resolve, reject) =>
    execFile('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=red:s=16x16', '-frames:v', '1', f('cover.jpg')], (e) => (e ? reject(e) : resolve())),
  );
  cover = await readFile(f('cover.jpg'));
});

afterAll(async () => {
  await closeTagWorker();
  await rm(dir, { recursive: true, force: true });
});

describeWithMutagen('writeTags with id3Version', () => {
  it('2.4 (the default): TDRC and null-separated multiple values, as before', async () => {
    await copyFile(f('src.mp3'), f('v24.mp3'));
    await writeTags(f('v24.mp3'), fullTags());
    const read = await mutagenId3Frames(f('v24.mp3'));
    expect(read.version).toEqual([2, 4, 0]);
    expect(frameTexts(read)).toMatchObject({ TDRC: ['1980-07-25'], 'TXXX:ARTISTS': ['AC/DC', 'Brian Johnson'] });
    expect(frameTexts(read).TYER).toBeUndefined();
  });

  it('2.3: only ID3v2.3 frames, one value each, the date as TYER + TDAT, the ids in TXXX and the cover in APIC', async () => {
    await copyFile(f('src.mp3'), f('v23.mp3'));
    const before = await audioStreamMd5(f('v23.mp3'));
    await writeTags(f('v23.mp3'), fullTags(), { id3Version: '2.3' });

    const header = (await readFile(f('v23.mp3'))).subarray(0, 5);
    expect([...header]).toEqual([0x49, 0x44, 0x33, 3, 0]); // "ID3", major 3, revision 0
    const read = await mutagenId3Frames(f('v23.mp3'));
    expect(read.version).toEqual([2, 3, 0]);
    expect(frameTexts(read)).toEqual({
      TIT2: ['Back in Black'],
      TPE1: ['AC/DC feat. Brian Johnson'],
      'TXXX:ARTISTS': ['AC/DC/Brian Johnson'],
      TPE2: ['AC/DC'],
      TALB: ['Back in Black'],
      TRCK: ['6/10'],
      TPOS: ['1/2'],
      TYER: ['1980'],
      TDAT: ['2507'],
      TCON: ['Hard Rock'],
      TSRC: ['AUAP08000046'],
      TPE4: ['Mutt Lange'],
      TPUB: ['Albert Productions'],
      TCOP: ['℗ 1980 Leidseplein Presse B.V.'],
      'TXXX:QOBUZ_TRACK_ID': ['59954998'],
      'TXXX:SPOTIFY_TRACK_ID': ['08mG3Y1vljYA6bvDt4Wqkj'],
      APIC: [],
    });
    expect(read.frames.filter((x) => V24_ONLY.includes(x.id))).toEqual([]);
    // v2.3 knows Latin-1 (0) and UTF-16 with a BOM (1) only.
    expect(new Set(read.frames.map((x) => x.encoding))).toEqual(new Set([1]));
    expect(read.pictures).toEqual([{ type: 3, mime: 'image/jpeg', sha256: sha256(cover) }]);
    expect(await audioStreamMd5(f('v23.mp3'))).toBe(before);
  });

  it('2.3 with a year only: TYER and no TDAT', async () => {
    await copyFile(f('src.mp3'), f('year.mp3'));
    await writeTags(f('year.mp3'), fullTags({ date: '1980', cover: undefined }), { id3Version: '2.3' });
    const frames = frameTexts(await mutagenId3Frames(f('year.mp3')));
    expect(frames.TYER).toEqual(['1980']);
    expect(frames.TDAT).toBeUndefined();
    expect(frames.TDRC).toBeUndefined();
  });

  it('2.3 genres are text as the spec has it: a "(" inside stays single, a leading one is escaped as "(("', async () => {
    for (const [genre, stored] of [['Rock (Live)', 'Rock (Live)'], ['(Dance) Pop', '((Dance) Pop'], ['Hip-Hop/Rap', 'Hip-Hop/Rap']]) {
      await copyFile(f('src.mp3'), f('genre.mp3'));
      await writeTags(f('genre.mp3'), fullTags({ genre, cover: undefined }), { id3Version: '2.3' });
      expect(frameTexts(await mutagenId3Frames(f('genre.mp3'))).TCON).toEqual([stored]);
    }
  });

  it('readTags reads the v2.3 file exactly like the v2.4 one ("AC/DC" still one artist, the full date)', async () => {
    await copyFile(f('src.mp3'), f('read24.mp3'));
    await copyFile(f('src.mp3'), f('read23.mp3'));
    await writeTags(f('read24.mp3'), fullTags());
    await writeTags(f('read23.mp3'), fullTags(), { id3Version: '2.3' });
    const v24 = await readTags(f('read24.mp3'));
    const v23 = await readTags(f('read23.mp3'));
    expect(v23).toEqual(v24);
    expect(v23).toMatchObject({ artists: ['AC/DC', 'Brian Johnson'], artistCredit: 'AC/DC feat. Brian Johnson', date: '1980-07-25' });
    expect(v23.cover?.data.equals(cover)).toBe(true);
    const acdc = fullTags({ artists: ['AC/DC'], artistCredit: undefined, cover: undefined });
    await writeTags(f('read23.mp3'), acdc, { id3Version: '2.3' });
    expect(await readTags(f('read23.mp3'))).toMatchObject({ artists: ['AC/DC'], artistCredit: 'AC/DC' });
  });

  it('re-tags a v2.4 file as v2.3 (the setting changed) without leaving a v2.4 frame', async () => {
    await copyFile(f('src.mp3'), f('switch.mp3'));
    const before = await audioStreamMd5(f('switch.mp3'));
    await writeTags(f('switch.mp3'), fullTags());
    await writeTags(f('switch.mp3'), fullTags(), { id3Version: '2.3' });
    const read = await mutagenId3Frames(f('switch.mp3'));
    expect(read.version).toEqual([2, 3, 0]);
    expect(read.frames.filter((x) => V24_ONLY.includes(x.id))).toEqual([]);
    expect(await audioStreamMd5(f('switch.mp3'))).toBe(before);
  });

  it('merging into a file with v2.4-only frames converts them: TDRC → TYER/TDAT/TIME, TDOR → TORY, TIPL + TMCL → IPLS', async () => {
    await copyFile(f('src.mp3'), f('extras.mp3'));
    await writeMutagenV24Extras(f('extras.mp3'));
    const before = await audioStreamMd5(f('extras.mp3'));
    await writeTags(f('extras.mp3'), { title: 'Hells Bells', artists: ['AC/DC'] }, { mode: 'merge', id3Version: '2.3' });
    const read = await mutagenId3Frames(f('extras.mp3'));
    expect(read.version).toEqual([2, 3, 0]);
    expect(frameTexts(read)).toEqual({
      TIT2: ['Hells Bells'],
      TPE1: ['AC/DC'],
      'TXXX:ARTISTS': ['AC/DC'],
      'TXXX:MOODS': ['loud/fast'],
      TYER: ['1979'],
      TDAT: ['3011'],
      TIME: ['2105'],
      TORY: ['1975'],
      IPLS: ['producer', 'Robert John "Mutt" Lange', 'engineer', 'Tony Platt', 'guitar', 'Angus Young'],
    });
    expect(await audioStreamMd5(f('extras.mp3'))).toBe(before);

    // Merged again as v2.3, the IPLS it now has is kept whole.
    await writeTags(f('extras.mp3'), { title: 'Hells Bells', artists: ['AC/DC'] }, { mode: 'merge', id3Version: '2.3' });
    expect(frameTexts(await mutagenId3Frames(f('extras.mp3'))).IPLS).toEqual(
      ['producer', 'Robert John "Mutt" Lange', 'engineer', 'Tony Platt', 'guitar', 'Angus Young'],
    );
  });

  it('merging into a v2.3 file as v2.4 makes one TDRC from TYER + TDAT (day first)', async () => {
    await copyFile(f('src.mp3'), f('up.mp3'));
    await writeTags(f('up.mp3'), fullTags({ cover: undefined }), { id3Version: '2.3' });
    await writeTags(f('up.mp3'), { title: 'Shoot to Thrill', artists: ['AC/DC'] }, { mode: 'merge' });
    const read = await mutagenId3Frames(f('up.mp3'));
    expect(read.version).toEqual([2, 4, 0]);
    const frames = frameTexts(read);
    expect(frames).toMatchObject({ TIT2: ['Shoot to Thrill'], TDRC: ['1980-07-25'], TALB: ['Back in Black'] });
    expect(frames.TYER).toBeUndefined();
    expect(frames.TDAT).toBeUndefined();
  });

  it('the folder import and the library folder scan read the v2.3 file like the v2.4 one', async () => {
    const root = f('import');
    for (const v of ['2.4', '2.3'] as const) {
      await mkdir(join(root, v), { recursive: true });
      await copyFile(f('src.mp3'), join(root, v, 'Back in Black.mp3'));
      await writeTags(join(root, v, 'Back in Black.mp3'), fullTags({ album: `Back in Black ${v}` }), { id3Version: v });
    }
    const core = openTestCore(f('import-data'), { env: {} });
    try {
      await core.handlers['catalog.import']({ folder: root });
      const rows = core.db
        .prepare(`SELECT ar.name AS artist, al.title AS album, al.release_date AS date FROM tracks t
          JOIN artists ar ON ar.id = t.artist_id JOIN albums al ON al.id = t.album_id ORDER BY al.title`)
        .all();
      expect(rows).toEqual([
        { artist: 'AC/DC feat. Brian Johnson', album: 'Back in Black 2.3', date: '1980-07-25' },
        { artist: 'AC/DC feat. Brian Johnson', album: 'Back in Black 2.4', date: '1980-07-25' },
      ]);
    } finally {
      await core.close();
    }
    const entries: MirrorEntry[] = [];
    for await (const page of new FolderConnector(root).list({ known: () => undefined })) entries.push(...page);
    const scanned = entries
      .flatMap((e) => ('artists' in e ? [{ album: e.album, artists: e.artists }] : []))
      .sort((a, b) => String(a.album).localeCompare(String(b.album)));
    expect(scanned).toEqual([
      { album: 'Back in Black 2.3', artists: ['AC/DC', 'Brian Johnson'] },
      { album: 'Back in Black 2.4', artists: ['AC/DC', 'Brian Johnson'] },
    ]);
  });
});

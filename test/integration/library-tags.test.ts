// writeTags on real MP3/FLAC files, checked with independent readers (mutagen's mid3v2 / mutagen-inspect,
// ffprobe) and with an audio-stream MD5 proving tagging leaves the audio bytes alone.
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTagWorker, readTags, TagWriteError, writeTags, type TrackTags } from '../../src/main/library';
import { makeTone } from '../support/audio';

const run = promisify(execFile);

async function hasCommand(cmd: string, args: string[]): Promise<boolean> {
  return run(cmd, args).then(() => true, () => false);
}
const mutagenAvailable = await hasCommand('mid3v2', ['--version']);
const skipWithoutMutagen = mutagenAvailable ? it : it.skip; // reason: python3-mutagen (mid3v2) not installed

let dir: string;
let cover: Buffer;
const f = (name: string): string => join(dir, name);

async function audioMd5(path: string): Promise<string> {
  const { stdout } = await run('ffmpeg', ['-v', 'error', '-i', path, '-map', '0:a', '-c', 'copy', '-f', 'md5', '-']);
  return stdout.trim();
}

async function mid3v2Raw(path: string): Promise<string> {
  return (await run('mid3v2', ['--list-raw', path])).stdout;
}

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
    label: 'Albert Productions',
    copyright: '℗ 1980 Leidseplein Presse B.V.',
    cover: { data: cover, mime: 'image/jpeg' },
    externalIds: { qobuz: '59954998', QOBUZ_ALBUM_ID: '0886443927087', spotify: '08mG3Y1vljYA6bvDt4Wqkj' },
    ...overrides,
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cassette-tags-'));
  await Promise.all([
    makeTone(f('src.mp3'), { seconds: 3, format: 'mp3' }),
    makeTone(f('src.flac'), { seconds: 3, format: 'flac' }),
    run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=red:s=16x16', '-frames:v', '1', f('cover.jpg')]),
  ]);
  cover = await readFile(f('cover.jpg'));
  // A download that arrives with somebody else's tags.
  await run('ffmpeg', ['-v', 'error', '-y', '-i', f('src.mp3'), '-c', 'copy', '-id3v2_version', '3', '-write_id3v1', '1',
    '-metadata', 'title=Wrong Title', '-metadata', 'comment=ripped by someone', f('pretagged.mp3')]);
});

afterAll(async () => {
  await closeTagWorker();
  await rm(dir, { recursive: true, force: true });
});

describe('writeTags on MP3', () => {
  skipWithoutMutagen('writes ID3v2.4 frames that mutagen reads back exactly, multi-artist intact', async () => {
    await copyFile(f('src.mp3'), f('a.mp3'));
    await writeTags(f('a.mp3'), fullTags());

    const header = (await readFile(f('a.mp3'))).subarray(0, 4);
    expect(header.subarray(0, 3).toString('latin1')).toBe('ID3');
    expect(header[3]).toBe(4); // major version 4

    const raw = await mid3v2Raw(f('a.mp3'));
    expect(raw).toContain("TIT2(encoding=<Encoding.UTF8: 3>, text=['Back in Black'])");
    expect(raw).toContain("TPE1(encoding=<Encoding.UTF8: 3>, text=['AC/DC feat. Brian Johnson'])");
    expect(raw).toContain("desc='ARTISTS', text=['AC/DC', 'Brian Johnson'])");
    expect(raw).toContain("TPE2(encoding=<Encoding.UTF8: 3>, text=['AC/DC'])");
    expect(raw).toContain("TRCK(encoding=<Encoding.UTF8: 3>, text=['6/10'])");
    expect(raw).toContain("TPOS(encoding=<Encoding.UTF8: 3>, text=['1/2'])");
    expect(raw).toContain("TDRC(encoding=<Encoding.UTF8: 3>, text=['1980-07-25'])");
    expect(raw).toContain("TCON(encoding=<Encoding.UTF8: 3>, text=['Hard Rock'])");
    expect(raw).toContain("TSRC(encoding=<Encoding.UTF8: 3>, text=['AUAP08000046'])");
    expect(raw).toContain("TPUB(encoding=<Encoding.UTF8: 3>, text=['Albert Productions'])");
    expect(raw).toContain("TCOP(encoding=<Encoding.UTF8: 3>, text=['℗ 1980 Leidseplein Presse B.V.'])");
    expect(raw).toContain("desc='QOBUZ_TRACK_ID', text=['59954998']");
    expect(raw).toContain("desc='QOBUZ_ALBUM_ID', text=['0886443927087']");
    expect(raw).toContain("desc='SPOTIFY_TRACK_ID', text=['08mG3Y1vljYA6bvDt4Wqkj']");
    expect(raw).toMatch(/APIC\(encoding=[^,]*, mime='image\/jpeg', type=<PictureType\.COVER_FRONT: 3>/);
  });

  skipWithoutMutagen('keeps "AC/DC" as one artist', async () => {
    await copyFile(f('src.mp3'), f('acdc.mp3'));
    await writeTags(f('acdc.mp3'), { title: 'Thunderstruck', artists: ['AC/DC'] });
    const raw = await mid3v2Raw(f('acdc.mp3'));
    expect(raw).toContain("TPE1(encoding=<Encoding.UTF8: 3>, text=['AC/DC'])");
    expect(raw).toContain("desc='ARTISTS', text=['AC/DC'])");
    expect((await readTags(f('acdc.mp3'))).artists).toEqual(['AC/DC']);
  });

  it('does not change the audio bytes', async () => {
    await copyFile(f('src.mp3'), f('md5.mp3'));
    const before = await audioMd5(f('md5.mp3'));
    await writeTags(f('md5.mp3'), fullTags());
    expect(await audioMd5(f('md5.mp3'))).toBe(before);
  });

  skipWithoutMutagen('replaces a download\'s foreign tags, including ID3v1', async () => {
    await copyFile(f('pretagged.mp3'), f('foreign.mp3'));
    const before = await audioMd5(f('foreign.mp3'));
    await writeTags(f('foreign.mp3'), { title: 'Right Title', artists: ['Right Artist'] });
    const raw = await mid3v2Raw(f('foreign.mp3'));
    expect(raw).not.toContain('Wrong Title');
    expect(raw).not.toContain('ripped by someone');
    const data = await readFile(f('foreign.mp3'));
    expect(data.subarray(data.length - 128, data.length - 125).toString('latin1')).not.toBe('TAG');
    expect(data[3]).toBe(4);
    expect(await audioMd5(f('foreign.mp3'))).toBe(before);
  });

  it('merge mode keeps fields it was not given', async () => {
    await copyFile(f('src.mp3'), f('merge.mp3'));
    await writeTags(f('merge.mp3'), fullTags());
    await writeTags(f('merge.mp3'), { title: 'Hells Bells', artists: ['AC/DC'] }, { mode: 'merge' });
    const read = await readTags(f('merge.mp3'));
    expect(read).toMatchObject({ title: 'Hells Bells', artists: ['AC/DC'], album: 'Back in Black', isrc: 'AUAP08000046' });
  });

  it('round-trips through readTags (music-metadata)', async () => {
    await copyFile(f('src.mp3'), f('round.mp3'));
    await writeTags(f('round.mp3'), fullTags());
    const read = await readTags(f('round.mp3'));
    expect(read).toMatchObject({
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
      label: 'Albert Productions',
      externalIds: { QOBUZ_TRACK_ID: '59954998', QOBUZ_ALBUM_ID: '0886443927087', SPOTIFY_TRACK_ID: '08mG3Y1vljYA6bvDt4Wqkj' },
    });
    expect(read.cover?.mime).toBe('image/jpeg');
    expect(read.cover?.data.equals(cover)).toBe(true);
  });
});

describe('writeTags on FLAC', () => {
  skipWithoutMutagen('writes Vorbis comments that mutagen reads, with repeated ARTISTS', async () => {
    await copyFile(f('src.flac'), f('a.flac'));
    await writeTags(f('a.flac'), fullTags());
    const { stdout } = await run('mutagen-inspect', [f('a.flac')]);
    const lines = stdout.split('\n');
    for (const line of [
      'TITLE=Back in Black',
      'ARTIST=AC/DC feat. Brian Johnson',
      'ARTISTS=AC/DC',
      'ARTISTS=Brian Johnson',
      'ALBUMARTIST=AC/DC',
      'TRACKNUMBER=6',
      'TRACKTOTAL=10',
      'DISCNUMBER=1',
      'DISCTOTAL=2',
      'DATE=1980-07-25',
      'ISRC=AUAP08000046',
      'LABEL=Albert Productions',
      'QOBUZ_TRACK_ID=59954998',
      'SPOTIFY_TRACK_ID=08mG3Y1vljYA6bvDt4Wqkj',
    ]) {
      expect(lines).toContain(line);
    }
    // The cover is a FLAC PICTURE block, not a base64 comment.
    expect(stdout).not.toContain('METADATA_BLOCK_PICTURE');
  });

  it('stores the cover as a front-cover PICTURE block (ffprobe sees an attached picture)', async () => {
    await copyFile(f('src.flac'), f('cover.flac'));
    await writeTags(f('cover.flac'), fullTags());
    const { stdout } = await run('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_streams', f('cover.flac')]);
    const streams = (JSON.parse(stdout) as { streams: Array<{ codec_type: string; disposition?: { attached_pic?: number }; tags?: { comment?: string } }> }).streams;
    const pic = streams.find((s) => s.codec_type === 'video');
    expect(pic?.disposition?.attached_pic).toBe(1);
    expect(pic?.tags?.comment).toBe('Cover (front)');
  });

  it('does not change the audio bytes', async () => {
    await copyFile(f('src.flac'), f('md5.flac'));
    const before = await audioMd5(f('md5.flac'));
    await writeTags(f('md5.flac'), fullTags());
    expect(await audioMd5(f('md5.flac'))).toBe(before);
  });
});

describe('writeTags safety', () => {
  it('leaves the original untouched and no temp file behind when the file cannot be tagged', async () => {
    const html = '<!DOCTYPE html><html><body>Access denied</body></html>';
    await writeFile(f('page.mp3'), html);
    await expect(writeTags(f('page.mp3'), fullTags())).rejects.toBeInstanceOf(TagWriteError);
    expect(await readFile(f('page.mp3'), 'utf8')).toBe(html);
    expect((await readdir(dir)).filter((n) => n.includes('.tagging'))).toEqual([]);
  });

  it('refuses a format it cannot tag without touching the file', async () => {
    await writeFile(f('x.wav'), 'RIFF');
    await expect(writeTags(f('x.wav'), fullTags())).rejects.toThrow(/Cannot write tags to \.wav/);
    expect(await readFile(f('x.wav'), 'utf8')).toBe('RIFF');
  });

  it('handles several files at once through the one worker', async () => {
    const names = ['p1.mp3', 'p2.flac', 'p3.mp3'];
    await Promise.all(names.map((n) => copyFile(f(n.endsWith('flac') ? 'src.flac' : 'src.mp3'), f(n))));
    await Promise.all(names.map((n, i) => writeTags(f(n), fullTags({ title: `Song ${i}` }))));
    const titles = await Promise.all(names.map(async (n) => (await readTags(f(n))).title));
    expect(titles).toEqual(['Song 0', 'Song 1', 'Song 2']);
  });

  it('works from a plain `node --import tsx` process, not only under vitest', async () => {
    await copyFile(f('src.mp3'), f('tsx.mp3'));
    const entry = resolve('src/main/library/index.ts');
    const script = join(dir, 'tag-with-tsx.mts');
    await writeFile(
      script,
      `import { writeTags, readTags } from ${JSON.stringify(entry)};\n` +
        `await writeTags(${JSON.stringify(f('tsx.mp3'))}, { title: 'From tsx', artists: ['AC/DC'] });\n` +
        `console.log(JSON.stringify(await readTags(${JSON.stringify(f('tsx.mp3'))})));\n`,
    );
    const { stdout } = await run(process.execPath, ['--import', 'tsx', script], { cwd: process.cwd(), timeout: 30_000 });
    expect(JSON.parse(stdout)).toMatchObject({ title: 'From tsx', artists: ['AC/DC'] });
  });
});

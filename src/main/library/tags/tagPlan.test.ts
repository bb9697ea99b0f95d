import { describe, expect, it } from 'vitest';
import { externalIdTagName, formatArtistCredit, id3v23DateFrames, planTagWrite, tagFormatForExt } from './tagPlan';
import type { TrackTags } from './trackTags';

function tags(overrides: Partial<TrackTags> = {}): TrackTags {
  return {
    title: 'Get Lucky',
    artists: ['Daft Punk', 'Pharrell Williams', 'Nile Rodgers'],
    artistCredit: 'Daft Punk feat. Pharrell Williams & Nile Rodgers',
    albumArtist: 'Daft Punk',
    album: 'Random Access Memories',
    trackNumber: 8,
    trackTotal: 13,
    discNumber: 1,
    discTotal: 1,
    date: '2013-05-17',
    genre: 'Disco',
    isrc: 'usqx91300108',
    label: 'Columbia',
    copyright: '℗ 2013 Daft Life',
    externalIds: { QOBUZ_TRACK_ID: '123', QOBUZ_ALBUM_ID: 'abc', spotify: '69kOkLUCkxIZYexIgSG8rq' },
    ...overrides,
  };
}

const asMap = (fields: { key: string; values: string[] }[]): Record<string, string[]> =>
  Object.fromEntries(fields.map((f) => [f.key, f.values]));

describe('planTagWrite', () => {
  it('maps MP3 to ID3v2.4 frames with Picard conventions', () => {
    const plan = planTagWrite('mp3', tags());
    expect(plan).toMatchObject({ format: 'id3v2', mimeType: 'taglib/mp3', id3v2Version: 4, mode: 'replace' });
    expect(asMap(plan.fields)).toEqual({
      TIT2: ['Get Lucky'],
      TPE1: ['Daft Punk feat. Pharrell Williams & Nile Rodgers'],
      'TXXX:ARTISTS': ['Daft Punk', 'Pharrell Williams', 'Nile Rodgers'],
      TPE2: ['Daft Punk'],
      TALB: ['Random Access Memories'],
      TRCK: ['8/13'],
      TPOS: ['1/1'],
      TDRC: ['2013-05-17'],
      TCON: ['Disco'],
      TSRC: ['USQX91300108'],
      TPUB: ['Columbia'],
      TCOP: ['℗ 2013 Daft Life'],
      'TXXX:QOBUZ_TRACK_ID': ['123'],
      'TXXX:QOBUZ_ALBUM_ID': ['abc'],
      'TXXX:SPOTIFY_TRACK_ID': ['69kOkLUCkxIZYexIgSG8rq'],
    });
  });

  it('writes the remixer to TPE4 / REMIXER / the iTunes REMIXER atom', () => {
    const credit = { remixer: 'Artist A' };
    expect(asMap(planTagWrite('mp3', tags(credit)).fields).TPE4).toEqual(['Artist A']);
    expect(asMap(planTagWrite('flac', tags(credit)).fields).REMIXER).toEqual(['Artist A']);
    expect(asMap(planTagWrite('ogg', tags(credit)).fields).REMIXER).toEqual(['Artist A']);
    expect(asMap(planTagWrite('m4a', tags(credit)).fields)['----:com.apple.iTunes:REMIXER']).toEqual(['Artist A']);
    expect(asMap(planTagWrite('mp3', tags()).fields).TPE4).toBeUndefined();
  });

  it('maps FLAC to Vorbis comments with separate totals', () => {
    const plan = planTagWrite('flac', tags());
    const map = asMap(plan.fields);
    expect(plan.format).toBe('flac');
    expect(map).toMatchObject({
      TITLE: ['Get Lucky'],
      ARTIST: ['Daft Punk feat. Pharrell Williams & Nile Rodgers'],
      ARTISTS: ['Daft Punk', 'Pharrell Williams', 'Nile Rodgers'],
      ALBUMARTIST: ['Daft Punk'],
      TRACKNUMBER: ['8'],
      TRACKTOTAL: ['13'],
      DISCNUMBER: ['1'],
      DISCTOTAL: ['1'],
      DATE: ['2013-05-17'],
      LABEL: ['Columbia'],
      SPOTIFY_TRACK_ID: ['69kOkLUCkxIZYexIgSG8rq'],
    });
  });

  it('uses Vorbis comments for Ogg and Opus, atoms for M4A', () => {
    expect(planTagWrite('opus', tags()).format).toBe('ogg');
    const m4a = asMap(planTagWrite('m4a', tags()).fields);
    expect(m4a['©nam']).toEqual(['Get Lucky']);
    expect(m4a.trkn).toEqual(['8/13']);
    expect(m4a['----:com.apple.iTunes:ARTISTS']).toEqual(['Daft Punk', 'Pharrell Williams', 'Nile Rodgers']);
  });

  it('builds the display credit from the artists when none is given', () => {
    const map = asMap(planTagWrite('mp3', tags({ artistCredit: undefined })).fields);
    expect(map.TPE1).toEqual(['Daft Punk, Pharrell Williams & Nile Rodgers']);
  });

  it('keeps "AC/DC" as one artist', () => {
    const map = asMap(planTagWrite('mp3', tags({ artists: ['AC/DC'], artistCredit: undefined })).fields);
    expect(map.TPE1).toEqual(['AC/DC']);
    expect(map['TXXX:ARTISTS']).toEqual(['AC/DC']);
  });

  it('leaves out empty fields and writes numbers without totals', () => {
    const plan = planTagWrite('mp3', {
      title: 'Solo',
      artists: ['  ', 'Someone'],
      trackNumber: 3,
      genre: '   ',
      discNumber: 0,
      externalIds: { '': 'x', qobuz: ' ' },
    });
    expect(asMap(plan.fields)).toEqual({ TIT2: ['Solo'], TPE1: ['Someone'], 'TXXX:ARTISTS': ['Someone'], TRCK: ['3'] });
  });

  it('carries the cover and the options', () => {
    const cover = { data: Buffer.from([0xff, 0xd8, 0xff]), mime: 'image/jpeg' };
    const plan = planTagWrite('mp3', tags({ cover }), { mode: 'merge' });
    expect(plan.picture?.mime).toBe('image/jpeg');
    expect([...(plan.picture?.data ?? [])]).toEqual([0xff, 0xd8, 0xff]);
    expect(plan.mode).toBe('merge');
  });

  it('refuses formats it cannot tag', () => {
    expect(() => planTagWrite('wav', tags())).toThrow(/Cannot write tags to \.wav/);
    expect(tagFormatForExt('.FLAC')?.format).toBe('flac');
  });
});

describe('planTagWrite with id3Version 2.3', () => {
  it('maps MP3 to ID3v2.3 frames: TYER + TDAT for the date, the artists joined with "/", the ids as TXXX', () => {
    const plan = planTagWrite('mp3', tags(), { id3Version: '2.3' });
    expect(plan).toMatchObject({ format: 'id3v2', id3v2Version: 3, mode: 'replace' });
    expect(asMap(plan.fields)).toEqual({
      TIT2: ['Get Lucky'],
      TPE1: ['Daft Punk feat. Pharrell Williams & Nile Rodgers'],
      'TXXX:ARTISTS': ['Daft Punk/Pharrell Williams/Nile Rodgers'],
      TPE2: ['Daft Punk'],
      TALB: ['Random Access Memories'],
      TRCK: ['8/13'],
      TPOS: ['1/1'],
      TYER: ['2013'],
      TDAT: ['1705'],
      TCON: ['Disco'],
      TSRC: ['USQX91300108'],
      TPUB: ['Columbia'],
      TCOP: ['℗ 2013 Daft Life'],
      'TXXX:QOBUZ_TRACK_ID': ['123'],
      'TXXX:QOBUZ_ALBUM_ID': ['abc'],
      'TXXX:SPOTIFY_TRACK_ID': ['69kOkLUCkxIZYexIgSG8rq'],
    });
    expect(plan.fields.every((f) => f.values.length === 1)).toBe(true);
  });

  it('is the default 2.4 when not asked, and changes nothing for the other formats', () => {
    expect(planTagWrite('mp3', tags(), { id3Version: '2.4' })).toEqual(planTagWrite('mp3', tags()));
    for (const ext of ['flac', 'ogg', 'm4a']) {
      expect(planTagWrite(ext, tags(), { id3Version: '2.3' })).toEqual(planTagWrite(ext, tags()));
    }
  });

  it('keeps the cover', () => {
    const cover = { data: Buffer.from([0xff, 0xd8, 0xff]), mime: 'image/jpeg' };
    expect(planTagWrite('mp3', tags({ cover }), { id3Version: '2.3' }).picture?.mime).toBe('image/jpeg');
  });
});

describe('id3v23DateFrames', () => {
  it.each([
    ['2013-05-17', { TYER: ['2013'], TDAT: ['1705'] }],
    ['1980-12-01', { TYER: ['1980'], TDAT: ['0112'] }],
    ['2013', { TYER: ['2013'] }],
    ['2013-05', { TYER: ['2013'] }],
    ['2013-13-40', { TYER: ['2013'] }],
    [' 2013-05-17 ', { TYER: ['2013'], TDAT: ['1705'] }],
    ['May 2013', {}],
  ])('%j → %j', (date, frames) => {
    expect(asMap(id3v23DateFrames(date))).toEqual(frames);
  });
});

describe('externalIdTagName', () => {
  it.each([
    ['qobuz', 'QOBUZ_TRACK_ID'],
    ['spotify', 'SPOTIFY_TRACK_ID'],
    ['QOBUZ_ALBUM_ID', 'QOBUZ_ALBUM_ID'],
    ['spotify album id', 'SPOTIFY_ALBUM_ID'],
    ['  ', ''],
  ])('%j → %j', (key, name) => {
    expect(externalIdTagName(key)).toBe(name);
  });
});

describe('formatArtistCredit', () => {
  it.each([
    [[], ''],
    [['A'], 'A'],
    [['A', 'B'], 'A & B'],
    [['A', 'B', 'C'], 'A, B & C'],
  ])('%j → %j', (artists, credit) => {
    expect(formatArtistCredit(artists)).toBe(credit);
  });
});

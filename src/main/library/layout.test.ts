import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isVariousArtists,
  organisedLayout,
  planMatchedTrackPath,
  planQobuzTrackPath,
  planShardedPath,
  shardedLayout,
  titleWithVersion,
  trackNumberPrefix,
  type QobuzTrackLayoutInput,
} from './layout';

const root = resolve('/music/Library');
const under = (r: string, ...parts: string[]): string => join(r, ...parts);

function qobuzTrack(overrides: Partial<QobuzTrackLayoutInput> = {}): QobuzTrackLayoutInput {
  return {
    albumArtist: 'Daft Punk',
    albumTitle: 'Discovery',
    discNumber: 1,
    discCount: 1,
    trackNumber: 3,
    title: 'Digital Love',
    trackArtist: 'Daft Punk',
    isCompilation: false,
    ext: 'mp3',
    ...overrides,
  };
}

describe('titleWithVersion', () => {
  it.each([
    ['Song', undefined, 'Song'],
    ['Song', null, 'Song'],
    ['Song', '', 'Song'],
    ['Song', '  ', 'Song'],
    ['Song', 'Remastered 2011', 'Song (Remastered 2011)'],
    ['Song (Remastered 2011)', 'Remastered 2011', 'Song (Remastered 2011)'],
    ['Song - REMASTERED 2011', 'remastered 2011', 'Song - REMASTERED 2011'],
    ['  Song ', ' Live ', 'Song (Live)'],
  ])('%j + %j → %j', (title, version, expected) => {
    expect(titleWithVersion(title, version)).toBe(expected);
  });
});

describe('isVariousArtists', () => {
  it.each([
    'Various Artists', 'various artists', 'VARIOUS ARTISTS', 'VA', 'V.A.', 'V/A', 'Various', 'Multi-interprètes',
    'Multi-Interpretes', 'Verschiedene Interpreten', 'Varios Artistas', 'Artisti Vari', ' Various  Artists ',
  ])('%j is a compilation placeholder', (name) => {
    expect(isVariousArtists(name)).toBe(true);
  });

  it.each(['Daft Punk', 'Vanessa Paradis', 'Various Cruelties', 'Vaa', '', null, undefined, 'AC/DC'])(
    '%j is a real artist (or nothing)',
    (name) => {
      expect(isVariousArtists(name)).toBe(false);
    },
  );
});

describe('trackNumberPrefix', () => {
  it.each([
    [1, undefined, '01'],
    [9, 12, '09'],
    [42, undefined, '42'],
    [100, undefined, '100'],
    [7, 120, '007'],
  ])('%i of %s → %s', (n, count, expected) => {
    expect(trackNumberPrefix(n, count)).toBe(expected);
  });
});

describe('planQobuzTrackPath', () => {
  it('files a single-disc album track as Album Artist/Album/NN - Title.ext', () => {
    expect(planQobuzTrackPath(root, qobuzTrack())).toBe(under(root, 'Daft Punk', 'Discovery', '03 - Digital Love.mp3'));
  });

  it('adds a Disc N folder only for multi-disc albums', () => {
    expect(planQobuzTrackPath(root, qobuzTrack({ discNumber: 2, discCount: 2, trackNumber: 11 }))).toBe(
      under(root, 'Daft Punk', 'Discovery', 'Disc 2', '11 - Digital Love.mp3'),
    );
  });

  it('names compilation files NN - Track Artist - Title', () => {
    const planned = planQobuzTrackPath(
      root,
      qobuzTrack({ albumArtist: 'Various Artists', albumTitle: 'Now 100', trackArtist: 'Sade', title: 'Smooth Operator', trackNumber: 5 }),
    );
    expect(planned).toBe(under(root, 'Various Artists', 'Now 100', '05 - Sade - Smooth Operator.mp3'));
  });

  it('treats the compilation flag like a various-artists album artist', () => {
    const planned = planQobuzTrackPath(root, qobuzTrack({ albumArtist: 'Ministry of Sound', isCompilation: true, trackArtist: 'Artful Dodger' }));
    expect(planned).toBe(under(root, 'Ministry of Sound', 'Discovery', '03 - Artful Dodger - Digital Love.mp3'));
  });

  it('appends the version unless the title already has it', () => {
    expect(planQobuzTrackPath(root, qobuzTrack({ version: 'Live' }))).toBe(
      under(root, 'Daft Punk', 'Discovery', '03 - Digital Love (Live).mp3'),
    );
    expect(planQobuzTrackPath(root, qobuzTrack({ title: 'Digital Love (live)', version: 'Live' }))).toBe(
      under(root, 'Daft Punk', 'Discovery', '03 - Digital Love (live).mp3'),
    );
  });

  it('uses three digits from track 100 on, and for every track of a 100+ track album', () => {
    expect(planQobuzTrackPath(root, qobuzTrack({ trackNumber: 104 }))).toMatch(/104 - Digital Love\.mp3$/);
    expect(planQobuzTrackPath(root, qobuzTrack({ trackNumber: 4, trackCount: 104 }))).toMatch(/004 - Digital Love\.mp3$/);
  });

  it('sanitises every component (AC/DC stays one folder)', () => {
    expect(planQobuzTrackPath(root, qobuzTrack({ albumArtist: 'AC/DC', albumTitle: 'Who Made Who?', title: 'D.T.', trackArtist: 'AC/DC', ext: 'flac' }))).toBe(
      under(root, 'AC_DC', 'Who Made Who_', '03 - D.T..flac'),
    );
  });

  it.each([
    ['album artist', { albumArtist: '../../etc' }],
    ['album artist absolute', { albumArtist: '/etc' }],
    ['album title', { albumTitle: '..' }],
    ['title', { title: '../../../../tmp/evil' }],
    ['windows drive', { albumArtist: 'C:\\Windows\\System32' }],
    ['extension', { ext: '/../../x' }],
  ])('keeps hostile metadata (%s) inside the root', (_label, overrides) => {
    const planned = planQobuzTrackPath(root, qobuzTrack(overrides));
    expect(planned.startsWith(root + sep)).toBe(true);
    expect(planned.slice(root.length + 1).split(sep)).toHaveLength(3);
  });

  it('falls back to readable names for missing metadata', () => {
    expect(planQobuzTrackPath(root, qobuzTrack({ albumArtist: '', albumTitle: ' ', title: '', trackArtist: '' }))).toBe(
      under(root, 'Unknown Artist', 'Unknown Album', '03 - Untitled.mp3'),
    );
  });
});

describe('planMatchedTrackPath', () => {
  const transfer = resolve('/music/Transfer');

  it('files an album track as Artist/Artist - Album/NN Title.ext', () => {
    expect(planMatchedTrackPath(transfer, { artist: 'Massive Attack', album: 'Mezzanine', trackNumber: 1, title: 'Angel', ext: 'mp3' })).toBe(
      under(transfer, 'Massive Attack', 'Massive Attack - Mezzanine', '01 Angel.mp3'),
    );
  });

  it('files a track without album as a single: Artist/Artist - Title/Title.ext', () => {
    expect(planMatchedTrackPath(transfer, { artist: 'Lorde', title: 'Royals', ext: 'flac' })).toBe(
      under(transfer, 'Lorde', 'Lorde - Royals', 'Royals.flac'),
    );
  });

  it('treats an album named after the track as a single', () => {
    expect(planMatchedTrackPath(transfer, { artist: 'Lorde', album: 'royals ', trackNumber: 1, title: 'Royals', ext: 'mp3' })).toBe(
      under(transfer, 'Lorde', 'Lorde - Royals', 'Royals.mp3'),
    );
  });

  it('leaves the number out when the track number is unknown', () => {
    expect(planMatchedTrackPath(transfer, { artist: 'Air', album: 'Moon Safari', title: 'La femme d’argent', ext: 'mp3' })).toBe(
      under(transfer, 'Air', 'Air - Moon Safari', 'La femme d’argent.mp3'),
    );
  });

  it('files by the album type when Spotify said it: a single or a compilation apart, an album as an album', () => {
    // A two-track single not named after the track, and a compilation: singles, as Matched Download files them.
    expect(planMatchedTrackPath(transfer, { artist: 'Nina Vale', album: 'Harbour Lights', albumType: 'single', albumTrackCount: 2, trackNumber: 2, title: 'Undertow', ext: 'flac' })).toBe(
      under(transfer, 'Nina Vale', 'Nina Vale - Undertow', 'Undertow.flac'),
    );
    expect(planMatchedTrackPath(transfer, { artist: 'Daft Punk', album: 'Dance Hits 2001', albumType: 'compilation', trackNumber: 4, title: 'One More Time', ext: 'mp3' })).toBe(
      under(transfer, 'Daft Punk', 'Daft Punk - One More Time', 'One More Time.mp3'),
    );
    // The title track of a real album stays with its album.
    expect(planMatchedTrackPath(transfer, { artist: 'Nina Vale', album: 'Tidewater', albumType: 'album', albumTrackCount: 1, trackNumber: 1, title: 'Tidewater', ext: 'mp3' })).toBe(
      under(transfer, 'Nina Vale', 'Nina Vale - Tidewater', '01 Tidewater.mp3'),
    );
  });

  it('without a type or a count, a title track numbered above 1 is on an album', () => {
    expect(planMatchedTrackPath(transfer, { artist: 'Joni Mitchell', album: 'Blue', trackNumber: 8, title: 'Blue', ext: 'mp3' })).toBe(
      under(transfer, 'Joni Mitchell', 'Joni Mitchell - Blue', '08 Blue.mp3'),
    );
  });

  it('sanitises artist, folder and file names and stays inside the transfer root', () => {
    const planned = planMatchedTrackPath(transfer, { artist: '../..', album: '/etc', trackNumber: 2, title: 'a/b', ext: 'mp3' });
    expect(planned).toBe(under(transfer, '_._', '_._.. - _etc', '02 a_b.mp3'));
  });
});

describe('planShardedPath', () => {
  it('shards by the first six characters', () => {
    expect(planShardedPath(root, 'abcdef123', 'flac')).toBe(under(root, 'audio', 'ab', 'cd', 'ef', 'abcdef123.flac'));
  });

  it('pads short ids for the shard folders but keeps the file name', () => {
    expect(planShardedPath(root, 42, 'mp3')).toBe(under(root, 'audio', '00', '00', '42', '42.mp3'));
  });

  it('never lets an id climb out or create hidden folders', () => {
    const planned = planShardedPath(root, '../../x', 'mp3');
    expect(planned.startsWith(under(root, 'audio') + sep)).toBe(true);
    expect(planned.slice(root.length + 1).split(sep)).toHaveLength(5);
    for (const part of planned.slice(root.length + 1).split(sep)) expect(part.startsWith('.')).toBe(false);
  });
});

describe('layout strategies', () => {
  const track = {
    id: 'abcdef99',
    ext: 'mp3',
    title: 'Around the World',
    artist: 'Daft Punk',
    albumArtist: 'Daft Punk',
    album: 'Homework',
    trackNumber: 7,
    discNumber: 1,
    discCount: 1,
  };

  it('organised album layout', () => {
    const layout = organisedLayout(root);
    expect(layout.kind).toBe('organised');
    expect(layout.plan(track)).toBe(under(root, 'Daft Punk', 'Homework', '07 - Around the World.mp3'));
  });

  it('organised matched layout', () => {
    expect(organisedLayout(root, 'matched').plan(track)).toBe(under(root, 'Daft Punk', 'Daft Punk - Homework', '07 Around the World.mp3'));
  });

  it('files an album-less track as its own single in the album layout', () => {
    expect(organisedLayout(root).plan({ id: 1, ext: 'mp3', title: 'One More Time', artist: 'Daft Punk', trackNumber: 1 })).toBe(
      under(root, 'Daft Punk', 'One More Time', '01 - One More Time.mp3'),
    );
  });

  it('sharded layout', () => {
    const layout = shardedLayout(root);
    expect(layout.kind).toBe('sharded');
    expect(layout.plan(track)).toBe(under(root, 'audio', 'ab', 'cd', 'ef', 'abcdef99.mp3'));
  });
});

describe('matched layout: title tracks', () => {
  it('files the title track of a real album with its album, and a one-track release as a single', () => {
    expect(planMatchedTrackPath('/T', { artist: 'Ada', album: 'Open Weather', albumTrackCount: 3, trackNumber: 1, title: 'Open Weather', ext: 'mp3' })).toBe(
      '/T/Ada/Ada - Open Weather/01 Open Weather.mp3',
    );
    expect(planMatchedTrackPath('/T', { artist: 'Ada', album: 'Open Weather', albumTrackCount: 1, trackNumber: 1, title: 'Open Weather', ext: 'mp3' })).toBe(
      '/T/Ada/Ada - Open Weather/Open Weather.mp3',
    );
  });
});

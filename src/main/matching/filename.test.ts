import { describe, expect, it } from 'vitest';
import { parsePeerFilename } from './filename';

describe('parsePeerFilename', () => {
  it.each<[string, { stem: string; folderArtist?: string; album?: string; trackNumber?: number; disc?: number; year?: number; ext: string }]>([
    ['01 - Artist - Title [320].mp3', { stem: 'Artist - Title', trackNumber: 1, ext: 'mp3' }],
    ['Artist - Album (2011) [FLAC]/03. Title.flac', { stem: 'Title', folderArtist: 'Artist', album: 'Album', trackNumber: 3, year: 2011, ext: 'flac' }],
    ['@@peer\\Music\\Artist\\Album\\07 Title.flac', { stem: 'Title', folderArtist: 'Artist', album: 'Album', trackNumber: 7, ext: 'flac' }],
    ['Music\\Queen\\A Night at the Opera\\CD2\\1-11 Bohemian Rhapsody.flac', { stem: 'Bohemian Rhapsody', folderArtist: 'Queen', album: 'A Night at the Opera', trackNumber: 11, disc: 2, ext: 'flac' }],
    ['artist_name_-_song_title.mp3', { stem: 'artist name - song title', ext: 'mp3' }],
    ['01-artist_name-song_title-xyz.mp3', { stem: 'artist name - song title', trackNumber: 1, ext: 'mp3' }],
    ['Artist - Title (Official Video) [HQ].mp3', { stem: 'Artist - Title', ext: 'mp3' }],
    ['Artist - Title [www.somesite.com].mp3', { stem: 'Artist - Title', ext: 'mp3' }],
    ['x\\Artist - Album [CAT-0123] [WEB FLAC]\\02 - Title.flac', { stem: 'Title', folderArtist: 'Artist', album: 'Album', trackNumber: 2, ext: 'flac' }],
    ['x\\Artist - Album (Deluxe Edition) [24-96]\\02 Title (Remix).flac', { stem: 'Title (Remix)', folderArtist: 'Artist', album: 'Album', trackNumber: 2, ext: 'flac' }],
    ['Artist - Album - 05 - Title.mp3', { stem: 'Artist - Title', trackNumber: 5, ext: 'mp3' }],
    ['shared\\mp3\\Artist\\Artist - Title.mp3', { stem: 'Artist - Title', folderArtist: 'Artist', ext: 'mp3' }],
    ['x\\Prince\\1999\\1999.mp3', { stem: '1999', folderArtist: 'Prince', album: '1999', year: 1999, ext: 'mp3' }],
    ['A1 Title.flac', { stem: 'Title', trackNumber: 1, ext: 'flac' }],
    ['7 rings.mp3', { stem: '7 rings', ext: 'mp3' }],
    ['Кино - Группа крови.mp3', { stem: 'Кино - Группа крови', ext: 'mp3' }],
  ])('%s', (path, expected) => {
    const p = parsePeerFilename(path);
    expect({ stem: p.stem, folderArtist: p.folderArtist, album: p.album, trackNumber: p.trackNumber, disc: p.disc, year: p.year, ext: p.ext }).toEqual({
      folderArtist: undefined,
      album: undefined,
      trackNumber: undefined,
      disc: undefined,
      year: undefined,
      ...expected,
    });
  });

  it('offers both readings of "A - B", the folder artist and the parent folder as artist', () => {
    const p = parsePeerFilename('x\\Some Artist\\Hits\\Song - Someone.mp3');
    expect(p.readings.map((r) => [r.how, r.artist, r.title])).toEqual([
      ['artist - title', 'Song', 'Someone'],
      ['title - artist', 'Someone', 'Song'],
      ['folder artist', 'Some Artist', 'Song - Someone'],
      ['parent folder artist', 'Hits', 'Song - Someone'],
    ]);
  });

  it('reads a bare file name as a title with no artist', () => {
    expect(parsePeerFilename('Song.mp3').readings).toEqual([{ title: 'Song', how: 'title only' }]);
  });
});

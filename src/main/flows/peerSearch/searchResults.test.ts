import { describe, expect, it } from 'vitest';
import { searchFile as file, searchResponse as response } from '../../../../test/support/slskdResponses';
import { rankSearchResults } from './searchResults';

const album = (dir: string, ext = 'flac', n = 3) =>
  Array.from({ length: n }, (_, i) => file(`${dir}\\0${i + 1} - Track ${i + 1}.${ext}`));

describe('grouping a search into albums and singles', () => {
  it('makes a folder of two or more audio files an album, parsed into artist, album and year', () => {
    const r = rankSearchResults('glass harbour tidal maps', [
      response('vinyl', [...album('@@music\\Glass Harbour - Tidal Maps (2019) [FLAC]'), file('@@music\\Loose\\Glass Harbour - Harbour Lights.mp3')]),
    ]);
    expect(r.albums).toHaveLength(1);
    const a = r.albums[0]!;
    expect(a).toMatchObject({ artist: 'Glass Harbour', album: 'Tidal Maps', year: 2019, formats: ['flac'], qualityLabel: 'FLAC 16-bit' });
    expect(a.files.map((f) => f.trackNumber)).toEqual([1, 2, 3]);
    expect(a.size).toBe(90_000_000);
    expect(a.lengthSec).toBe(720);
    expect(a.peer).toEqual({ username: 'vinyl', hasFreeUploadSlot: true, queueLength: 0, uploadSpeed: 1_000_000 });
    // The lone file of its folder is a single.
    expect(r.singles.map((s) => s.title)).toEqual(['Harbour Lights']);
    expect(r.singles[0]).toMatchObject({ artist: 'Glass Harbour', format: 'mp3', quality: 'mp3-320', qualityLabel: 'MP3 320', bitRate: 320 });
  });

  it('keeps two peers’ copies of one folder apart, and ignores non-audio files and formats Cassette does not download', () => {
    const dir = 'Music\\Nina Vale\\Tidewater';
    const r = rankSearchResults('nina vale tidewater', [
      response('a', [...album(dir), file(`${dir}\\cover.jpg`, { size: 100 }), file(`${dir}\\04 - Track 4.wav`)]),
      response('b', album(dir, 'mp3', 2)),
    ]);
    expect(r.albums.map((a) => [a.peer.username, a.files.length])).toEqual([['a', 3], ['b', 2]]);
    expect(r.hidden.unsupported).toBe(2);
  });

  it('treats a folder that names no album ("Singles", "Music") as singles, however many files it holds', () => {
    const r = rankSearchResults('nina vale', [
      response('p', [file('Music\\Singles\\Nina Vale - One.mp3'), file('Music\\Singles\\Nina Vale - Two.mp3'), file('Music\\Singles\\Nina Vale - Three.mp3')]),
    ]);
    expect(r.albums).toEqual([]);
    expect(r.singles.map((s) => s.title).sort()).toEqual(['One', 'Three', 'Two']);
  });

  it('never offers a path slskd would store outside its downloads folder, nor a locked file', () => {
    const r = rankSearchResults('harbour lights', [
      response('evil', [
        file('Share\\..\\Harbour Lights.mp3'),
        file('Share\\Harbour\u0000Lights.mp3'),
        file('Share\\ok\\Harbour Lights.mp3'),
        file('Share\\ok2\\Harbour Lights (locked).mp3', { isLocked: true }),
      ], { lockedFiles: [file('Share\\x\\Harbour Lights.flac')] }),
    ]);
    expect(r.singles.map((s) => s.filename)).toEqual(['Share\\ok\\Harbour Lights.mp3']);
    expect(r.hidden).toEqual({ unsafe: 2, locked: 2, unsupported: 0 });
  });

  it('shows peers’ names without control or text-direction characters', () => {
    const r = rankSearchResults('harbour lights', [response('p', [file('Share\\Evil\u202e3pm.exe\\Harbour Lights\u202e.mp3')])]);
    expect(r.singles[0]!.name).toBe('Harbour Lights.mp3');
    expect(r.singles[0]!.folder).toBe('Evil3pm.exe');
    // The download still names the file exactly as shared.
    expect(r.singles[0]!.filename).toBe('Share\\Evil\u202e3pm.exe\\Harbour Lights\u202e.mp3');
  });
});

describe('ranking against the query', () => {
  it('puts the file the query names above other songs and above a live version nobody asked for', () => {
    const r = rankSearchResults('nina vale harbour lights', [
      response('a', [file('x\\Nina Vale - Harbour Lights (Live at Leeds).mp3')]),
      response('b', [file('y\\Nina Vale - Harbour Nights.mp3')]),
      response('c', [file('z\\Nina Vale - Harbour Lights.mp3')]),
    ]);
    expect(r.singles.map((s) => s.peer.username)).toEqual(['c', 'b', 'a']);
    expect(r.singles[0]!.score).toBeGreaterThan(0.9);
    expect(r.singles[2]!.score).toBeLessThan(r.singles[0]!.score - 0.2);
  });

  it('reads the query either way round: title then artist ranks the same file first', () => {
    const files = [response('a', [file('x\\Other Artist - Harbour Lights.mp3')]), response('b', [file('y\\Nina Vale - Harbour Lights.mp3')])];
    expect(rankSearchResults('harbour lights nina vale', files).singles[0]!.peer.username).toBe('b');
    expect(rankSearchResults('Nina Vale - Harbour Lights', files).singles[0]!.peer.username).toBe('b');
  });

  it('breaks near-equal matches by quality, then free slot, queue and speed', () => {
    const path = (u: string, ext: string) => `${u}\\Nina Vale - Harbour Lights.${ext}`;
    const r = rankSearchResults('nina vale harbour lights', [
      response('mp3fast', [file(path('a', 'mp3'))], { uploadSpeed: 9_000_000 }),
      response('flacslow', [file(path('b', 'flac'))], { uploadSpeed: 100_000 }),
      response('flacbusy', [file(path('c', 'flac'))], { hasFreeUploadSlot: false, uploadSpeed: 9_000_000 }),
      response('flacqueue', [file(path('d', 'flac'))], { queueLength: 5 }),
      response('flac24', [file(path('e', 'flac'), { bitDepth: 24 })]),
    ]);
    expect(r.singles.map((s) => s.peer.username)).toEqual(['flac24', 'flacslow', 'flacqueue', 'flacbusy', 'mp3fast']);
  });

  it('ranks the album the query names first, by its folder', () => {
    const r = rankSearchResults('glass harbour tidal maps', [
      response('a', album('Music\\Glass Harbour - Other Record')),
      response('b', album('Music\\Glass Harbour - Tidal Maps', 'mp3')),
    ]);
    expect(r.albums.map((a) => a.album)).toEqual(['Tidal Maps', 'Other Record']);
  });
});

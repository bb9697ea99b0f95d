import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPORTIFY_HEADER, parseCsvRows, parseExportifyCsv, parseM3u, readPlaylistFile, splitArtists } from '.';

const fixtures = join(import.meta.dirname, '../../../test/fixtures/playlists');
const read = (name: string) => readFileSync(join(fixtures, name), 'utf8');

describe('Exportify CSV', () => {
  it('reads the exact header, quoted fields with "" and commas, and \\, inside artist names', () => {
    const text = read('exportify.csv');
    expect(parseCsvRows(text)[0]).toEqual([...EXPORTIFY_HEADER]);
    const entries = parseExportifyCsv(text);
    expect(entries).toHaveLength(4);
    expect(entries[0]).toMatchObject({
      key: 'spotify:4uLU6hMCjMI75M1A2tKUQC', title: 'Never Gonna Give You Up', artists: ['Rick Astley'], album: 'Whenever You Need Somebody',
      durationSec: 213.6, trackNumber: 1, discNumber: 1, spotifyId: '4uLU6hMCjMI75M1A2tKUQC', isrc: 'GBARL9300135', releaseDate: '1987-11-12',
    });
    expect(entries[1]).toMatchObject({
      title: 'All I Want Is You, Baby (feat. "Big" Joe)', artists: ['Crosby, Stills & Nash', 'Big Joe'], album: 'Songs, Vol. 2', albumArtists: ['Crosby, Stills & Nash'],
    });
    // A local file has no Spotify id: it is keyed by its credit and title.
    expect(entries[2]!.spotifyId).toBeUndefined();
    expect(entries[2]!.key).toMatch(/^text:someone/);
    // The same track twice stays twice, in order, with distinct keys.
    expect(entries[3]!.key).toBe('spotify:4uLU6hMCjMI75M1A2tKUQC#2');
  });

  it('splits artists at unescaped commas only', () => {
    expect(splitArtists('Earth\\, Wind & Fire, Emotions')).toEqual(['Earth, Wind & Fire', 'Emotions']);
    expect(splitArtists('A,B')).toEqual(['A', 'B']);
  });

  it('handles CRLF, a BOM and line breaks inside quotes; refuses a file that is not an export or is cut short', () => {
    const csv = '\uFEFF"Track Name","Artist Name(s)"\r\n"Two\r\nLines","X"\r\n';
    expect(parseExportifyCsv(csv)).toMatchObject([{ title: 'Two\r\nLines', artists: ['X'] }]);
    expect(() => parseExportifyCsv('"Song","Singer"\n"a","b"\n')).toThrow(/not an Exportify export.*"Track Name"/);
    expect(() => parseExportifyCsv('"Track Name","Artist Name(s)"\n"open')).toThrow(/cut short/);
    expect(() => parseExportifyCsv('"Track Name","Artist Name(s)"\n"","b"\n', 'x.csv')).toThrow(/x\.csv, row 2: Track Name/);
  });
});

describe('M3U', () => {
  it('takes artist, title and length from #EXTINF and the name from #PLAYLIST', () => {
    const p = parseM3u(read('extended.m3u8'));
    expect(p.name).toBe('Road Trip');
    expect(p.entries.map((e) => [e.artists, e.title, e.durationSec])).toEqual([
      [['Rick Astley'], 'Never Gonna Give You Up', 213],
      [['Daft Punk'], 'One More Time (Radio Edit)', undefined],
      [['Björk'], 'Jóga', 301],
    ]);
  });

  it('without #EXTINF reads the path: Artist/Album/NN Title and "Artist - Title"', () => {
    const p = parseM3u(read('plain.m3u'));
    expect(p.entries).toMatchObject([
      { title: 'Sour Times', artists: ['Portishead'], album: 'Dummy', trackNumber: 3 },
      { title: 'Teardrop', artists: ['Massive Attack'] },
    ]);
  });

  it('reads files by extension and refuses other kinds and relative paths', async () => {
    expect((await readPlaylistFile(join(fixtures, 'exportify.csv'))).kind).toBe('csv');
    expect(await readPlaylistFile(join(fixtures, 'plain.m3u'))).toMatchObject({ kind: 'm3u', name: 'plain' });
    await expect(readPlaylistFile(join(fixtures, 'README.md'))).rejects.toThrow(/not a playlist/);
    await expect(readPlaylistFile('plain.m3u')).rejects.toThrow(/not a full path/);
    await expect(readPlaylistFile(join(fixtures, 'gone.m3u8'))).rejects.toMatchObject({ code: 'not_found' });
  });
});

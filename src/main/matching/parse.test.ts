import { describe, expect, it } from 'vitest';
import { isDifferentRecording, isHarmlessVersion, parseAlbum, parseArtistCredit, parseTitle, type VersionKind } from './parse';

describe('parseTitle', () => {
  it.each<[string, string, string[], VersionKind | null, string]>([
    ['Song', 'Song', [], null, ''],
    ['Song (feat. X) [Y Remix]', 'Song', ['X'], 'remix', 'Y Remix'],
    ['Song - 2011 Remaster', 'Song', [], 'remaster', '2011 Remaster'],
    ['Hey Jude - Remastered 2015', 'Hey Jude', [], 'remaster', 'Remastered 2015'],
    ['Song - Live at Wembley', 'Song', [], 'live', 'Live at Wembley'],
    ['Song (Live)', 'Song', [], 'live', 'Live'],
    ['Song (Acoustic Version)', 'Song', [], 'acoustic', 'Acoustic Version'],
    ['Song - MTV Unplugged', 'Song', [], 'acoustic', 'MTV Unplugged'],
    ['Song (Instrumental)', 'Song', [], 'instrumental', 'Instrumental'],
    ['Song (Demo)', 'Song', [], 'demo', 'Demo'],
    ['Song (Radio Edit)', 'Song', [], 'radio', 'Radio Edit'],
    ['Song - Single Edit', 'Song', [], 'edit', 'Single Edit'],
    ['Song (Extended Mix)', 'Song', [], 'extended', 'Extended Mix'],
    ['Song (Extended Remix)', 'Song', [], 'remix', 'Extended Remix'],
    ['Song (Club Mix)', 'Song', [], 'remix', 'Club Mix'],
    ['Song (Original Mix)', 'Song', [], null, ''],
    ['Song [Explicit]', 'Song', [], null, ''],
    ['Song (Live / 2011 Remaster)', 'Song', [], 'live', 'Live / 2011 Remaster'],
    ['Song [2011 Remaster] (Live)', 'Song', [], 'live', 'Live'],
    ['Song ft. A & B', 'Song', ['A', 'B'], null, ''],
    ['Song featuring A, B and C', 'Song', ['A', 'B', 'C'], null, ''],
    ['Song (with A)', 'Song', ['A'], null, ''],
    ['Song (feat. A) - Radio Edit', 'Song', ['A'], 'radio', 'Radio Edit'],
    ['Live Forever', 'Live Forever', [], null, ''],
    ['Mix Tape', 'Mix Tape', [], null, ''],
    ['Part 1 - The Beginning', 'Part 1 - The Beginning', [], null, ''],
    ['Song ( feat . X )', 'Song', ['X'], null, ''],
    ['Song (Acapella)', 'Song', [], 'acapella', 'Acapella'],
    ['Song - A Cappella', 'Song', [], 'acapella', 'A Cappella'],
    ['Song (Sped Up)', 'Song', [], 'sped_up', 'Sped Up'],
    ['Song (Originally Performed by X)', 'Song', [], 'cover', 'Originally Performed by X'],
    ['Song (Clean)', 'Song', [], 'clean', 'Clean'],
    ['Song - Radio Edit', 'Song', [], 'radio', 'Radio Edit'],
    ['Song - Live In Oberhausen', 'Song', [], 'live', 'Live In Oberhausen'],
  ])('%s', (title, base, featuring, kind, text) => {
    const p = parseTitle(title);
    expect(p.base).toBe(base);
    expect(p.featuring).toEqual(featuring);
    expect(p.version).toEqual({ kind, text });
  });

  it('keeps unknown bracketed text as extras, out of the base', () => {
    expect(parseTitle('Song (Bonus Track)')).toMatchObject({ base: 'Song', extras: ['Bonus Track'] });
    expect(parseTitle('Let It Go - From "Frozen"')).toMatchObject({ base: 'Let It Go', extras: ['From "Frozen"'] });
  });

  it('treats a title made only of brackets as its own base', () => {
    expect(parseTitle('(Intro)')).toMatchObject({ base: '(Intro)', extras: [] });
  });

  it('sorts versions into harmless ones and different recordings', () => {
    for (const k of ['remaster', 'radio', 'edit'] as const) {
      expect(isHarmlessVersion(k)).toBe(true);
      expect(isDifferentRecording(k)).toBe(false);
    }
    for (const k of ['live', 'remix', 'acoustic', 'instrumental', 'demo'] as const) {
      expect(isDifferentRecording(k)).toBe(true);
      expect(isHarmlessVersion(k)).toBe(false);
    }
    expect(isHarmlessVersion(null)).toBe(false);
    expect(isDifferentRecording(null)).toBe(false);
  });
});

describe('parseTitle details', () => {
  it.each<[string, string | undefined]>([
    ['Song (Artist A Remix)', 'Artist A'],
    ["Song (Armand van Helden's Vocal Mix)", 'Armand van Helden Vocal'],
    ['Song - Fred Remix', 'Fred'],
    ['Song (Extended Club Mix)', undefined],
    ['Song (Remix)', undefined],
    ['Song (Dub Mix)', undefined],
    ['Song (Live)', undefined],
  ])('remixer of %s is %s', (title, remixer) => {
    expect(parseTitle(title).remixer).toBe(remixer);
  });

  it('records the remaster year and an explicit tag without calling them other recordings', () => {
    expect(parseTitle('Song - 2011 Remaster')).toMatchObject({ remasterYear: 2011, version: { kind: 'remaster' } });
    expect(parseTitle('Song [Explicit]')).toMatchObject({ base: 'Song', explicit: true, version: { kind: null } });
    expect(isDifferentRecording('clean')).toBe(false);
    expect(isDifferentRecording('acapella')).toBe(true);
    expect(isDifferentRecording('cover')).toBe(true);
  });
});

describe('parseAlbum', () => {
  it.each<[string, string, number | undefined, number | undefined, VersionKind | null]>([
    ['Abbey Road', 'Abbey Road', undefined, undefined, null],
    ['Abbey Road (Super Deluxe Edition)', 'Abbey Road', undefined, undefined, null],
    ['Rumours (2004 Remaster)', 'Rumours', 2004, undefined, null],
    ['Nevermind [Deluxe Edition] [Explicit]', 'Nevermind', undefined, undefined, null],
    ['The Wall - Expanded Edition', 'The Wall', undefined, undefined, null],
    ['Tidewater (2019)', 'Tidewater', 2019, undefined, null],
    ['Tidewater (Disc 2)', 'Tidewater', undefined, 2, null],
    ['Tidewater [FLAC]', 'Tidewater', undefined, undefined, null],
    ['1999', '1999', undefined, undefined, null],
    ['Wildlive (Live at Olympiahalle) [Deluxe Version]', 'Wildlive (Live at Olympiahalle)', undefined, undefined, 'live'],
    ['MTV Unplugged in New York', 'MTV Unplugged in New York', undefined, undefined, 'acoustic'],
    ['The Remixes', 'The Remixes', undefined, undefined, 'remix'],
    ['Alive 2007', 'Alive 2007', undefined, undefined, null],
  ])('%s', (name, base, year, disc, version) => {
    const a = parseAlbum(name);
    expect(a.base).toBe(base);
    expect(a.year).toBe(year);
    expect(a.disc).toBe(disc);
    expect(a.version).toBe(version);
  });
});

describe('parseArtistCredit', () => {
  it.each([
    ['Daft Punk', 'Daft Punk', ['Daft Punk'], []],
    ['Daft Punk feat. Pharrell Williams', 'Daft Punk', ['Daft Punk'], ['Pharrell Williams']],
    ['A ft. B & C', 'A', ['A'], ['B', 'C']],
    ['A (feat. B)', 'A', ['A'], ['B']],
    ['A, B', 'A, B', ['A', 'B'], []],
    ['Simon & Garfunkel', 'Simon & Garfunkel', ['Simon', 'Garfunkel'], []],
    ['AC/DC', 'AC/DC', ['AC/DC'], []],
    ['A x B', 'A x B', ['A', 'B'], []],
    ['A + B', 'A + B', ['A', 'B'], []],
    ['A vs. B', 'A vs. B', ['A', 'B'], []],
    ['Rose&Bruno Mars', 'Rose&Bruno Mars', ['Rose', 'Bruno Mars'], []],
    ['A ( feat . B )', 'A', ['A'], ['B']],
  ])('%s', (credit, main, names, featuring) => {
    expect(parseArtistCredit(credit)).toEqual({ main, names, featuring });
  });
});

import { describe, expect, it } from 'vitest';
import { isDifferentRecording, isHarmlessVersion, parseArtistCredit, parseTitle, type VersionKind } from './parse';

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

describe('parseArtistCredit', () => {
  it.each([
    ['Daft Punk', 'Daft Punk', ['Daft Punk'], []],
    ['Daft Punk feat. Pharrell Williams', 'Daft Punk', ['Daft Punk'], ['Pharrell Williams']],
    ['A ft. B & C', 'A', ['A'], ['B', 'C']],
    ['A (feat. B)', 'A', ['A'], ['B']],
    ['A, B', 'A, B', ['A', 'B'], []],
    ['Simon & Garfunkel', 'Simon & Garfunkel', ['Simon', 'Garfunkel'], []],
    ['AC/DC', 'AC/DC', ['AC/DC'], []],
  ])('%s', (credit, main, names, featuring) => {
    expect(parseArtistCredit(credit)).toEqual({ main, names, featuring });
  });
});

import { describe, expect, it } from 'vitest';
import { creditRemix } from './creditRemix';

describe('creditRemix', () => {
  it.each<[string, string[], string, string[]]>([
    ['Song (Artist A Remix)', ['Artist B'], 'Artist A', ['Artist B']],
    ['Song - Artist A Remix', ['Artist B', 'Artist A'], 'Artist A', ['Artist B']],
    ['Song (artist a remix)', ['Artist B', 'Artist A'], 'Artist A', ['Artist B']],
    ['Song (Artist A Remix)', ['Artist B feat. C'], 'Artist A', ['Artist B', 'C']],
    ['Beto’s Horns - fred remix', ['Fred again..', 'CA7RIEL & Paco Amoroso'], 'fred', ['Fred again..', 'CA7RIEL & Paco Amoroso']],
    ['Song', ['Artist B', 'Artist C'], 'Artist B', ['Artist C']],
    ['Song (Club Mix)', ['Artist B'], 'Artist B', []],
  ])('%s by %j → %s with %j', (title, artists, main, contributing) => {
    const c = creditRemix({ title, artists });
    expect(c.title).toBe(title);
    expect(c.mainArtist).toBe(main);
    expect(c.contributingArtists).toEqual(contributing);
    expect(c.artists).toEqual([main, ...contributing]);
  });
});

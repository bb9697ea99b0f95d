import { describe, expect, it } from 'vitest';
import { searchQueries, searchStrategies } from './searchQueries';

describe('searchQueries', () => {
  it.each<[string, string, string[]]>([
    // Track name first, then artist + track name; nothing further to strip.
    ['Harbour Lights', 'Nina Vale', ['Harbour Lights', 'Nina Vale Harbour Lights']],
    [
      'Harbour Lights - 2011 Remaster',
      'The Nina Vales',
      ['Harbour Lights 2011 Remaster', 'Nina Vales Harbour Lights 2011 Remaster', 'Harbour Lights', 'Nina Vales Harbour Lights'],
    ],
    [
      'Harbour Lights (feat. Bo)',
      'Nina Vale, Bo',
      ['Harbour Lights feat Bo', 'Nina Vale Bo Harbour Lights feat Bo', 'Harbour Lights', 'Nina Vale Harbour Lights'],
    ],
    ['Harbour Lights', 'Nina Vale feat. Bo', ['Harbour Lights', 'Nina Vale Harbour Lights']],
    ['Harbour Lights', 'Nina Vale & The Tides', ['Harbour Lights', 'Nina Vale The Tides Harbour Lights', 'Nina Vale Harbour Lights']],
    // Words with apostrophes are left out: the network's tokenising of them is not documented.
    ["Don't Stop Me Now", 'Queen', ['Stop Me Now', 'Queen Stop Me Now']],
    // Too short to search on its own; AC/DC stays one artist.
    ['Run', 'AC/DC', ['AC DC Run']],
    ['Run (Live)', 'AC/DC', ['Run Live', 'AC DC Run Live', 'AC DC Run']],
    ['Ænima', 'Tool', ['Ænima', 'Tool Ænima']],
  ])('%s by %s', (title, artist, expected) => {
    expect(searchQueries({ title, artist })).toEqual(expected);
  });

  it('names each strategy', () => {
    expect(searchStrategies({ title: 'Harbour Lights (Live)', artist: 'Nina Vale, Bo' }).map((s) => s.name)).toEqual([
      'title', 'artist_title', 'no_brackets', 'primary_artist',
    ]);
  });
});

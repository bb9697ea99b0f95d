import { describe, expect, it } from 'vitest';
import { searchQueries } from './searchQueries';

describe('searchQueries', () => {
  it.each<[string, string, string[]]>([
    ['Harbour Lights', 'Nina Vale', ['Nina Vale Harbour Lights', 'Harbour Lights']],
    ['Harbour Lights - 2011 Remaster', 'The Nina Vales', ['Nina Vales Harbour Lights', 'Harbour Lights']],
    ['Harbour Lights (feat. Bo)', 'Nina Vale, Bo', ['Nina Vale Bo Harbour Lights', 'Nina Vale Harbour Lights', 'Harbour Lights']],
    ['Harbour Lights', 'Nina Vale feat. Bo', ['Nina Vale Harbour Lights', 'Harbour Lights']],
    // Words with apostrophes are left out: the network's tokenising of them is not documented.
    ["Don't Stop Me Now", 'Queen', ['Queen Stop Me Now', 'Stop Me Now']],
    // Too short to search on its own; AC/DC stays one artist.
    ['Run', 'AC/DC', ['AC DC Run']],
    ['Ænima', 'Tool', ['Tool Ænima', 'Ænima']],
  ])('%s by %s', (title, artist, expected) => {
    expect(searchQueries({ title, artist })).toEqual(expected);
  });
});

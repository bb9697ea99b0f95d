import { describe, expect, it } from 'vitest';
import { id3v23Date, rejoinSplitNames } from './readAudioMetadata';

describe('rejoinSplitNames', () => {
  it.each([
    [['AC', 'DC', 'Brian Johnson'], ['AC/DC feat. Brian Johnson'], ['AC/DC', 'Brian Johnson']],
    [['AC', 'DC'], ['AC/DC'], ['AC/DC']],
    [['Daft Punk', 'Pharrell Williams'], ['Daft Punk feat. Pharrell Williams'], ['Daft Punk', 'Pharrell Williams']],
    // Only the album artist shows the name whole.
    [['Brian Johnson', 'AC', 'DC'], ['Brian Johnson & AC-DC', 'AC/DC'], ['Brian Johnson', 'AC/DC']],
    // Nothing shows them joined: they stay separate.
    [['A', 'B'], ['A & B'], ['A', 'B']],
    [['Solo'], [], ['Solo']],
    [[], ['x'], []],
  ])('%j with %j → %j', (parts, whole, names) => {
    expect(rejoinSplitNames(parts, whole)).toEqual(names);
  });
});

describe('id3v23Date', () => {
  it.each([
    ['1980', '2507', '1980-07-25'],
    ['2013', '0105', '2013-05-01'],
    ['1980', undefined, undefined],
    ['1980', '0713', undefined],
    ['80', '2507', undefined],
    [undefined, '2507', undefined],
    ['1980', '25-7', undefined],
  ])('TYER %j + TDAT %j → %j', (year, ddmm, date) => {
    expect(id3v23Date(year, ddmm)).toBe(date);
  });
});

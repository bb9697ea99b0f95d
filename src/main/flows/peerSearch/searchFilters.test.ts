import { describe, expect, it } from 'vitest';
import type { QualityTier } from '../../sources';
import { filterResults, meetsMinimum } from './searchFilters';
import { searchFile as file, searchResponse as response } from '../../../../test/support/slskdResponses';
import { rankSearchResults } from './searchResults';

describe('minimum quality', () => {
  const cases: Array<[QualityTier, 'any' | 'mp3-192' | 'mp3-320' | 'lossless', boolean]> = [
    ['mp3-128', 'any', true],
    ['mp3-128', 'mp3-192', false],
    ['mp3-192', 'mp3-192', true],
    ['mp3-256', 'mp3-320', false],
    ['mp3-v0', 'mp3-320', false],
    ['mp3-320', 'mp3-320', true],
    ['flac-16', 'mp3-320', true],
    ['mp3-320', 'lossless', false],
    ['flac-16', 'lossless', true],
    ['flac-24', 'lossless', true],
    ['opus', 'mp3-192', false],
  ];
  it.each(cases)('%s with minimum %s → %s', (tier, min, pass) => {
    expect(meetsMinimum(tier, min)).toBe(pass);
  });
});

describe('filtering results', () => {
  const results = rankSearchResults('nina vale', [
    response('p', [
      file('M\\Nina Vale - Mixed\\01 - A.flac'),
      file('M\\Nina Vale - Mixed\\02 - B.mp3', { size: 8_000_000 }),
      file('M\\Nina Vale - Mixed\\03 - C.mp3', { size: 3_000_000, bitRate: 128 }),
      file('S\\a\\Nina Vale - D.mp3', { bitRate: 128 }),
      file('S\\b\\Nina Vale - E.ogg', { bitRate: undefined }),
    ]),
  ]);

  it('keeps everything by default', () => {
    const r = filterResults(results, { minQuality: 'any' });
    expect(r.albums[0]!.files).toHaveLength(3);
    expect(r.singles).toHaveLength(2);
  });

  it('by format: an album keeps its files of that format, with its size and quality recomputed', () => {
    const r = filterResults(results, { formats: ['mp3'], minQuality: 'any' });
    expect(r.albums[0]!.files.map((f) => f.title)).toEqual(['B', 'C']);
    expect(r.albums[0]).toMatchObject({ size: 11_000_000, formats: ['mp3'], qualityLabel: 'MP3 320' });
    expect(r.singles.map((s) => s.title)).toEqual(['D']);
  });

  it('by minimum quality: MP3 320 keeps lossless too; lossless only keeps FLAC; an album with nothing left goes', () => {
    const r320 = filterResults(results, { minQuality: 'mp3-320' });
    expect(r320.albums[0]!.files.map((f) => f.title)).toEqual(['A', 'B']);
    expect(r320.singles).toEqual([]);
    const lossless = filterResults(results, { minQuality: 'lossless' });
    expect(lossless.albums[0]!.files.map((f) => f.title)).toEqual(['A']);
    expect(filterResults(results, { formats: ['opus'], minQuality: 'any' }).albums).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { ftsString, planLibrarySearch, wordGroups } from './librarySearch';

describe('planLibrarySearch', () => {
  it.each([
    ['Beyoncé', '"beyonce"', '^"beyonce"'],
    ['  Nina   SIMONE ', '"nina" "simone"', '^"nina simone"'],
    ['Øystein Straße', '"oystein" "strasse"', '^"oystein strasse"'],
    ['Кино', '"kino"', '^"kino"'],
    ['ac dc', '"ac dc"', '^"ac dc"'],
    ['halo pt 2', '"halo" "pt 2"', '^"halo pt 2"'],
    ['the xx', '"the xx"', '^"the xx"'],
    ['say "hi"', '"say" """hi"""', '^"say ""hi"""'],
    ['a*b -c (d) \'e', '"a*b" "-c (d) \'e"', '^"a*b -c (d) \'e"'],
    ['NOT OR AND', '"not" "or and"', '^"not or and"'],
  ])('%j becomes one quoted FTS string per word: %s', (text, match, startsWith) => {
    expect(planLibrarySearch(text)).toEqual({ kind: 'fts', match, startsWith, exact: expect.any(String), like: expect.any(String) });
  });

  it('keeps the case-folded text for the "equal" tier', () => {
    expect(planLibrarySearch('  Halo  ')).toMatchObject({ exact: 'halo' });
  });

  it.each([
    ['a', 'a%'],
    ['AB', 'ab%'],
    ['%', '\\%%'],
    ['_x', '\\_x%'],
    ['\\', '\\\\%'],
    ['é', 'é%'],
  ])('%j (shorter than a trigram) becomes a prefix match %j', (text, like) => {
    expect(planLibrarySearch(text)).toEqual({ kind: 'prefix', like, exact: expect.any(String) });
  });

  it('matches nothing for text that folds away', () => {
    expect(planLibrarySearch('\u0301')).toEqual({ kind: 'nothing' });
  });
});

describe('wordGroups', () => {
  it.each([
    ['one', ['one']],
    ['a b', ['a b']],
    ['a b c d', ['a b', 'c d']],
    ['long x', ['long x']],
    ['x long', ['x long']],
    ['one two three', ['one', 'two', 'three']],
    ['ab cd ef', ['ab cd ef']],
    ['ab cd efg', ['ab cd', 'efg']],
  ])('%j → %j', (text, groups) => {
    expect(wordGroups(text)).toEqual(groups);
  });
});

it('ftsString doubles quotes', () => {
  expect(ftsString('a"b')).toBe('"a""b"');
});

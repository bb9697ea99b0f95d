// Text normalisation for matching: two spellings of the same name must become the same string.
// Pure; used by parse, score and the library index.

/** Letters that NFKD does not decompose into base + mark. */
const FOLD: Record<string, string> = {
  ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i', ħ: 'h',
};
const FOLD_RE = new RegExp(`[${Object.keys(FOLD).join('')}]`, 'g');

/** Lower-cases, strips diacritics and folds special letters ("Beyoncé" → "beyonce", "Sigur Rós" → "sigur ros"). */
export function foldCase(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(FOLD_RE, (ch) => FOLD[ch] ?? ch);
}

const FEAT_RE = /(^|[\s([{])(?:featuring|feat|ft)(?:\.|(?=\s))/g;

/**
 * The canonical form of a title, artist or album for comparison:
 * lower-case, no diacritics, `&` → `and`, `feat.`/`ft.`/`featuring` → `feat`, punctuation removed
 * (apostrophes vanish, other marks become spaces), single spaces, no leading "the " and no trailing ", the".
 */
export function normalise(text: string): string {
  let s = foldCase(text).trim();
  s = s.replace(/,\s*the$/, '');
  s = s.replace(/\s*&\s*/g, ' and ');
  s = s.replace(/\+/g, ' and ');
  s = s.replace(FEAT_RE, '$1feat');
  s = s.replace(/['’‘`´]/g, '');
  s = s.replace(/[^\p{L}\p{N}\s]+/gu, ' ');
  s = s.replace(/\s+/g, ' ').trim();
  s = s.replace(/^the /, '');
  return s;
}

/** `normalise` without any spaces: "AC/DC" and "ACDC" become the same key. */
export function compactKey(text: string): string {
  return normalise(text).replace(/ /g, '');
}

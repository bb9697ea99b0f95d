// Text normalisation for matching: two spellings of the same name must become the same string.
// Non-Latin scripts stay comparable: Cyrillic and Greek are transliterated to Latin (so "Кино" meets "Kino"),
// CJK, kana and Hangul are kept as characters. Pure; used by parse, score and the index.

/** Letters that NFKD does not decompose into base + mark. */
const FOLD: Record<string, string> = {
  ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i', ħ: 'h',
};

/**
 * Russian/Ukrainian/Belarusian Cyrillic → Latin, close to the everyday spelling on Soulseek and Western
 * storefronts ("Кино" → "kino", "Чайф" → "chaif", "ДДТ" → "ddt"). Applied after NFKD, so "ё"/"й" arrive as
 * "е"/"и" plus a mark that is already gone.
 */
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'i', к: 'k', л: 'l', м: 'm', н: 'n',
  о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', є: 'ye', ґ: 'g', ў: 'u', ј: 'j', љ: 'lj', њ: 'nj',
  ђ: 'dj', ћ: 'c', џ: 'dz', ѕ: 'dz',
};

const GREEK: Record<string, string> = {
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm', ν: 'n',
  ξ: 'x', ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
};

const LETTERS: Record<string, string> = { ...FOLD, ...CYRILLIC, ...GREEK };
const LETTERS_RE = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'g');

/**
 * NFKC (full-width and compatibility forms become plain letters), lower case, no diacritics, special letters
 * folded, Cyrillic and Greek transliterated ("Beyoncé" → "beyonce", "Ｋｉｎｏ" → "kino", "Кино" → "kino").
 */
export function foldCase(text: string): string {
  return memo(foldCache, text, foldUncached);
}

/**
 * Matching normalises the same few thousand names over and over (every candidate of every query), and the
 * Unicode passes are most of a comparison's cost: remember recent answers. Cleared wholesale when full.
 */
const CACHE_MAX = 100_000;
const foldCache = new Map<string, string>();
const normaliseCache = new Map<string, string>();
function memo(cache: Map<string, string>, key: string, compute: (k: string) => string): string {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  if (cache.size >= CACHE_MAX) cache.clear();
  const value = compute(key);
  cache.set(key, value);
  return value;
}

function foldUncached(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFKD')
    // Kana voicing marks are part of the letter (ジ is not シ); every other mark is a diacritic.
    .replace(/(?![\u3099\u309A])\p{M}/gu, '')
    .replace(LETTERS_RE, (ch) => LETTERS[ch] ?? ch)
    .normalize('NFC');
}

const FEAT_RE = /(^|[\s([{])(?:featuring|feat|ft)(?:\s*\.|(?=\s))/g;

/** Han, kana and Hangul: scripts written without spaces, so every character counts as a token. */
export const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

const ROMAN: Record<string, number> = {
  i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6, vii: 7, viii: 8, ix: 9, x: 10, xi: 11, xii: 12, xiii: 13, xiv: 14,
  xv: 15, xvi: 16, xvii: 17, xviii: 18, xix: 19, xx: 20,
};
const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
};
/** Words after which a roman numeral or number word is a number ("Part II", "Vol. Two", "No. V"). */
const COUNTERS = new Set(['part', 'volume', 'chapter', 'no', 'number', 'episode', 'act', 'movement', 'book', 'disc', 'cd']);
const ABBREVIATIONS: Record<string, string> = { pt: 'part', vol: 'volume', ch: 'chapter', nr: 'no', num: 'number', mvt: 'movement' };

/**
 * Numbers written three ways become one: leading zeros go ("07" → "7"), and after a counter word roman
 * numerals and number words become digits ("Pt. II" → "part 2", "Volume Two" → "volume 2"). Multi-letter roman
 * numerals standing alone ("Rocky IV") are converted too; single letters only after a counter, so "I" and "X"
 * as words survive.
 */
function canonicalNumbers(tokens: string[]): string[] {
  const out: string[] = [];
  for (const raw of tokens) {
    const t = ABBREVIATIONS[raw] ?? raw;
    const prev = out[out.length - 1];
    const afterCounter = prev !== undefined && COUNTERS.has(prev);
    if (/^\d+$/.test(t)) out.push(String(Number(t)));
    else if (ROMAN[t] !== undefined && (afterCounter || (t.length > 1 && t !== 'xx' && t !== 'vi'))) out.push(String(ROMAN[t]));
    else if (afterCounter && NUMBER_WORDS[t] !== undefined) out.push(String(NUMBER_WORDS[t]));
    else out.push(t);
  }
  return out;
}

/**
 * The canonical form of a title, artist or album for comparison:
 * folded (see `foldCase`), `&`/`+` → `and`, `feat.`/`ft.`/`featuring` → `feat`, punctuation removed
 * (apostrophes vanish, other marks become spaces), numbers canonical, single spaces, no leading "the " and no
 * trailing ", the".
 */
export function normalise(text: string): string {
  return memo(normaliseCache, text, normaliseUncached);
}

function normaliseUncached(text: string): string {
  let s = foldCase(text).trim();
  s = s.replace(/,\s*the$/, '');
  s = s.replace(/\s*&\s*/g, ' and ');
  s = s.replace(/\+/g, ' and ');
  s = s.replace(FEAT_RE, '$1feat ');
  s = s.replace(/['’‘`´]/g, '');
  s = s.replace(/[^\p{L}\p{N}\s]+/gu, ' ');
  s = s.replace(/\s+/g, ' ').trim();
  s = s.replace(/^the /, '');
  if (!s) return s;
  return canonicalNumbers(s.split(' ')).join(' ');
}

/** `normalise` without any spaces: "AC/DC" and "ACDC" become the same key. */
export function compactKey(text: string): string {
  return normalise(text).replace(/ /g, '');
}

/**
 * Search tokens of a text: the words of its normalised form, with CJK runs split into single characters
 * (they have no spaces to split on). Used by the index for blocking.
 */
export function matchTokens(text: string): string[] {
  const out: string[] = [];
  for (const word of normalise(text).split(' ')) {
    if (!word) continue;
    if (CJK_CHAR.test(word)) {
      for (const ch of word) out.push(ch);
    } else out.push(word);
  }
  return out;
}

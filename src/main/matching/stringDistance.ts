// String distance in [0, 1] after beets' `string_dist`: Levenshtein over the compact normalised form, with
// bracketed text and "feat." parts costing only a fraction of their edit distance. Pure.
// A name that is compared again and again (a catalogue track in an index) is prepared once with `prepareText`;
// `stringDistance` on raw strings is the same computation on freshly prepared ones, so both always agree.
import { distance as levenshtein } from 'fastest-levenshtein';
import { compactKey, foldCase } from './normalise';

/** Parts of a string whose differences matter less, with the share of their distance that still counts. */
const CHEAP_PARTS: ReadonlyArray<[RegExp, number]> = [
  [/[[(]?\b(?:featuring|feat|ft)\b[. :].*$/, 0.1],
  [/\([^()]*\)/g, 0.3],
  [/\[[^[\]]*\]/g, 0.3],
];

/** Edit distance of two compact keys (see `compactKey`), divided by the longer length. */
export function keyDistance(x: string, y: string): number {
  if (x === y) return 0;
  const longest = Math.max(x.length, y.length);
  return longest === 0 ? 0 : levenshtein(x, y) / longest;
}

/** Plain edit distance of the compact normalised forms, divided by the longer length. */
export function basicDistance(a: string, b: string): number {
  return keyDistance(compactKey(a), compactKey(b));
}

/**
 * A string's forms for `preparedStringDistance`: the folded text and its compact key with each combination of
 * cheap parts removed (bit i of a mask = `CHEAP_PARTS[i]` removed, in order). Most names have no cheap part,
 * and then every combination is the text itself.
 */
export interface PreparedText {
  /** `compactKey` of the folded text. */
  readonly key: string;
  /** True when no cheap part occurs: every mask's form is the text itself. */
  readonly plain: boolean;
  /** Folded text per mask, filled on demand. */
  readonly forms: Array<string | undefined>;
  /** Compact key per mask, filled on demand. */
  readonly keys: Array<string | undefined>;
}

export function prepareText(text: string): PreparedText {
  const folded = foldCase(text);
  const key = compactKey(folded);
  const plain = CHEAP_PARTS.every(([pattern]) => folded.replace(pattern, '') === folded);
  const forms: Array<string | undefined> = [folded];
  const keys: Array<string | undefined> = [key];
  return { key, plain, forms, keys };
}

/** The folded text with the cheap parts of `mask` removed, in `CHEAP_PARTS` order. */
function formOf(p: PreparedText, mask: number): string {
  const hit = p.forms[mask];
  if (hit !== undefined) return hit;
  // The highest part of the mask is removed last, from the form without it.
  const top = 31 - Math.clz32(mask);
  const rest = mask & ~(1 << top);
  const form = formOf(p, rest).replace((CHEAP_PARTS[top] as [RegExp, number])[0], '');
  p.forms[mask] = form;
  return form;
}

function keyOf(p: PreparedText, mask: number): string {
  const hit = p.keys[mask];
  if (hit !== undefined) return hit;
  const key = compactKey(formOf(p, mask));
  p.keys[mask] = key;
  return key;
}

/** `stringDistance` of two prepared strings. */
export function preparedStringDistance(a: PreparedText, b: PreparedText): number {
  let base = keyDistance(a.key, b.key);
  if (a.plain && b.plain) return Math.min(1, base);
  let mask = 0;
  let penalty = 0;
  for (let i = 0; i < CHEAP_PARTS.length; i++) {
    const next = mask | (1 << i);
    if (formOf(a, next) === formOf(a, mask) && formOf(b, next) === formOf(b, mask)) continue;
    const dist = keyDistance(keyOf(a, next), keyOf(b, next));
    const delta = Math.max(0, base - dist);
    if (delta === 0) continue;
    // Shift the baseline so the same part is not counted twice by a later pattern.
    mask = next;
    base = dist;
    penalty += (CHEAP_PARTS[i] as [RegExp, number])[1] * delta;
  }
  return Math.min(1, base + penalty);
}

/**
 * Distance between two names: 0 for the same name however spelt, 1 for nothing in common.
 * Text in brackets and featuring credits costs a fraction of what the same edit costs in the name itself.
 */
export function stringDistance(a: string, b: string): number {
  return preparedStringDistance(prepareText(a), prepareText(b));
}

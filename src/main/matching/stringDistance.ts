// String distance in [0, 1] after beets' `string_dist`: Levenshtein over the compact normalised form, with
// bracketed text and "feat." parts costing only a fraction of their edit distance. Pure.
import { distance as levenshtein } from 'fastest-levenshtein';
import { compactKey, foldCase } from './normalise';

/** Parts of a string whose differences matter less, with the share of their distance that still counts. */
const CHEAP_PARTS: ReadonlyArray<[RegExp, number]> = [
  [/[[(]?\b(?:featuring|feat|ft)\b[. :].*$/, 0.1],
  [/\([^()]*\)/g, 0.3],
  [/\[[^[\]]*\]/g, 0.3],
];

/** Plain edit distance of the compact normalised forms, divided by the longer length. */
export function basicDistance(a: string, b: string): number {
  const x = compactKey(a);
  const y = compactKey(b);
  if (x === y) return 0;
  const longest = Math.max(x.length, y.length);
  return longest === 0 ? 0 : levenshtein(x, y) / longest;
}

/**
 * Distance between two names: 0 for the same name however spelt, 1 for nothing in common.
 * Text in brackets and featuring credits costs a fraction of what the same edit costs in the name itself.
 */
export function stringDistance(a: string, b: string): number {
  let x = foldCase(a);
  let y = foldCase(b);
  let base = basicDistance(x, y);
  let penalty = 0;
  for (const [pattern, weight] of CHEAP_PARTS) {
    const x2 = x.replace(pattern, '');
    const y2 = y.replace(pattern, '');
    if (x2 === x && y2 === y) continue;
    const dist = basicDistance(x2, y2);
    const delta = Math.max(0, base - dist);
    if (delta === 0) continue;
    // Shift the baseline so the same part is not counted twice by a later pattern.
    x = x2;
    y = y2;
    base = dist;
    penalty += weight * delta;
  }
  return Math.min(1, base + penalty);
}

// Turns what a person types into the Library's search box into a plan the queries can run: an FTS5 trigram
// match (words anywhere, in any column, diacritics folded as the index folds them) or, for text too short to
// make a trigram, a prefix match on the indexed name columns. Pure: the SQL lives in libraryQueries.ts.
import { foldCase } from '../matching';
import { nameKey } from './catalogStore';

export type LibrarySearch =
  /** Text that folds to nothing (only marks or symbols the folding drops): nothing can match. */
  | { kind: 'nothing' }
  | {
      kind: 'fts';
      /** Every word must occur (implicit AND); each is one quoted FTS string, so no character is an operator. */
      match: string;
      /** The whole text at the start of a column: the "starts with" tier of the ranking. */
      startsWith: string;
      /** Case-insensitive equality with a title or name: the first tier. */
      exact: string;
      /** LIKE pattern for "starts with" on unfolded columns (ESCAPE '\\'). */
      like: string;
    }
  | {
      kind: 'prefix';
      /** LIKE pattern (ESCAPE '\'): the text at the start, the user's % and _ taken literally. */
      like: string;
      exact: string;
    };

/** Trigram indexes cannot match fewer than three characters. */
const TRIGRAM = 3;
const length = (s: string) => [...s].length;

/** FTS5 string literal: inside double quotes every character is literal; a quote is doubled. */
export const ftsString = (s: string) => `"${s.replace(/"/g, '""')}"`;

export function planLibrarySearch(text: string): LibrarySearch {
  const exact = nameKey(text);
  const folded = foldCase(exact).replace(/\s+/g, ' ').trim();
  if (!folded) return { kind: 'nothing' };
  const like = `${exact.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  if (length(folded) < TRIGRAM) return { kind: 'prefix', like, exact };
  return { kind: 'fts', match: wordGroups(folded).map(ftsString).join(' '), startsWith: `^${ftsString(folded)}`, exact, like };
}

/**
 * The words of the query, each long enough for a trigram: a word of one or two characters ("ac dc", "the xx",
 * "pt 2") joins its neighbour as one substring, so it still narrows the match instead of being dropped.
 */
export function wordGroups(folded: string): string[] {
  const groups = folded.split(' ').filter(Boolean);
  for (let i = 0; i < groups.length && groups.length > 1; ) {
    if (length(groups[i]!) >= TRIGRAM) {
      i++;
    } else if (i + 1 < groups.length) {
      groups.splice(i, 2, `${groups[i]} ${groups[i + 1]}`);
    } else {
      groups.splice(i - 1, 2, `${groups[i - 1]} ${groups[i]}`);
    }
  }
  return groups;
}

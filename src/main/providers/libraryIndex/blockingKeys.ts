// The mirror's precomputed blocking keys: the normalised title and artist tokens the owned-check's index votes
// with, computed once when a row is written (refresh) instead of for every row on every analysis. They follow
// the matching engine's own blocking rule (MatchIndex): title tokens from the parsed base title (no brackets,
// versions or feat. credits), artist tokens from every name of every credit. Pure.
import { matchTokens, parseArtistCredit, parseTitle } from '../../matching';

/**
 * Bump when the tokenisation above (or the engine's normalisation under it) changes: rows written with another
 * version are recomputed on the next refresh and, until then, in memory when they are read.
 */
export const BLOCKING_KEYS_VERSION = 1;

export interface BlockingKeys {
  /** Distinct title tokens, in the order the title names them. */
  title: string[];
  /** Distinct artist tokens, in the order the credits name them. */
  artist: string[];
}

export function blockingKeysOf(track: { title: string; artists: readonly string[] }): BlockingKeys {
  const artist: string[] = [];
  for (const a of track.artists) {
    const c = parseArtistCredit(a);
    for (const name of [c.main, ...c.names, ...c.featuring]) artist.push(...matchTokens(name));
  }
  return { title: [...new Set(matchTokens(parseTitle(track.title).base))], artist: [...new Set(artist)] };
}

/** Tokens never contain a space (they are words of the normalised text), so a space joins them losslessly. */
export function joinKeys(tokens: readonly string[]): string {
  return tokens.join(' ');
}

export function splitKeys(text: string): string[] {
  return text === '' ? [] : text.split(' ');
}

// The Soulseek searches to try for a track, in order: the track name, then artist + track name, then the track
// name without brackets and version suffixes ("(feat. X)", "- Remastered 2011"), then the primary artist only.
// Soulseek requires every word to appear in the path, so a shorter text finds more; the longer ones are for when
// a short one drowns in the response limit. The source stops at the first strategy that yields a confident
// candidate. Punctuation is dropped, and a leading "The" of an artist. Pure.
import type { TrackWanted } from '../../base';

export type SearchStrategyName = 'title' | 'artist_title' | 'no_brackets' | 'primary_artist';

export interface SearchStrategy {
  name: SearchStrategyName;
  query: string;
}

/** A title this short on its own matches far too much of the network to be worth a search. */
const MIN_TITLE_ONLY_CHARS = 4;

export function searchStrategies(track: Pick<TrackWanted, 'title' | 'artist'>): SearchStrategy[] {
  const title = cleanWords(track.title);
  const bare = bareTitle(track.title);
  const artist = cleanWords(track.artist.replace(/\b(?:feat|ft|featuring)\b.*$/i, '')).replace(/^the\s+/i, '');
  const primaryArtist = cleanWords(track.artist.split(/\s*(?:,|;|&|\bfeat\.?|\bft\.?|\bfeaturing\b|\bwith\b)\s*/i)[0] ?? '')
    .replace(/^the\s+/i, '');
  const searchable = (t: string) => t.replace(/\s/g, '').length >= MIN_TITLE_ONLY_CHARS;
  const candidates: SearchStrategy[] = [];
  if (searchable(title)) candidates.push({ name: 'title', query: title });
  candidates.push({ name: 'artist_title', query: `${artist} ${title}` });
  if (searchable(bare)) candidates.push({ name: 'no_brackets', query: bare });
  else candidates.push({ name: 'no_brackets', query: `${artist} ${bare}` });
  candidates.push({ name: 'primary_artist', query: `${primaryArtist} ${bare}` });
  const seen = new Set<string>();
  return candidates
    .map((s) => ({ ...s, query: s.query.replace(/\s+/g, ' ').trim() }))
    .filter((s) => {
      const k = s.query.toLowerCase();
      if (!s.query || seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}

/** The search texts of `searchStrategies`, in order. */
export function searchQueries(track: Pick<TrackWanted, 'title' | 'artist'>): string[] {
  return searchStrategies(track).map((s) => s.query);
}

/** The title without bracketed parts, version suffixes and featured artists. */
function bareTitle(title: string): string {
  const noBrackets = title.replace(/[([{][^)\]}]*[)\]}]/g, ' ');
  const noSuffix = noBrackets.replace(/\s+-\s+.*\b(?:remaster(?:ed)?|version|edit|mono|stereo|mix|live|single|bonus)\b.*$/i, '');
  const noFeat = noSuffix.replace(/\b(?:feat|ft|featuring)\b.*$/i, '');
  return cleanWords(noFeat);
}

/**
 * Punctuation becomes spaces. Words with an apostrophe are left out: whether the network indexes "Don't" as
 * "dont" or as "don"+"t" is not documented, and leaving the word out matches either way.
 */
function cleanWords(s: string): string {
  const words = s.normalize('NFC').split(/\s+/);
  const plain = words.filter((w) => !/['’‘`´]/.test(w));
  return (plain.length > 0 ? plain : words)
    .join(' ')
    .replace(/['’‘`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

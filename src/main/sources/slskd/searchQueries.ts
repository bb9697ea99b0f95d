// The Soulseek search texts to try for a track, best first. Soulseek requires every word to appear in the path,
// so decorations ("(feat. X)", "- Remastered 2011", punctuation, a leading "The") are dropped. Pure.
import type { TrackWanted } from '../../base';

export function searchQueries(track: Pick<TrackWanted, 'title' | 'artist'>): string[] {
  const title = cleanTitle(track.title);
  const artist = cleanWords(track.artist.replace(/\b(?:feat|ft|featuring)\b.*$/i, '')).replace(/^the\s+/i, '');
  const primaryArtist = cleanWords(track.artist.split(/\s*(?:,|;|&|\bfeat\.?|\bft\.?|\bfeaturing\b|\bwith\b)\s*/i)[0] ?? '')
    .replace(/^the\s+/i, '');
  const queries = [`${artist} ${title}`, `${primaryArtist} ${title}`];
  if (title.replace(/\s/g, '').length >= 4) queries.push(title);
  const seen = new Set<string>();
  return queries
    .map((q) => q.replace(/\s+/g, ' ').trim())
    .filter((q) => {
      const k = q.toLowerCase();
      if (!q || seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}

function cleanTitle(title: string): string {
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

// Who a remix is credited to: "Artist B – Song (Artist A Remix)" is Artist A's track (they made this
// recording) with Artist B contributing, and the title keeps "(Artist A Remix)". Pure.
import { compactKey } from './normalise';
import { parseArtistCredit, parseTitle } from './parse';

export interface RemixCreditInput {
  title: string;
  /** Credited artists as the source lists them, main first. */
  artists: readonly string[];
}

export interface RemixCredit {
  /** Unchanged: the remix stays named in the title. */
  title: string;
  mainArtist: string;
  /** Main artist first, then the contributing artists. */
  artists: string[];
  contributingArtists: string[];
  /** The remixer when the title names one. */
  remixer?: string;
}

function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const n of names) {
    const key = compactKey(n);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(n.trim());
  }
  return out;
}

/**
 * Credits a remix to its remixer. Without a named remixer (not a remix, or "Club Mix") the credits stay as
 * given: the first artist is the main artist, the others contribute. Featured artists in a credit
 * ("B feat. C") become contributors too.
 */
export function creditRemix(input: RemixCreditInput): RemixCredit {
  const parsed = parseTitle(input.title);
  const credited = uniqueNames(
    input.artists.flatMap((a) => {
      const c = parseArtistCredit(a);
      return [c.main, ...c.featuring];
    }),
  );
  const remixer = parsed.remixer;
  if (!remixer) {
    const [main = '', ...rest] = credited;
    return { title: input.title, mainArtist: main, artists: credited, contributingArtists: rest };
  }
  // The remixer may already be listed (Spotify often lists them second): keep their spelling from the list.
  const listed = credited.find((n) => compactKey(n) === compactKey(remixer)) ?? remixer;
  const contributing = credited.filter((n) => compactKey(n) !== compactKey(remixer));
  return {
    title: input.title,
    mainArtist: listed,
    artists: [listed, ...contributing],
    contributingArtists: contributing,
    remixer: listed,
  };
}

import { describe, expect, it } from 'vitest';
import { OwnedIndex, type LibraryCandidate } from './ownedIndex';

const lib = (title: string, artists: string[], album: string, durationSec: number, extra: Partial<LibraryCandidate> = {}): LibraryCandidate => ({
  title, artists, album, durationSec, where: 'plex', ...extra,
});

const library = new OwnedIndex([
  lib('Bohemian Rhapsody', ['Queen'], 'A Night at the Opera', 355),
  lib('Hotel California - 2013 Remaster', ['Eagles'], 'Hotel California (2013 Remaster)', 391),
  lib('Empire State of Mind (feat. Alicia Keys)', ['JAY-Z'], 'The Blueprint 3', 277),
  lib('Hurt', ['Johnny Cash'], 'American IV: The Man Comes Around', 218),
  lib('Creep', ['Radiohead'], 'Pablo Honey', 238),
  lib('Yellow', ['Coldplay'], 'Live in Buenos Aires', 290),
  lib('Stairway to Heaven', ['Led Zeppelin'], 'Celebration Day', 600),
  lib('Titanium (feat. Sia)', ['David Guetta'], 'Nothing but the Beat', 245),
  lib('Losing My Religion', ['R.E.M.'], 'Out of Time', 268, { where: 'catalog', catalogTrackId: 7, isrc: 'USWB19100001' }),
  lib('Smells Like Teen Spirit', ['Nirvana'], 'Nevermind', 301),
]);

// [playlist entry, owned?, status] — labelled near-duplicates.
const cases: [string, { title: string; artists: string[]; album?: string; durationSec?: number; isrc?: string }, boolean, string][] = [
  ['the same track', { title: 'Bohemian Rhapsody', artists: ['Queen'], album: 'A Night at the Opera', durationSec: 354 }, true, 'owned'],
  ['original for a remaster', { title: 'Hotel California', artists: ['Eagles'], album: 'Hotel California', durationSec: 390 }, true, 'owned'],
  ['feat. moved from the credit into the title', { title: 'Empire State of Mind', artists: ['JAY-Z', 'Alicia Keys'], album: 'The Blueprint 3', durationSec: 276 }, true, 'owned'],
  ['same title by another artist', { title: 'Hurt', artists: ['Nine Inch Nails'], album: 'The Downward Spiral', durationSec: 373 }, false, 'download'],
  ['a live version (title)', { title: 'Creep - Live at Glastonbury 1997', artists: ['Radiohead'], durationSec: 250 }, false, 'download'],
  ['the studio track when the library has the live album', { title: 'Yellow', artists: ['Coldplay'], album: 'Parachutes', durationSec: 269 }, false, 'download'],
  ['the studio track when only the length says live', { title: 'Stairway to Heaven', artists: ['Led Zeppelin'], album: 'Led Zeppelin IV', durationSec: 482 }, false, 'download'],
  ['a remix of an owned track', { title: 'Titanium (Alesso Remix)', artists: ['David Guetta', 'Sia'], durationSec: 310 }, false, 'download'],
  ['the same ISRC under other names', { title: 'Losing My Religion (Remastered)', artists: ['REM'], isrc: 'uswb19100001' }, true, 'owned'],
  ['a track the library lacks', { title: 'Karma Police', artists: ['Radiohead'], album: 'OK Computer', durationSec: 264 }, false, 'download'],
];

describe('owned-check on near-duplicates', () => {
  it.each(cases)('%s', (_name, entry, owned, status) => {
    const v = library.check(entry);
    expect({ owned: v.owned, status: v.status }, `${v.reason} (${v.confidence})`).toEqual({ owned, status });
    if (v.confidence !== null) expect(v.owned).toBe(v.confidence >= 0.8);
  });

  it('says where the match is and how the library names it', () => {
    const v = library.check({ title: 'Losing My Religion', artists: ['R.E.M.'], isrc: 'USWB19100001' });
    expect(v.match).toEqual({ title: 'Losing My Religion', artists: ['R.E.M.'], album: 'Out of Time', where: 'catalog' });
    expect(v.candidate?.catalogTrackId).toBe(7);
  });

  it('a close call by the same artist goes to review, not download; another artist never does', () => {
    const close = library.check({ title: 'Teen Spirit', artists: ['Nirvana'], album: 'Nevermind', durationSec: 301 });
    expect(close).toMatchObject({ status: 'review', owned: false });
    expect(close.confidence).toBeLessThan(0.8);
    expect(library.check({ title: 'Teen Spirit', artists: ['Tori Amos'], durationSec: 301 }).status).toBe('download');
  });

  it('a decision always wins over the score', () => {
    const owned = { title: 'Bohemian Rhapsody', artists: ['Queen'], durationSec: 355 };
    expect(library.check(owned, 'not_owned')).toMatchObject({ status: 'download', owned: false });
    expect(library.check({ title: 'Karma Police', artists: ['Radiohead'] }, 'owned')).toMatchObject({ status: 'owned', owned: true });
  });
});

import { describe, expect, it } from 'vitest';
import {
  MATCH_THRESHOLD,
  OWNED_THRESHOLD,
  ownedConfidence,
  similarity,
  trackDistance,
  type MatchTrack,
  type MatchVerdict,
  type PenaltyName,
} from './score';
import { stringDistance } from './stringDistance';

/** A test track; `artist` is a convenience for a single credit. */
type Spec = Partial<Omit<MatchTrack, 'artists'>> & { artist?: string; artists?: string[] };
const track = ({ artist, ...o }: Spec = {}): MatchTrack => ({
  title: 'Hey Jude',
  durationSec: 431,
  ...o,
  artists: o.artists ?? [artist ?? 'The Beatles'],
});

const penalty = (w: MatchTrack, c: MatchTrack, name: PenaltyName) =>
  trackDistance(w, c).penalties.find((p) => p.name === name);

describe('trackDistance verdicts', () => {
  it.each<[string, Spec, Spec, MatchVerdict]>([
    ['identical', {}, {}, 'match'],
    ['"The Beatles" vs "Beatles"', {}, { artist: 'Beatles' }, 'match'],
    ['"Beatles, The"', {}, { artist: 'Beatles, The' }, 'match'],
    ['case and punctuation', {}, { title: 'HEY JUDE!', artist: 'the beatles' }, 'match'],
    ['diacritics', { title: 'Déjà Vu', artist: 'Beyoncé' }, { title: 'Deja Vu', artist: 'Beyonce' }, 'match'],
    ['duration off by 2 s', {}, { durationSec: 433 }, 'match'],
    ['duration off by 10 s (grace)', {}, { durationSec: 441 }, 'match'],
    ['duration off by 40 s', {}, { durationSec: 471 }, 'reject'],
    ['remaster of what was asked', {}, { title: 'Hey Jude - Remastered 2015' }, 'match'],
    ['"[2011 Remaster]" in brackets', {}, { title: 'Hey Jude [2011 Remaster]' }, 'match'],
    ['radio edit', { title: 'Song', artist: 'A' }, { title: 'Song (Radio Edit)', artist: 'A' }, 'match'],
    ['asked for the remaster, got the original', { title: 'Hey Jude - 2015 Remaster' }, {}, 'match'],
    ['"Original Mix" is the original', { title: 'Song', artist: 'A' }, { title: 'Song (Original Mix)', artist: 'A' }, 'match'],
    ['[Explicit] tag', { title: 'Song', artist: 'A' }, { title: 'Song [Explicit]', artist: 'A' }, 'match'],
    ['live not asked for', {}, { title: 'Hey Jude (Live)' }, 'reject'],
    ['live at Wembley not asked for', {}, { title: 'Hey Jude - Live at Wembley' }, 'reject'],
    ['remix not asked for', {}, { title: 'Hey Jude (DJ Remix)' }, 'reject'],
    ['acoustic not asked for', {}, { title: 'Hey Jude (Acoustic)' }, 'reject'],
    ['instrumental not asked for', {}, { title: 'Hey Jude (Instrumental)' }, 'reject'],
    ['demo not asked for', {}, { title: 'Hey Jude (Demo)' }, 'reject'],
    ['karaoke not asked for', {}, { title: 'Hey Jude (Karaoke Version)' }, 'reject'],
    ['asked for live, got studio', { title: 'Hey Jude (Live)' }, {}, 'reject'],
    ['asked for live, got live', { title: 'Hey Jude - Live' }, { title: 'Hey Jude (Live)' }, 'match'],
    ['asked for a remix, got another remixer', { title: 'Song (Skrillex Remix)', artist: 'A' }, { title: 'Song (Tiesto Remix)', artist: 'A' }, 'reject'],
    ['asked for a remix, got the same remix', { title: 'Song (feat. B) [Skrillex Remix]', artist: 'A' }, { title: 'Song - Skrillex Remix', artist: 'A feat. B' }, 'match'],
    ['feat. in the title vs in the artist', { title: 'Get Lucky (feat. Pharrell Williams)', artist: 'Daft Punk' }, { title: 'Get Lucky', artist: 'Daft Punk feat. Pharrell Williams' }, 'match'],
    ['ft. vs featuring', { title: 'Song ft. B', artist: 'A' }, { title: 'Song (featuring B)', artist: 'A' }, 'match'],
    ['feat. missing on one side', { title: 'Song (feat. B)', artist: 'A' }, { title: 'Song', artist: 'A' }, 'match'],
    ['co-credited artist list', { title: 'Song', artist: 'A' }, { title: 'Song', artist: 'A, B' }, 'match'],
    ['"&" vs "and"', { title: 'Rock & Roll', artist: 'Simon & Garfunkel' }, { title: 'Rock and Roll', artist: 'Simon and Garfunkel' }, 'match'],
    ['another song by the same artist', {}, { title: 'Let It Be' }, 'reject'],
    ['same title, another artist', {}, { artist: 'Wilson Pickett' }, 'reject'],
    ['a typo in the title', {}, { title: 'Hey Judee' }, 'match'],
    ['two typos and a wrong length', {}, { title: 'Hey Juudee', durationSec: 455 }, 'review'],
    ['Part 1 vs Part 2', { title: 'Song, Part 1', artist: 'A' }, { title: 'Song, Part 2', artist: 'A' }, 'reject'],
    ['Symphony No. 5 vs No. 9', { title: 'Symphony No. 5', artist: 'A' }, { title: 'Symphony No. 9', artist: 'A' }, 'reject'],
    ['extended mix where the original was asked', { title: 'Song', artist: 'A', durationSec: 210 }, { title: 'Song (Extended Mix)', artist: 'A', durationSec: 420 }, 'reject'],
    ['"Bonus Track" note', { title: 'Song', artist: 'A' }, { title: 'Song (Bonus Track)', artist: 'A' }, 'match'],
  ])('%s → %s', (_name, w, c, verdict) => {
    expect(trackDistance(track(w), track(c)).verdict).toBe(verdict);
  });
});

describe('trackDistance penalties', () => {
  it('names the version penalty when a live recording was not asked for', () => {
    const p = penalty(track(), track({ title: 'Hey Jude (Live)' }), 'version');
    expect(p).toMatchObject({ weight: 4, value: 1, detail: 'live version not asked for' });
  });

  it('uses beets length rules: 10 s grace, full penalty 30 s past it', () => {
    expect(penalty(track(), track({ durationSec: 433 }), 'length')?.value).toBe(0);
    expect(penalty(track(), track({ durationSec: 456 }), 'length')?.value).toBeCloseTo(0.5);
    expect(penalty(track(), track({ durationSec: 471 }), 'length')).toMatchObject({ value: 1, detail: '40 s longer' });
    expect(penalty(track(), track({ durationSec: 331 }), 'length')).toMatchObject({ value: 1, detail: '100 s shorter' });
  });

  it('leaves out penalties for fields one side lacks instead of counting them as agreement', () => {
    const d = trackDistance(track({ durationSec: undefined }), track({ album: 'Hey Jude', trackNumber: 1 }));
    expect(d.penalties.map((p) => p.name)).toEqual(['title', 'artist']);
  });

  it('weighs a wrong track index and a different album', () => {
    const w = track({ album: 'Abbey Road', trackNumber: 3 });
    const d = trackDistance(w, track({ album: 'Let It Be', trackNumber: 5 }));
    expect(d.penalties.find((p) => p.name === 'track_index')).toMatchObject({ weight: 0.5, value: 1 });
    expect(d.penalties.find((p) => p.name === 'album')?.value).toBeGreaterThan(0.5);
    // The same recording on another album (a compilation, a single) is still the song asked for: a nudge only.
    const sameAlbum = trackDistance(w, track({ album: 'Abbey Road (Remastered)', trackNumber: 3 }));
    expect(sameAlbum.distance).toBe(0);
    expect(d.distance).toBeGreaterThan(0.08);
    // Album and track number tip the balance when the title is already doubtful.
    const doubtful = { title: 'Hey Jude Reprise' };
    expect(trackDistance(w, track({ ...doubtful, album: 'Let It Be', trackNumber: 5 })).distance).toBeGreaterThan(
      trackDistance(w, track({ ...doubtful, album: 'Abbey Road', trackNumber: 3 })).distance,
    );
  });

  it('computes the distance as the weighted mean of its penalties', () => {
    const d = trackDistance(track({ album: 'X', trackNumber: 1 }), track({ title: 'Hey Jud', durationSec: 470, album: 'Y', trackNumber: 2 }));
    const sum = d.penalties.reduce((s, p) => s + p.weight * p.value, 0);
    const max = d.penalties.reduce((s, p) => s + p.weight, 0);
    expect(d.distance).toBeCloseTo(sum / max, 10);
    expect(d.distance).toBeGreaterThanOrEqual(0);
    expect(d.distance).toBeLessThanOrEqual(1);
  });

  it('charges little for a feat. credit and bracketed notes, much for the same edit in the name', () => {
    const featCost = penalty(track({ title: 'Song (feat. B)', artist: 'A' }), track({ title: 'Song', artist: 'A' }), 'artist')!.value;
    expect(featCost).toBeGreaterThan(0);
    expect(featCost).toBeLessThan(0.1);
    expect(stringDistance('Song (Bonus)', 'Song')).toBeLessThan(stringDistance('Song Bonus', 'Song'));
    expect(stringDistance('Song (Bonus)', 'Song')).toBeGreaterThan(0);
  });

  it('ranks the studio track above a live one with similarity()', () => {
    const w = track();
    const studio = track({ durationSec: 436 });
    const live = track({ title: 'Hey Jude (Live)' });
    expect(similarity(w, studio)).toBeGreaterThan(similarity(w, live));
    expect(similarity(w, w)).toBe(1);
    expect(1 - similarity(w, studio)).toBeLessThan(MATCH_THRESHOLD);
  });
});

describe('ownedConfidence', () => {
  it.each<[string, Spec, Spec, boolean]>([
    ['the same track', {}, {}, true],
    ['spelt differently', { artist: 'Beyoncé', title: 'Halo' }, { artist: 'BEYONCE', title: 'Halo' }, true],
    ['a remaster of it', {}, { title: 'Hey Jude - Remastered 2015' }, true],
    ['within 5 s', {}, { durationSec: 426 }, true],
    ['without durations', { durationSec: undefined }, {}, true],
    ['only a live recording', {}, { title: 'Hey Jude (Live)' }, false],
    ['another song', {}, { title: 'Let It Be' }, false],
    ['a cover by someone else', {}, { artist: 'Wilson Pickett' }, false],
  ])('%s → owned %s', (_n, w, o, owned) => {
    expect(ownedConfidence(track(w), track(o)) >= OWNED_THRESHOLD).toBe(owned);
  });

  it('gives duration full credit within ±5 s and less beyond', () => {
    expect(ownedConfidence(track(), track({ durationSec: 436 }))).toBeCloseTo(1, 10);
    expect(ownedConfidence(track(), track({ durationSec: 446 }))).toBeCloseTo(0.96);
    expect(ownedConfidence(track(), track({ durationSec: 500 }))).toBeCloseTo(0.9);
  });
});

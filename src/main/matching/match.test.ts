import { describe, expect, it } from 'vitest';
import { matchFilename, matchTracks } from './match';
import type { MatchTrack } from './score';

const wanted: MatchTrack = { title: 'Harbour Lights', artists: ['Nina Vale'], album: 'Tidewater', durationSec: 200, trackNumber: 1 };

describe('matchFilename', () => {
  it.each<[string, boolean, string | undefined]>([
    ['Music\\Nina Vale\\Tidewater\\01 - Harbour Lights.flac', true, 'folder artist'],
    ['mp3\\Nina Vale - Tidewater\\01 Nina Vale - Harbour Lights.mp3', true, 'artist - title'],
    ['01 - Nina Vale - Harbour Lights [320].mp3', true, 'artist - title'],
    ['Nina Vale - Tidewater (2011) [FLAC]/01. Harbour Lights.flac', true, 'folder artist'],
    ['nina_vale_-_harbour_lights.mp3', true, 'artist - title'],
    ['01-nina_vale-harbour_lights-xyz.mp3', true, 'artist - title'],
    ['Harbour Lights - Nina Vale.mp3', true, 'title - artist'],
    // A bare title is never enough to accept: the artist is unknown, not right.
    ['Harbour Lights.mp3', false, 'title only'],
    ['x\\Someone Else\\Hits\\01 Harbour Lights.flac', false, 'folder artist'],
    ['x\\Nina Vale\\Harbour Lights.flac', true, 'parent folder artist'],
    ['x\\Nina Vale\\Live at the Pier\\03 Harbour Lights.flac', false, 'folder artist'],
    ['x\\Nina Vale\\Tidewater\\01 Harbour Lights (Koda Remix).flac', false, 'folder artist'],
    ['x\\Nina Vale\\Tidewater\\01 Harbour.flac', false, 'folder artist'],
  ])('%s → match %s', (path, match, reading) => {
    const r = matchFilename(wanted, path, 201);
    expect(r.match).toBe(match);
    expect(r.reading).toBe(reading);
  });

  it('explains a rejection in the breakdown', () => {
    const r = matchFilename(wanted, 'x\\Nina Vale\\Tidewater\\01 Harbour Lights (Koda Remix).flac', 201);
    expect(r.breakdown.version).toMatchObject({ weight: 4, value: 1, detail: 'remix version not asked for' });
    expect(r.breakdown.title?.value).toBe(0);
    expect(r.probability).toBeLessThanOrEqual(0.05);
  });

  it('leaves out the length when the peer does not announce one', () => {
    expect(matchFilename(wanted, '01 - Nina Vale - Harbour Lights.mp3').breakdown.length).toBeUndefined();
  });
});

describe('matchTracks', () => {
  it.each<[string, Partial<MatchTrack>, boolean]>([
    ['the same track', {}, true],
    ['a remaster', { title: 'Harbour Lights - 2019 Remaster', album: 'Tidewater (Deluxe Edition)' }, true],
    ['a feat. move', { title: 'Harbour Lights (feat. Koda)', artists: ['Nina Vale'] }, true],
    ['Cyrillic transliterated', { title: 'Harbour Lights', artists: ['Нина Вале'] }, true],
    ['a cover by someone else', { artists: ['Someone Else'] }, false],
    ['the live recording', { title: 'Harbour Lights - Live' }, false],
    ['the acapella', { title: 'Harbour Lights (Acapella)' }, false],
    ['the remix', { title: 'Harbour Lights (Koda Remix)', artists: ['Nina Vale', 'Koda'] }, false],
  ])('%s → match %s', (_name, over, match) => {
    expect(matchTracks(wanted, { ...wanted, ...over }).match).toBe(match);
  });

  it('accepts the remix that was asked for, under either credit', () => {
    const remix = { ...wanted, title: 'Harbour Lights (Koda Remix)' };
    expect(matchTracks(remix, { ...remix, artists: ['Koda'] }).match).toBe(true);
    expect(matchTracks(remix, { ...remix, artists: ['Nina Vale', 'Koda'] }).match).toBe(true);
    expect(matchTracks(remix, { ...remix, title: 'Harbour Lights (Other Remix)' }).match).toBe(false);
  });

  it('scores in [0, 1] with a calibrated probability that grows with the score', () => {
    const good = matchTracks(wanted, wanted);
    const bad = matchTracks(wanted, { ...wanted, title: 'Something Else', artists: ['Other'] });
    expect(good.score).toBe(1);
    expect(bad.score).toBeGreaterThanOrEqual(0);
    expect(bad.score).toBeLessThan(good.score);
    expect(good.probability).toBeGreaterThan(bad.probability);
  });
});

import { describe, expect, it } from 'vitest';
import { bestTrackForArtist, isConfident, rankArtists, suggestionQuery, suggestionReadings, type CandidateTrack } from './artistSuggestions';

const daft = { id: 'a1', name: 'Daft Punk' };
const tribute = { id: 'a2', name: 'Daft Punk Tribute Band' };
const romanthony = { id: 'a3', name: 'Romanthony' };
const candidates: CandidateTrack[] = [
  { id: 't1', title: 'One More Time', artists: [daft], durationMs: 320_000 },
  { id: 't2', title: 'One More Time', artists: [tribute], durationMs: 200_000 },
  { id: 't3', title: 'One More Time - Live', artists: [daft, romanthony], durationMs: 330_000 },
  { id: 't4', title: 'Song - Artist A Remix', artists: [{ id: 'b', name: 'Artist B' }, { id: 'a', name: 'Artist A' }] },
];

describe('suggestionQuery', () => {
  it.each([
    ['Music\\Daft Punk\\Discovery (2001)\\01 - One More Time.flac', 'Daft Punk One More Time'],
    ['Daft Punk - One More Time (Extended Mix) [320].mp3', 'Daft Punk One More Time'],
    ['Artist B - Song (Artist A Remix).mp3', 'Artist B Song Artist A'],
  ])('%s → %s', (filename, q) => expect(suggestionQuery({ filename })).toBe(q));

  it('prefers the file\'s own tags over its name', () => {
    expect(suggestionQuery({ filename: 'track01.mp3', tags: { title: 'Harbour Lights', artist: 'Nina Vale' } })).toBe('Nina Vale Harbour Lights');
    expect(suggestionReadings({ filename: 'x.mp3', tags: { title: 'T', artist: 'A' } }).readings[0]?.how).toBe('tags');
  });
});

describe('rankArtists', () => {
  it('puts the named artist first; a featured artist and a look-alike score far lower', () => {
    const ranked = rankArtists({ filename: 'Music\\Daft Punk\\Discovery\\01 - One More Time.flac', durationMs: 321_000 }, candidates);
    expect(ranked[0]).toMatchObject({ artistId: 'a1', trackId: 't1' });
    expect(ranked[0]!.result.probability).toBeGreaterThan(0.9);
    for (const r of ranked.slice(1)) expect(r.result.probability).toBeLessThan(0.2);
    expect(ranked.length).toBeLessThanOrEqual(5);
  });

  it('keeps at most the limit', () => {
    expect(rankArtists({ filename: 'Daft Punk - One More Time.mp3' }, candidates, 2)).toHaveLength(2);
  });
});

describe('bestTrackForArtist', () => {
  it('finds the chosen artist\'s version, not the live one, and is confident about it', () => {
    const best = bestTrackForArtist({ filename: 'Daft Punk - One More Time.mp3', durationMs: 320_000 }, candidates, daft);
    expect(best?.track.id).toBe('t1');
    expect(isConfident(best!.result)).toBe(true);
  });

  it('finds a remix for its remixer', () => {
    const best = bestTrackForArtist({ filename: 'Artist B - Song (Artist A Remix).mp3' }, candidates, { id: 'a', name: 'Artist A' });
    expect(best?.track.id).toBe('t4');
  });

  it('is not confident about a live recording for a studio file', () => {
    const onlyLive = candidates.filter((c) => c.id === 't3');
    const best = bestTrackForArtist({ filename: 'Daft Punk - One More Time.mp3', durationMs: 330_000 }, onlyLive, daft);
    expect(best && isConfident(best.result)).toBe(false);
  });
});

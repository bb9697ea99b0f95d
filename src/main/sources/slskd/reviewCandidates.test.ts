import { describe, expect, it } from 'vitest';
import type { TrackWanted } from '../../base';
import { candidatesFromResponses, rankCandidates } from './rank';
import { CloseCalls, REVIEW_FLOOR } from './reviewCandidates';
import type { SlskdSearchFile, SlskdSearchResponse } from './schemas';

const wanted: TrackWanted = { trackId: 1, title: 'Harbour Lights', artist: 'Nina Vale', durationSec: 200, externalIds: {} };
const file = (filename: string, over: Partial<SlskdSearchFile> = {}): SlskdSearchFile =>
  ({ filename, size: 8_000_000, length: 200, bitRate: 320, isVariableBitRate: false, ...over }) as SlskdSearchFile;
const response = (username: string, files: SlskdSearchFile[], over: Partial<SlskdSearchResponse> = {}): SlskdSearchResponse =>
  ({ username, token: 1, hasFreeUploadSlot: true, queueLength: 0, uploadSpeed: 1_000_000, fileCount: files.length, files, lockedFileCount: 0, lockedFiles: [], ...over }) as SlskdSearchResponse;
const rank = (responses: SlskdSearchResponse[]) => rankCandidates(wanted, candidatesFromResponses(responses));

describe('close calls of a search', () => {
  it('keeps the engine’s doubtful files above the floor, best first, and never another recording or an unrelated file', () => {
    const { ranked, rejected } = rank([
      response('a', [
        file('@@m\\Misc\\Harbour Lights.mp3'), // no artist named: review
        file('@@m\\Nina Vale - Harbour Lights (Live).mp3'), // another recording
        file('@@m\\Other Band - Harbour Lights.mp3'), // another artist: below the floor
        file('@@m\\Nina Vale - Harbour Lights.mp3', { bitRate: 96 }), // quality below the minimum
      ]),
      response('b', [file('@@m\\Misc\\Harbour Lights.flac', { bitRate: undefined, bitDepth: 16, sampleRate: 44100 })], { hasFreeUploadSlot: false }),
    ]);
    expect(ranked).toEqual([]);
    const calls = new CloseCalls();
    calls.add(rejected);
    const best = calls.best();
    expect(best.map((c) => [c.username, c.filename, c.quality])).toEqual([
      ['b', '@@m\\Misc\\Harbour Lights.flac', 'FLAC 16-bit'],
      ['a', '@@m\\Misc\\Harbour Lights.mp3', 'MP3 320'],
    ]);
    for (const c of best) {
      expect(c.score).toBeGreaterThanOrEqual(REVIEW_FLOOR);
      expect(c.breakdown.artist).toMatchObject({ detail: 'artist not named' });
    }
    expect(REVIEW_FLOOR).toBeCloseTo(0.75);
  });

  it('counts a file seen by two queries once, keeps only what may be offered, and stops at the limit', () => {
    const peers = Array.from({ length: 9 }, (_, i) => response(`peer${i}`, [file('@@m\\Misc\\Harbour Lights.mp3'), file('@@m\\Hidden\\Harbour Lights.mp3')]));
    const calls = new CloseCalls((path) => !path.includes('Hidden'));
    calls.add(rank(peers).rejected);
    calls.add(rank(peers).rejected);
    expect(calls.size).toBe(9);
    expect(calls.best(5)).toHaveLength(5);
    expect(calls.best()).toHaveLength(6);
    expect(calls.best().every((c) => c.filename === '@@m\\Misc\\Harbour Lights.mp3')).toBe(true);
  });

  it('takes confident files too, for a person’s own search', () => {
    const { ranked } = rank([response('a', [file('@@m\\Nina Vale - Harbour Lights.mp3')])]);
    const calls = new CloseCalls();
    calls.add(ranked);
    expect(calls.best().map((c) => c.score)).toEqual([1]);
  });
});

import { describe, expect, it } from 'vitest';
import type { TrackWanted } from '../../base';
import { classifyQuality, type QualityTier } from './quality';
import {
  candidateKey,
  candidatesFromResponses,
  rankCandidates,
  type ScoreMatch,
} from './rank';
import { parseRemotePath } from './remotePath';
import type { SlskdSearchFile, SlskdSearchResponse } from './schemas';

const track = (over: Partial<TrackWanted> = {}): TrackWanted => ({
  trackId: 1,
  title: 'Harbour Lights',
  artist: 'Nina Vale',
  album: 'Tidewater',
  durationSec: 200,
  externalIds: {},
  ...over,
});

const file = (filename: string, over: Partial<SlskdSearchFile> = {}): SlskdSearchFile => {
  const ext = filename.slice(filename.lastIndexOf('.') + 1).toLowerCase();
  const lossless = ext === 'flac';
  return {
    filename,
    size: 8_000_000,
    length: 200,
    ...(lossless ? { bitDepth: 16, sampleRate: 44100 } : { bitRate: 320, isVariableBitRate: false }),
    ...over,
  } as SlskdSearchFile;
};

const response = (
  username: string,
  files: SlskdSearchFile[],
  over: Partial<Omit<SlskdSearchResponse, 'files'>> = {},
): SlskdSearchResponse => ({
  username,
  hasFreeUploadSlot: true,
  queueLength: 0,
  uploadSpeed: 1_000_000,
  fileCount: files.length,
  files,
  lockedFileCount: 0,
  lockedFiles: [],
  ...over,
});

const GOOD_FLAC = 'Music\\Nina Vale\\Tidewater\\01 - Harbour Lights.flac';
const GOOD_MP3 = 'mp3\\Nina Vale - Tidewater\\01 Nina Vale - Harbour Lights.mp3';

const rank = (responses: SlskdSearchResponse[], options = {}, wanted = track()) =>
  rankCandidates(wanted, candidatesFromResponses(responses), options);
const order = (r: ReturnType<typeof rank>) => r.ranked.map((c) => c.username);

describe('parseRemotePath', () => {
  it.each([
    ['@@m\\Nina Vale\\Tidewater\\01 - Nina Vale - Harbour Lights.flac', 'Nina Vale', 'Harbour Lights', 'Tidewater', 1],
    ['Music\\Nina Vale - Tidewater (2019)\\01 Harbour Lights.mp3', 'Nina Vale', 'Harbour Lights', 'Tidewater (2019)', 1],
    ['hires\\Nina Vale\\Tidewater [24-96]\\01. Harbour Lights.flac', 'Nina Vale', 'Harbour Lights', 'Tidewater [24-96]', 1],
    ['Music\\Queen\\A Night at the Opera\\CD1\\1-11 Bohemian Rhapsody.flac', 'Queen', 'Bohemian Rhapsody', 'A Night at the Opera', 11],
    ['x\\Ariana Grande\\thank u, next\\7 rings.mp3', 'Ariana Grande', '7 rings', 'thank u, next', undefined],
    ['x\\Prince\\1999\\1999.mp3', 'Prince', '1999', '1999', undefined],
    ['shared\\mp3\\Nina Vale\\Nina Vale - Harbour Lights.mp3', 'Nina Vale', 'Harbour Lights', undefined, undefined],
    ['Harbour Lights.mp3', undefined, 'Harbour Lights', undefined, undefined],
  ])('%s', (path, artist, title, album, trackNumber) => {
    expect(parseRemotePath(path)).toMatchObject({ artist, title, album, trackNumber });
  });
});

describe('classifyQuality', () => {
  it.each<[Parameters<typeof classifyQuality>[0], QualityTier | undefined]>([
    [{ ext: 'flac', bitDepth: 24 }, 'flac-24'],
    [{ ext: 'flac', bitDepth: 16 }, 'flac-16'],
    [{ ext: 'flac' }, 'flac-16'],
    [{ ext: 'mp3', bitRate: 320 }, 'mp3-320'],
    [{ ext: 'mp3', bitRate: 245, isVariableBitRate: true }, 'mp3-v0'],
    [{ ext: 'mp3', bitRate: 190, isVariableBitRate: true }, 'mp3-v2'],
    [{ ext: 'mp3', bitRate: 256 }, 'mp3-256'],
    [{ ext: 'mp3', bitRate: 192 }, 'mp3-192'],
    [{ ext: 'mp3', bitRate: 128 }, 'mp3-128'],
    [{ ext: 'mp3', bitRate: 96 }, 'mp3-low'],
    // No bitrate announced: estimated from size and length (8 MB over 200 s ≈ 320 kbps).
    [{ ext: 'mp3', size: 8_000_000, lengthSec: 200 }, 'mp3-320'],
    [{ ext: 'm4a', bitRate: 256 }, 'aac-256'],
    [{ ext: 'ogg' }, 'ogg'],
    [{ ext: 'wav' }, undefined],
    [{ ext: 'jpg' }, undefined],
  ])('%j → %s', (facts, tier) => {
    expect(classifyQuality(facts)).toBe(tier);
  });
});

describe('candidatesFromResponses', () => {
  it('leaves out locked files, whether listed under lockedFiles or flagged isLocked', () => {
    const locked = file('a\\Nina Vale\\Tidewater\\02 - Harbour Lights.flac');
    const flagged = file('a\\Nina Vale\\Tidewater\\03 - Harbour Lights.flac', { isLocked: true });
    const cands = candidatesFromResponses([
      response('alice', [file(GOOD_FLAC), flagged, locked], { lockedFiles: [locked] }),
      response('bob', [locked]),
    ]);
    // bob shares the same path unlocked: that copy is fair game.
    expect(cands.map((c) => c.key)).toEqual([candidateKey('alice', GOOD_FLAC), candidateKey('bob', locked.filename)]);
  });
});

describe('rankCandidates', () => {
  it('prefers quality along the ladder when the match is equally good', () => {
    const r = rank([
      response('mp3v0', [file(GOOD_MP3, { bitRate: 245, isVariableBitRate: true })]),
      response('flac16', [file(GOOD_FLAC)]),
      response('mp3cbr', [file(GOOD_MP3)]),
      response('flac24', [file(GOOD_FLAC, { bitDepth: 24, sampleRate: 96000 })]),
    ]);
    expect(order(r)).toEqual(['flac24', 'flac16', 'mp3cbr', 'mp3v0']);
  });

  it('ranks by match score first: a better match beats better quality', () => {
    const score: ScoreMatch = (_w, c) => (c.path.includes('exact') ? 0.98 : 0.75);
    const r = rank(
      [response('flac', [file('x\\close\\Harbour Lights.flac')]), response('mp3', [file('x\\exact\\Harbour Lights.mp3')])],
      { scoreMatch: score },
    );
    expect(order(r)).toEqual(['mp3', 'flac']);
  });

  it('treats scores in the same band as equal, so quality decides', () => {
    const score: ScoreMatch = (_w, c) => (c.path.endsWith('.mp3') ? 0.97 : 0.92);
    const r = rank([response('mp3', [file(GOOD_MP3)]), response('flac', [file(GOOD_FLAC)])], { scoreMatch: score });
    expect(order(r)).toEqual(['flac', 'mp3']);
  });

  it('then prefers a free upload slot, a shorter queue, a faster peer', () => {
    const r = rank([
      response('busy', [file(GOOD_FLAC)], { hasFreeUploadSlot: false }),
      response('slow', [file(GOOD_FLAC)], { uploadSpeed: 10_000 }),
      response('queued', [file(GOOD_FLAC)], { queueLength: 12 }),
      response('fast', [file(GOOD_FLAC)], { uploadSpeed: 5_000_000 }),
    ]);
    expect(order(r)).toEqual(['fast', 'slow', 'queued', 'busy']);
  });

  it('follows a configured ladder and minimum', () => {
    const responses = [
      response('flac', [file(GOOD_FLAC)]),
      response('mp3', [file(GOOD_MP3)]),
      response('mp3low', [file(GOOD_MP3, { bitRate: 192 })]),
    ];
    const mp3First = rank(responses, { ladder: ['mp3-320', 'flac-16', 'mp3-192'], minQuality: 'flac-16' });
    expect(order(mp3First)).toEqual(['mp3', 'flac']);
    expect(mp3First.rejected.map((x) => [x.candidate.username, x.reason])).toEqual([
      ['mp3low', 'quality mp3-192 below minimum flac-16'],
    ]);
  });

  it.each<[string, string, string | undefined]>([
    ['format', 'x\\Nina Vale\\Tidewater\\01 Harbour Lights.wav', 'format .wav not wanted'],
    ['quality', 'x\\Nina Vale\\Tidewater\\01 Harbour Lights.mp3|128', 'quality mp3-128 below minimum mp3-192'],
    ['live', 'x\\Nina Vale\\Tidewater\\01 Harbour Lights (Live).flac', 'live version not asked for'],
    ['live album', 'x\\Nina Vale\\Live at the Pier\\03 Harbour Lights.flac', 'live version not asked for'],
    ['remix', 'x\\Nina Vale\\Singles\\Harbour Lights (Koda Remix).flac', 'remix version not asked for'],
    ['acoustic', 'x\\Nina Vale\\Harbour Lights - Acoustic.flac', 'acoustic version not asked for'],
    ['instrumental', 'x\\Nina Vale\\Tidewater\\Harbour Lights [Instrumental].flac', 'instrumental version not asked for'],
    ['weak title', 'x\\Nina Vale\\Tidewater\\01 Harbour.flac', 'match 0.82 not confident: "Harbour" for "Harbour Lights"'],
    ['other artist', 'x\\Someone Else\\Hits\\01 Harbour Lights - Someone Else.flac', 'match 0.72 not confident: "Someone Else" for "Nina Vale"'],
    ['bare title', 'Harbour Lights.flac', 'match 0.83 not confident: artist not named'],
    ['another remixer', 'x\\Nina Vale\\Singles\\Harbour Lights (Koda Remix).flac', 'remix version not asked for'],
    ['karaoke', 'x\\Nina Vale\\Tidewater\\01 Harbour Lights - Karaoke Version.flac', 'instrumental version not asked for'],
    ['sped up', 'x\\Nina Vale\\Tidewater\\01 Harbour Lights (Sped Up).mp3', 'sped-up version not asked for'],
    ['unplugged album', 'x\\Nina Vale\\Unplugged\\01 Harbour Lights.flac', 'acoustic version not asked for'],
    ['demo', 'x\\Nina Vale\\Tidewater\\01 Harbour Lights (Demo).flac', 'demo version not asked for'],
    ['acapella', 'x\\Nina Vale\\Tidewater\\01 Harbour Lights (Acapella).flac', 'acapella version not asked for'],
  ])('rejects %s', (_name, spec, reason) => {
    const [path, bitRate] = spec.split('|') as [string, string | undefined];
    const r = rank([response('peer', [file(path, bitRate ? { bitRate: Number(bitRate) } : {})])]);
    expect(r.ranked).toEqual([]);
    expect(r.rejected[0]?.reason).toBe(reason);
  });

  it('accepts a version that was asked for', () => {
    const live = 'x\\Nina Vale\\Live at the Pier\\03 Harbour Lights (Live).flac';
    const r = rank([response('peer', [file(live)])], {}, track({ title: 'Harbour Lights (Live)', album: 'Live at the Pier' }));
    expect(order(r)).toEqual(['peer']);
  });

  it('lists each (user, file) once', () => {
    const r = rank([response('alice', [file(GOOD_FLAC), file(GOOD_FLAC)])]);
    expect(r.ranked).toHaveLength(1);
  });
});

describe('rankCandidates with the matching engine', () => {
  it.each([
    ['radio edit', 'x\\Nina Vale\\Tidewater\\01 Harbour Lights (Radio Edit).flac'],
    ['original mix', 'x\\Nina Vale\\Tidewater\\01 Harbour Lights (Original Mix).flac'],
    ['remaster', 'x\\Nina Vale\\Tidewater (2019 Remaster)\\01 Harbour Lights - 2019 Remaster.flac'],
    ['accents and case', 'x\\NIÑA VALÉ\\Tidewater\\01 HARBOUR LIGHTS.flac'],
    ['a word that merely contains a marker', 'x\\Nina Vale\\Olive Tree\\01 Harbour Lights.flac'],
    ['underscores and tags', 'x\\nina_vale_-_harbour_lights_[320].mp3'],
  ])('accepts the %s', (_name, path) => {
    const r = rank([response('peer', [file(path)])]);
    expect(r.rejected.map((x) => x.reason)).toEqual([]);
    expect(r.ranked[0]?.match?.match).toBe(true);
  });

  it('keeps the engine breakdown on each ranked candidate so the UI can say why', () => {
    const r = rank([response('peer', [file(GOOD_FLAC, { length: 204 })])]);
    expect(r.ranked[0]?.match?.breakdown.length).toMatchObject({ weight: 2, value: 0, detail: '4 s longer' });
  });

  it('ranks the studio file above nothing: a live album never stands in for it', () => {
    const r = rank([
      response('live', [file('x\\Nina Vale\\Live at the Pier\\03 Harbour Lights.flac', { bitDepth: 24 })]),
      response('studio', [file(GOOD_MP3)]),
    ]);
    expect(order(r)).toEqual(['studio']);
  });
});

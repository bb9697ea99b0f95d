import { describe, expect, it } from 'vitest';
import type { TrackWanted } from '../../base';
import { planTagWrite } from './tagPlan';
import { wantedTrackTags } from './wantedTrackTags';

const wanted = (over: Partial<TrackWanted> = {}): TrackWanted => ({
  trackId: 7,
  title: 'Harbour Lights',
  artist: 'Nina Vale feat. Rio',
  album: 'Tidewater',
  albumArtist: 'Nina Vale',
  albumTrackCount: 12,
  trackNumber: 3,
  discNumber: 2,
  isrc: 'gbxyz1900003',
  externalIds: { spotify: 'sp-track', qobuz: '123' },
  version: 'Live',
  discTrackCount: 5,
  albumDiscCount: 2,
  releaseDate: '2019-04-05',
  genre: 'Folk',
  label: 'Tide Records',
  coverUrl: 'http://x/cover.jpg',
  albumExternalIds: { spotify: 'sp-album', qobuz: '0886443927087' },
  ...over,
});

describe('wantedTrackTags', () => {
  it('carries everything the catalog knows, Picard style', () => {
    const cover = { data: Buffer.from([0xff, 0xd8, 0xff]), mime: 'image/jpeg' };
    expect(wantedTrackTags(wanted(), cover)).toEqual({
      title: 'Harbour Lights (Live)',
      artists: ['Nina Vale', 'Rio'],
      artistCredit: 'Nina Vale feat. Rio',
      albumArtist: 'Nina Vale',
      album: 'Tidewater',
      trackNumber: 3,
      trackTotal: 5,
      discNumber: 2,
      discTotal: 2,
      date: '2019-04-05',
      genre: 'Folk',
      label: 'Tide Records',
      isrc: 'gbxyz1900003',
      cover,
      externalIds: { SPOTIFY_TRACK_ID: 'sp-track', QOBUZ_TRACK_ID: '123', SPOTIFY_ALBUM_ID: 'sp-album', QOBUZ_ALBUM_ID: '0886443927087' },
    });
  });

  it('credits every artist the catalog knows (a playlist entry\'s), main first', () => {
    const tags = wantedTrackTags(wanted({ artist: 'Nina Vale', artists: ['Nina Vale', 'Bo', 'Rio'] }));
    expect(tags.artists).toEqual(['Nina Vale', 'Bo', 'Rio']);
    expect(tags.artistCredit).toBe('Nina Vale, Bo & Rio');
  });

  it('writes the service ids as TXXX frames with upper-case names', () => {
    const frames = planTagWrite('mp3', wantedTrackTags(wanted())).fields.map((f) => f.key);
    expect(frames).toEqual(expect.arrayContaining(['TXXX:SPOTIFY_TRACK_ID', 'TXXX:QOBUZ_TRACK_ID', 'TXXX:SPOTIFY_ALBUM_ID', 'TXXX:QOBUZ_ALBUM_ID']));
  });

  it('uses the album count as the total only on a single-disc album, and omits what is unknown', () => {
    expect(wantedTrackTags(wanted({ discTrackCount: undefined, albumDiscCount: 1 })).trackTotal).toBe(12);
    expect(wantedTrackTags(wanted({ discTrackCount: undefined })).trackTotal).toBeUndefined();
    const bare = wantedTrackTags({ trackId: 1, title: 'Solo', artist: 'Someone', externalIds: {} });
    expect(bare).toEqual({ title: 'Solo', artists: ['Someone'], artistCredit: 'Someone' });
  });
});

import { describe, expect, it } from 'vitest';
import { qobuzTrackTags } from './qobuzTrackTags';
import type { SyncAlbum, SyncTrack } from './plan';

const album: SyncAlbum = {
  qobuzId: '0886443927087', title: 'Random Access Memories', version: 'Deluxe', artist: { name: 'Daft Punk' }, genre: 'Electro',
  label: 'Columbia', releaseDate: '2013-05-17', trackCount: 13, discCount: 1, copyright: '(P) 2013 Daft Life', isCompilation: false,
};
const track: SyncTrack = {
  qobuzId: 19654963, title: 'Get Lucky', version: 'Radio Edit', artist: { name: 'Daft Punk feat. Pharrell Williams & Nile Rodgers' },
  trackNumber: 8, discNumber: 1, isrc: 'usqx91300108',
};

describe('qobuzTrackTags', () => {
  it('maps a purchase to Picard-style tags with the Qobuz ids', () => {
    expect(qobuzTrackTags({ track, album, discTrackCount: 13 })).toEqual({
      title: 'Get Lucky (Radio Edit)',
      artists: ['Daft Punk', 'Pharrell Williams', 'Nile Rodgers'],
      artistCredit: 'Daft Punk feat. Pharrell Williams & Nile Rodgers',
      albumArtist: 'Daft Punk',
      album: 'Random Access Memories (Deluxe)',
      trackNumber: 8, trackTotal: 13, discNumber: 1, discTotal: 1,
      date: '2013-05-17', genre: 'Electro', isrc: 'usqx91300108', label: 'Columbia', copyright: '(P) 2013 Daft Life',
      externalIds: { QOBUZ_TRACK_ID: '19654963', QOBUZ_ALBUM_ID: '0886443927087' },
    });
  });

  it('keeps a band with "&" or "/" in its name as one artist, and prefers the track copyright', () => {
    const t = qobuzTrackTags({ track: { ...track, version: null, artist: { name: 'AC/DC' }, copyright: '(P) 1980 Leidseplein' }, album });
    expect(t.artists).toEqual(['AC/DC']);
    expect(t.copyright).toBe('(P) 1980 Leidseplein');
    expect(t.trackTotal).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { displayText, peerFileInfo } from './peerFileInfo';

describe('what a peer path says', () => {
  const cases: Array<[string, Partial<ReturnType<typeof peerFileInfo>>]> = [
    ['@@music\\Glass Harbour\\Tidal Maps\\01 - Glass Harbour - Harbour Lights.flac', { artist: 'Glass Harbour', title: 'Harbour Lights', album: 'Tidal Maps', albumArtist: 'Glass Harbour', trackNumber: 1 }],
    ['Music\\Nina Vale - Tidewater (2019) [FLAC]\\03. Salt Roads.flac', { artist: 'Nina Vale', title: 'Salt Roads', album: 'Tidewater', year: 2019, trackNumber: 3 }],
    ['Music\\Nina Vale - Tidewater\\CD2\\01 Salt Roads.flac', { artist: 'Nina Vale', album: 'Tidewater', disc: 2, trackNumber: 1 }],
    ['shared\\Singles\\Ada Okafor - Open Weather [320].mp3', { artist: 'Ada Okafor', title: 'Open Weather' }],
    ['x/y/Nina Vale - D.mp3', { artist: 'Nina Vale', title: 'D', name: 'Nina Vale - D.mp3', folder: 'y' }],
  ];
  it.each(cases)('%s', (path, expected) => {
    expect(peerFileInfo(path)).toMatchObject(expected);
  });
});

describe('peer text shown to people', () => {
  it('drops control and direction-override characters and bounds the length', () => {
    expect(displayText('a\u0007b\u202ec\u2066d\u200f')).toBe('abcd');
    expect(displayText('x'.repeat(400))).toHaveLength(300);
  });
});

import { describe, expect, it } from 'vitest';
import type { PlanEntry, SyncAlbum, SyncTrack } from './plan';
import { TagIndex, type AudioProbe } from './recognise';

const album = (o: Partial<SyncAlbum> = {}): SyncAlbum => ({
  qobuzId: 'a1', title: 'Tidewater', version: null, artist: { name: 'Nina Vale' }, trackCount: 10, discCount: 1, isCompilation: false, ...o,
});
const track = (o: Partial<SyncTrack> = {}): SyncTrack => ({
  qobuzId: 11, title: 'Harbour Lights', version: null, artist: { name: 'Nina Vale' }, trackNumber: 1, discNumber: 1, durationSec: 200, ...o,
});
const entry = (t: Partial<SyncTrack> = {}, a: Partial<SyncAlbum> = {}): PlanEntry => ({
  track: track(t), album: album(a), kind: 'album', path: '/sync/Nina Vale/Tidewater/01 - Harbour Lights.flac',
});

async function indexOf(files: Record<string, AudioProbe>): Promise<TagIndex> {
  return TagIndex.build(Object.keys(files), async (f) => files[f]);
}

const tags = (o: Partial<AudioProbe> = {}): AudioProbe => ({
  title: 'Harbour Lights', artist: 'Nina Vale', album: 'Tidewater', durationSec: 201, ...o,
});

describe('TagIndex recognises a file by its tags through the matching engine', () => {
  it.each<[string, Partial<AudioProbe>]>([
    ['the same tags', {}],
    ['another spelling', { title: 'HARBOUR LIGHTS', artist: 'Niña Valé' }],
    ['edition noise in the album', { album: 'Tidewater (Deluxe Edition) [Remastered]' }],
    ['a feat. credit in the title', { title: 'Harbour Lights (feat. Koda)' }],
    ['the album artist only', { artist: undefined, albumArtist: 'Nina Vale' }],
  ])('adopts %s', async (_name, over) => {
    const index = await indexOf({ '/x/a.flac': tags(over) });
    expect(index.claim(entry())).toEqual({ path: '/x/a.flac', how: 'tags' });
  });

  it.each<[string, Partial<AudioProbe>]>([
    ['a live recording', { title: 'Harbour Lights - Live' }],
    ['a remix', { title: 'Harbour Lights (Koda Remix)' }],
    ['another artist', { artist: 'Someone Else' }],
    ['another album', { album: 'Greatest Hits' }],
    ['a much longer file', { durationSec: 260 }],
    ['a file naming another Qobuz track', { qobuzTrackId: '999' }],
  ])('does not adopt %s', async (_name, over) => {
    const index = await indexOf({ '/x/a.flac': tags(over) });
    expect(index.claim(entry())).toBeUndefined();
  });

  it('claims each file once and prefers the Qobuz id, then the ISRC', async () => {
    const index = await indexOf({
      '/x/tags.flac': tags(),
      '/x/isrc.flac': tags({ title: 'Other', isrc: 'GBAAA0000001' }),
      '/x/id.flac': tags({ title: 'Other', qobuzTrackId: '11' }),
    });
    expect(index.claim(entry({ isrc: 'GBAAA0000001' }))).toEqual({ path: '/x/id.flac', how: 'qobuz_id' });
    expect(index.claim(entry({ isrc: 'GBAAA0000001' }))).toEqual({ path: '/x/isrc.flac', how: 'isrc' });
    expect(index.claim(entry({ isrc: 'GBAAA0000001' }))).toEqual({ path: '/x/tags.flac', how: 'tags' });
    expect(index.claim(entry())).toBeUndefined();
  });
});

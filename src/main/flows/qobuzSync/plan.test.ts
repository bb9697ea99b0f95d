import { describe, expect, it } from 'vitest';
import { planSync, type SyncAlbum, type SyncTrack } from './plan';

const ROOT = '/music';

function album(o: Partial<SyncAlbum> & { qobuzId: string; title: string }): SyncAlbum {
  return { version: null, artist: { name: 'Artist' }, trackCount: 0, discCount: 1, isCompilation: false, ...o };
}

function track(o: Partial<SyncTrack> & { qobuzId: number; title: string }): SyncTrack {
  return { version: null, artist: { name: 'Artist' }, trackNumber: 1, discNumber: 1, ...o };
}

describe('planSync', () => {
  it('files an album flat, a multi-disc album in Disc N folders, with n/N per disc', () => {
    const flat = album({ qobuzId: 'a', title: 'Flat', trackCount: 2 });
    const multi = album({ qobuzId: 'b', title: 'Big', trackCount: 3, discCount: 2 });
    const p = planSync(ROOT, [
      { album: flat, tracks: [track({ qobuzId: 2, title: 'Two', trackNumber: 2 }), track({ qobuzId: 1, title: 'One' })] },
      { album: multi, tracks: [track({ qobuzId: 3, title: 'A' }), track({ qobuzId: 4, title: 'B', trackNumber: 2 }), track({ qobuzId: 5, title: 'C', discNumber: 2 })] },
    ], []);
    expect(p.entries.map((e) => [e.path, e.discTrackCount])).toEqual([
      ['/music/Artist/Flat/01 - One.mp3', 2],
      ['/music/Artist/Flat/02 - Two.mp3', 2],
      ['/music/Artist/Big/Disc 1/01 - A.mp3', 2],
      ['/music/Artist/Big/Disc 1/02 - B.mp3', 2],
      ['/music/Artist/Big/Disc 2/01 - C.mp3', 1],
    ]);
  });

  it('sees a second disc in the track list even when the album says one medium', () => {
    const a = album({ qobuzId: 'a', title: 'X', discCount: 1 });
    const p = planSync(ROOT, [{ album: a, tracks: [track({ qobuzId: 1, title: 'A' }), track({ qobuzId: 2, title: 'B', discNumber: 2 })] }], []);
    expect(p.entries.map((e) => e.path)).toEqual(['/music/Artist/X/Disc 1/01 - A.mp3', '/music/Artist/X/Disc 2/01 - B.mp3']);
  });

  it('names compilation files NN - Track Artist - Title under the album artist folder; versions in titles', () => {
    const va = album({ qobuzId: 'v', title: 'Hits', version: 'Deluxe', artist: { name: 'Various Artists' }, isCompilation: true });
    const p = planSync(ROOT, [{ album: va, tracks: [track({ qobuzId: 1, title: 'Song', version: 'Live', artist: { name: 'Ann' } })] }], []);
    expect(p.entries[0]!.path).toBe('/music/Various Artists/Hits (Deluxe)/01 - Ann - Song (Live).mp3');
  });

  it('keeps a track bought alone and in a bought album once, under the album', () => {
    const a = album({ qobuzId: 'a', title: 'Album' });
    const t = track({ qobuzId: 7, title: 'Hit' });
    const p = planSync(ROOT, [{ album: a, tracks: [t] }], [{ track: t, album: a }, { track: track({ qobuzId: 8, title: 'Other' }), album: album({ qobuzId: 's', title: 'Single' }) }]);
    expect(p.deduplicated).toEqual([7]);
    expect(p.entries.map((e) => [e.track.qobuzId, e.kind])).toEqual([[7, 'album'], [8, 'single']]);
  });

  it('never lets two purchases share a file (same names on case-insensitive disks)', () => {
    const a = album({ qobuzId: 'a1', title: 'Same' });
    const b = album({ qobuzId: 'a2', title: 'SAME' });
    const p = planSync(ROOT, [{ album: a, tracks: [track({ qobuzId: 1, title: 'T' })] }, { album: b, tracks: [track({ qobuzId: 2, title: 't' })] }], []);
    expect(p.entries.map((e) => e.path)).toEqual(['/music/Artist/Same/01 - T.mp3', '/music/Artist/SAME [a2]/01 - t.mp3']);
  });

  it('keeps a path the catalog already holds inside the folder, so names stay stable', () => {
    const a = album({ qobuzId: 'a', title: 'Renamed Since' });
    const known = (id: number) => (id === 1 ? '/music/Artist/Old Name/01 - T.mp3' : id === 2 ? '/elsewhere/02 - U.mp3' : undefined);
    const p = planSync(ROOT, [{ album: a, tracks: [track({ qobuzId: 1, title: 'T' }), track({ qobuzId: 2, title: 'U', trackNumber: 2 })] }], [], { knownPath: known });
    expect(p.entries.map((e) => e.path)).toEqual(['/music/Artist/Old Name/01 - T.mp3', '/music/Artist/Renamed Since/02 - U.mp3']);
  });

  it('sanitises every name and never escapes the folder', () => {
    const a = album({ qobuzId: 'a', title: '../../etc', artist: { name: 'CON' } });
    const p = planSync(ROOT, [{ album: a, tracks: [track({ qobuzId: 1, title: 'a/b\\c:d*?' })] }], []);
    expect(p.entries[0]!.path).toBe('/music/CON_/_._.._etc/01 - a_b_c_d__.mp3');
  });
});

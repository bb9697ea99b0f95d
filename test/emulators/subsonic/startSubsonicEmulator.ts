// A faithful fake of the Subsonic API as Navidrome serves it, for the parts Cassette reads. Faithful where
// clients go wrong: every request is authenticated by `u`, `t = md5(password + s)` and a salt `s` (a reused or
// missing salt is not checked by real servers either, but a wrong token is), failures come back as HTTP 200 with
// `subsonic-response.status = "failed"` and an error code (40 wrong credentials), `f=json` is needed for JSON,
// and `search3` with an empty query pages through every song by `songOffset` / `songCount` (Navidrome).
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { startLibraryServer, type Reply } from '../libraryServerHarness';
import type { LibraryServerControl, LibraryTrackSpec } from '../libraryTracks';

export interface SubsonicEmulatorOptions {
  user: string;
  password: string;
  tracks: LibraryTrackSpec[];
  /** Navidrome caps songCount at 500 per call. */
  maxSongCount?: number;
}

export interface SubsonicEmulator extends LibraryServerControl {
  url: string;
  /** The salts clients sent, in order (each request should bring a new one). */
  salts: string[];
  setTracks(tracks: LibraryTrackSpec[]): void;
}

const envelope = (body: Record<string, unknown>, status: 'ok' | 'failed' = 'ok') => ({
  'subsonic-response': { status, version: '1.16.1', type: 'navidrome', serverVersion: '0.53.3', openSubsonic: true, ...body },
});

export async function startSubsonicEmulator(options: SubsonicEmulatorOptions): Promise<SubsonicEmulator> {
  let tracks = options.tracks;
  const salts: string[] = [];
  const route = (_req: IncomingMessage, url: URL): Reply => {
    const q = url.searchParams;
    const view = url.pathname.replace(/^\/rest\//, '').replace(/\.view$/, '');
    if (!url.pathname.startsWith('/rest/')) return { status: 404, body: '404 page not found' };
    if (q.get('f') !== 'json') {
      return { status: 200, body: '<?xml version="1.0" encoding="UTF-8"?>\n<subsonic-response xmlns="http://subsonic.org/restapi" status="ok" version="1.16.1"></subsonic-response>' };
    }
    const salt = q.get('s') ?? '';
    salts.push(salt);
    const expected = createHash('md5').update(options.password + salt).digest('hex');
    if (!q.get('u') || !q.get('t') || !salt) {
      return { status: 200, body: envelope({ error: { code: 10, message: 'Required parameter is missing.' } }, 'failed') };
    }
    if (q.get('u') !== options.user || q.get('t') !== expected) {
      return { status: 200, refused: true, body: envelope({ error: { code: 40, message: 'Wrong username or password' } }, 'failed') };
    }
    if (view === 'ping') return { status: 200, body: envelope({}) };
    if (view === 'search3') {
      const query = (q.get('query') ?? '').replace(/^"|"$/g, '').toLowerCase();
      const count = Math.min(Number(q.get('songCount') ?? '20') || 20, options.maxSongCount ?? 500);
      const offset = Number(q.get('songOffset') ?? '0') || 0;
      const all = query ? tracks.filter((t) => t.title.toLowerCase().includes(query) || t.artist.toLowerCase().includes(query)) : tracks;
      const page = all.slice(offset, offset + count);
      return { status: 200, body: envelope({ searchResult3: { song: page.map((t, i) => songToWire(t, offset + i)) } }) };
    }
    return { status: 200, body: envelope({ error: { code: 70, message: `Requested view ${view} not found` } }, 'failed') };
  };
  const { url, control } = await startLibraryServer(route);
  return Object.assign(control, {
    url,
    salts,
    setTracks(next: LibraryTrackSpec[]) {
      tracks = next;
    },
  });
}

function songToWire(t: LibraryTrackSpec, n: number): Record<string, unknown> {
  return {
    id: `so-${n}`,
    parent: `al-${t.album.length}`,
    isDir: false,
    title: t.title,
    album: t.album,
    artist: t.trackArtist ?? t.artist,
    ...(t.trackNumber !== undefined ? { track: t.trackNumber } : {}),
    discNumber: t.discNumber ?? 1,
    size: t.size ?? 30_000_000,
    contentType: 'audio/flac',
    suffix: 'flac',
    duration: Math.round(t.durationSec),
    bitRate: 1000,
    path: t.path ?? `${t.artist}/${t.album}/${String(t.trackNumber ?? 1).padStart(2, '0')} - ${t.title}.flac`,
    created: new Date((t.updatedAt ?? 1_700_000_000) * 1000).toISOString(),
    albumId: `al-${t.album.length}`,
    artistId: `ar-${t.artist.length}`,
    type: 'music',
    displayAlbumArtist: t.artist,
  };
}

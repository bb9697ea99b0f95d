// A faithful fake of the parts of Jellyfin that Cassette reads. Faithful where clients go wrong: the API key
// travels in `Authorization: MediaBrowser Token="…"` (or the legacy `X-Emby-Token` / `api_key`), `/Items` needs
// `Recursive=true` to see into folders and `IncludeItemTypes=Audio` to leave albums out, pages by `StartIndex` /
// `Limit`, durations are `RunTimeTicks` (100 ns), and `Path` / `MediaSources` appear only when `Fields` asks.
import type { IncomingMessage } from 'node:http';
import { startLibraryServer, type Reply } from '../libraryServerHarness';
import type { LibraryServerControl, LibraryTrackSpec } from '../libraryTracks';

export interface JellyfinEmulatorOptions {
  apiKey: string;
  tracks: LibraryTrackSpec[];
  version?: string;
}

export interface JellyfinEmulator extends LibraryServerControl {
  url: string;
  /** The `Limit` of each /Items request, in order. */
  pageSizes: number[];
  setTracks(tracks: LibraryTrackSpec[]): void;
}

export async function startJellyfinEmulator(options: JellyfinEmulatorOptions): Promise<JellyfinEmulator> {
  let tracks = options.tracks;
  const pageSizes: number[] = [];
  const route = (req: IncomingMessage, url: URL): Reply => {
    if (keyOf(req, url) !== options.apiKey) return { status: 401, body: '' };
    if (url.pathname === '/System/Info') {
      return { status: 200, body: { ServerName: 'emulated-jellyfin', Version: options.version ?? '10.10.3', Id: '8d1c0f3e5b2a4c6d9e7f1a2b3c4d5e6f', OperatingSystem: 'Linux' } };
    }
    if (url.pathname === '/Items') {
      const q = url.searchParams;
      const types = (q.get('IncludeItemTypes') ?? '').split(',');
      const recursive = q.get('Recursive') === 'true';
      // Without Recursive only the root's folders are listed; without the type filter albums come too.
      if (!recursive) return { status: 200, body: { Items: [], TotalRecordCount: 0, StartIndex: 0 } };
      const fields = new Set((q.get('Fields') ?? '').split(','));
      const start = Number(q.get('StartIndex') ?? '0') || 0;
      const limit = q.get('Limit') === null ? undefined : Number(q.get('Limit'));
      pageSizes.push(limit ?? -1);
      const audio = types.includes('Audio') ? tracks : [];
      const page = audio.slice(start, limit === undefined ? undefined : start + limit);
      return {
        status: 200,
        body: { Items: page.map((t, i) => itemToWire(t, start + i, fields)), TotalRecordCount: audio.length, StartIndex: start },
      };
    }
    return { status: 404, body: '' };
  };
  const { url, control } = await startLibraryServer(route);
  return Object.assign(control, {
    url,
    pageSizes,
    setTracks(next: LibraryTrackSpec[]) {
      tracks = next;
    },
  });
}

function keyOf(req: IncomingMessage, url: URL): string | undefined {
  const auth = req.headers.authorization ?? req.headers['x-emby-authorization'];
  const value = Array.isArray(auth) ? auth[0] : auth;
  const m = value ? /Token="([^"]*)"/.exec(value) : null;
  if (m) return m[1];
  const legacy = req.headers['x-emby-token'];
  return (Array.isArray(legacy) ? legacy[0] : legacy) ?? url.searchParams.get('api_key') ?? undefined;
}

function itemToWire(t: LibraryTrackSpec, n: number, fields: Set<string>): Record<string, unknown> {
  const id = n.toString(16).padStart(32, '0');
  const path = t.path ?? `/media/music/${t.artist}/${t.album}/${String(t.trackNumber ?? 1).padStart(2, '0')} ${t.title}.flac`;
  const artists = [t.trackArtist ?? t.artist];
  return {
    Name: t.title,
    ServerId: '8d1c0f3e5b2a4c6d9e7f1a2b3c4d5e6f',
    Id: id,
    RunTimeTicks: Math.round(t.durationSec * 10_000_000),
    IndexNumber: t.trackNumber,
    ParentIndexNumber: t.discNumber ?? 1,
    IsFolder: false,
    Type: 'Audio',
    Artists: artists,
    ArtistItems: artists.map((a, i) => ({ Name: a, Id: `${i}`.padStart(32, 'a') })),
    Album: t.album,
    AlbumId: `${t.album.length}`.padStart(32, 'b'),
    AlbumArtist: t.artist,
    AlbumArtists: [{ Name: t.artist, Id: '0'.padStart(32, 'c') }],
    MediaType: 'Audio',
    DateCreated: new Date((t.updatedAt ?? 1_700_000_000) * 1000).toISOString(),
    ...(fields.has('Path') ? { Path: path } : {}),
    ...(fields.has('MediaSources')
      ? { MediaSources: [{ Protocol: 'File', Id: id, Path: path, Type: 'Default', Container: 'flac', Size: t.size ?? 30_000_000, RunTimeTicks: Math.round(t.durationSec * 10_000_000) }] }
      : {}),
  };
}

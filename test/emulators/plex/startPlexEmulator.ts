// A faithful fake of the parts of Plex Media Server that Cassette reads, for integration tests and benchmarks.
// Faithful where clients go wrong: the token is required (header or query), JSON only with
// `Accept: application/json` (XML otherwise), music sections are `type: "artist"` among others, and tracks come
// in pages chosen by `X-Plex-Container-Start` / `X-Plex-Container-Size` (headers or query), with `totalSize` and
// `offset` on the container. Field names follow the real captures in test/fixtures/real/plex/.
import type { IncomingMessage } from 'node:http';
import { startLibraryServer, type Reply } from '../libraryServerHarness';
import type { LibraryServerControl, LibraryTrackSpec } from '../libraryTracks';

export interface PlexSectionSpec {
  key: string;
  title: string;
  /** Plex's section types: `artist` is music. */
  type: 'artist' | 'movie' | 'show' | 'photo';
  tracks?: LibraryTrackSpec[];
}

export interface PlexEmulatorOptions {
  token: string;
  sections: PlexSectionSpec[];
  /** Largest page the server hands out, whatever the client asks (Plex itself has no small cap). */
  maxPageSize?: number;
}

export interface PlexEmulator extends LibraryServerControl {
  url: string;
  /** The page sizes clients asked for on track listings, in order. */
  pageSizes: number[];
  /** Replaces a section's tracks (a rescan on the server). */
  setTracks(sectionKey: string, tracks: LibraryTrackSpec[]): void;
}

interface Stored {
  ratingKey: number;
  spec: LibraryTrackSpec;
}

export async function startPlexEmulator(options: PlexEmulatorOptions): Promise<PlexEmulator> {
  let nextKey = 1000;
  const sections = new Map<string, { spec: PlexSectionSpec; tracks: Stored[] }>();
  const store = (tracks: LibraryTrackSpec[] = []) => tracks.map((spec) => ({ ratingKey: nextKey++, spec }));
  for (const s of options.sections) sections.set(s.key, { spec: s, tracks: store(s.tracks) });
  const pageSizes: number[] = [];

  const route = (req: IncomingMessage, url: URL): Reply => {
    const token = header(req, 'x-plex-token') ?? url.searchParams.get('X-Plex-Token');
    if (token !== options.token) {
      return { status: 401, body: '<html><head><title>Unauthorized</title></head><body><h1>401 Unauthorized</h1></body></html>' };
    }
    const json = (header(req, 'accept') ?? '').includes('application/json');
    if (url.pathname === '/identity') return container(json, { size: 0, claimed: true, machineIdentifier: 'emulated-plex', version: '1.41.3.9314' });
    if (url.pathname === '/library/sections') {
      const dirs = [...sections.values()].map(({ spec }, i) => ({
        allowSync: true, art: `/:/resources/${spec.type}-fanart.jpg`, composite: `/library/sections/${spec.key}/composite/1`,
        filters: true, refreshing: false, thumb: `/:/resources/${spec.type}.png`, key: spec.key, type: spec.type,
        title: spec.title, agent: spec.type === 'artist' ? 'tv.plex.agents.music' : 'tv.plex.agents.movie',
        scanner: spec.type === 'artist' ? 'Plex Music' : 'Plex Movie', language: 'en-US',
        uuid: `6248e967-8d45-4957-ba5e-ca85df9104b${i}`, updatedAt: 1634922197, createdAt: 1579519800, content: true,
        directory: true, hidden: 0,
        Location: [{ id: i + 1, path: `/data/${spec.title}` }],
      }));
      return container(json, { size: dirs.length, allowSync: false, title1: 'Plex Library', Directory: dirs });
    }
    const m = /^\/library\/sections\/([^/]+)\/all$/.exec(url.pathname);
    if (m) {
      const section = sections.get(decodeURIComponent(m[1]!));
      if (!section) return { status: 404, body: '<html><head><title>Not Found</title></head><body><h1>404 Not Found</h1></body></html>' };
      if (url.searchParams.get('type') !== '10') return { status: 400, body: 'this emulator lists tracks only (type=10)' };
      const start = intParam(req, url, 'X-Plex-Container-Start') ?? 0;
      const asked = intParam(req, url, 'X-Plex-Container-Size');
      const size = Math.min(asked ?? section.tracks.length, options.maxPageSize ?? Number.MAX_SAFE_INTEGER);
      pageSizes.push(asked ?? -1);
      const page = section.tracks.slice(start, start + size);
      return container(json, {
        size: page.length, totalSize: section.tracks.length, offset: start, allowSync: true,
        art: `/:/resources/artist-fanart.jpg`, identifier: 'com.plexapp.plugins.library',
        librarySectionID: Number(section.spec.key) || 0, librarySectionTitle: section.spec.title,
        librarySectionUUID: '6248e967-8d45-4957-ba5e-ca85df9104b9', mediaTagPrefix: '/system/bundle/media/flags/',
        mediaTagVersion: 1634922197, nocache: true, thumb: '/:/resources/artist.png', title1: section.spec.title,
        title2: 'All Tracks', viewGroup: 'track', viewMode: 65593,
        Metadata: page.map((t) => trackToWire(t, section.spec)),
      });
    }
    return { status: 404, body: '<html><head><title>Not Found</title></head><body><h1>404 Not Found</h1></body></html>' };
  };

  const { url, control } = await startLibraryServer(route);
  return Object.assign(control, {
    url,
    pageSizes,
    setTracks(sectionKey: string, tracks: LibraryTrackSpec[]) {
      const section = sections.get(sectionKey);
      if (!section) throw new Error(`no section ${sectionKey}`);
      section.tracks = store(tracks);
    },
  });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function intParam(req: IncomingMessage, url: URL, name: string): number | undefined {
  const raw = header(req, name.toLowerCase()) ?? url.searchParams.get(name) ?? undefined;
  if (raw === undefined) return undefined;
  const n = Number.parseInt(raw, 10);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** Plex answers JSON only when asked; otherwise its default, XML (which a JSON client must not mistake for data). */
function container(json: boolean, body: Record<string, unknown>): Reply {
  if (json) return { status: 200, body: { MediaContainer: body } };
  return { status: 200, body: `<?xml version="1.0" encoding="UTF-8"?>\n<MediaContainer size="${String(body.size ?? 0)}"></MediaContainer>\n` };
}

function trackToWire({ ratingKey, spec }: Stored, section: PlexSectionSpec): Record<string, unknown> {
  const albumKey = 100 + (hash(`${spec.artist}|${spec.album}`) % 100_000);
  const artistKey = 100 + (hash(spec.artist) % 100_000);
  const durationMs = Math.round(spec.durationSec * 1000);
  const file = spec.path ?? `/data/${section.title}/${spec.artist}/${spec.album}/${String(spec.trackNumber ?? 1).padStart(2, '0')} - ${spec.title}.flac`;
  const updatedAt = spec.updatedAt ?? 1579520116;
  return {
    ratingKey: String(ratingKey),
    key: `/library/metadata/${ratingKey}`,
    parentRatingKey: String(albumKey),
    grandparentRatingKey: String(artistKey),
    guid: `local://${ratingKey}`,
    parentGuid: `com.plexapp.agents.lastfm://${encodeURIComponent(spec.artist)}/${encodeURIComponent(spec.album)}?lang=en`,
    grandparentGuid: `com.plexapp.agents.lastfm://${encodeURIComponent(spec.artist)}?lang=en`,
    type: 'track',
    title: spec.title,
    grandparentKey: `/library/metadata/${artistKey}`,
    parentKey: `/library/metadata/${albumKey}`,
    grandparentTitle: spec.artist,
    parentTitle: spec.album,
    ...(spec.trackArtist ? { originalTitle: spec.trackArtist } : {}),
    summary: '',
    index: spec.trackNumber ?? 1,
    parentIndex: spec.discNumber ?? 1,
    thumb: `/library/metadata/${albumKey}/thumb/${updatedAt}`,
    parentThumb: `/library/metadata/${albumKey}/thumb/${updatedAt}`,
    grandparentThumb: `/library/metadata/${artistKey}/thumb/${updatedAt}`,
    duration: durationMs,
    addedAt: updatedAt - 10,
    updatedAt,
    Media: [
      {
        id: ratingKey,
        duration: durationMs,
        bitrate: 1411,
        audioChannels: 2,
        audioCodec: 'flac',
        container: 'flac',
        Part: [{ id: ratingKey, key: `/library/parts/${ratingKey}/${updatedAt}/file.flac`, duration: durationMs, file, size: spec.size ?? 30_000_000, container: 'flac' }],
      },
    ],
  };
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

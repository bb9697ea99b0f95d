// Plex: the music sections (`type: "artist"`) and every track in them, read in pages of PLEX_PAGE_SIZE through
// `/library/sections/{key}/all?type=10` with X-Plex-Container-Start / -Size, as JSON. Tracks are keyed by their
// file path (ratingKeys change when Plex refreshes metadata).
import { z } from 'zod';
import { HttpClient, HttpStatusError } from '../../net';
import { pagedListing } from './pagedListing';
import { againOnReset, asUnreachable, authRefused, UNREACHABLE_TIMEOUT_MS } from './unreachable';
import { fingerprintOf, type LibraryConnector, type ListOptions, type MirrorEntry, type MirrorTrack } from './types';

/** Tracks per page: large pages bound a 100,000-track refresh by the paging, not by round trips. */
export const PLEX_PAGE_SIZE = 1000;
/** Pages asked for ahead of the one being read: the server prepares the next while this one is parsed. */
export const PLEX_PAGES_IN_FLIGHT = 3;

const sectionsSchema = z.object({
  MediaContainer: z.object({
    Directory: z.array(z.object({ key: z.string(), type: z.string(), title: z.string() })).default([]),
  }),
});

const plexTrackSchema = z.object({
  ratingKey: z.string(),
  title: z.string(),
  grandparentTitle: z.string().optional(),
  originalTitle: z.string().optional(),
  parentTitle: z.string().optional(),
  index: z.number().optional(),
  parentIndex: z.number().optional(),
  duration: z.number().optional(),
  updatedAt: z.number().optional(),
  Media: z.array(z.object({ Part: z.array(z.object({ file: z.string().optional(), size: z.number().optional() })).default([]) })).default([]),
});
export type PlexTrack = z.infer<typeof plexTrackSchema>;

export const plexTracksPageSchema = z.object({
  MediaContainer: z.object({
    size: z.number(),
    totalSize: z.number().optional(),
    offset: z.number().optional(),
    Metadata: z.array(plexTrackSchema).default([]),
  }),
});

export interface PlexConnectorOptions {
  url: string;
  token: string;
  timeoutMs?: number;
  pageSize?: number;
  clientId?: string;
}

export class PlexConnector implements LibraryConnector {
  readonly name = 'plex' as const;
  readonly origin: string;
  private readonly http: HttpClient;

  constructor(private readonly o: PlexConnectorOptions) {
    this.origin = o.url;
    this.http = new HttpClient({
      baseUrl: o.url,
      timeoutMs: o.timeoutMs ?? UNREACHABLE_TIMEOUT_MS,
      retries: 1,
      backoffLimitMs: 1000,
      headers: {
        Accept: 'application/json',
        'X-Plex-Token': o.token,
        'X-Plex-Client-Identifier': o.clientId ?? 'cassette',
        'X-Plex-Product': 'Cassette',
      },
    });
  }

  /** The music sections' keys and titles. */
  async musicSections(signal?: AbortSignal): Promise<{ key: string; title: string }[]> {
    const s = await this.call(() => againOnReset(() => this.http.json('library/sections', sectionsSchema, { signal, retries: 0 })));
    return s.MediaContainer.Directory.filter((d) => d.type === 'artist').map(({ key, title }) => ({ key, title }));
  }

  async *list({ signal }: ListOptions): AsyncIterable<MirrorEntry[]> {
    const size = Math.max(100, this.o.pageSize ?? PLEX_PAGE_SIZE);
    for (const section of await this.musicSections(signal)) {
      const path = `library/sections/${encodeURIComponent(section.key)}/all`;
      const pages = pagedListing(
        async (start, asked, pageSignal) => {
          const c = (
            await this.call(() =>
              this.http.json(path, plexTracksPageSchema, {
                query: { type: 10 },
                headers: { 'X-Plex-Container-Start': String(start), 'X-Plex-Container-Size': String(Math.max(100, asked)) },
                signal: pageSignal,
              }),
            )
          ).MediaContainer;
          return { items: c.Metadata, total: c.totalSize ?? 0 };
        },
        { size, inFlight: PLEX_PAGES_IN_FLIGHT, signal },
      );
      for await (const page of pages) yield page.map((t) => plexToMirror(section.key, t));
    }
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof HttpStatusError && (e.status === 401 || e.status === 403)) throw authRefused('plex', 'PLEX_TOKEN');
      throw asUnreachable(e, 'plex', this.origin);
    }
  }
}

export function plexToMirror(sectionKey: string, t: PlexTrack): MirrorTrack {
  const part = t.Media[0]?.Part[0];
  const track = {
    title: t.title,
    artists: [t.originalTitle ?? t.grandparentTitle ?? ''].filter(Boolean),
    ...(t.parentTitle ? { album: t.parentTitle } : {}),
    ...(t.index !== undefined ? { trackNumber: t.index } : {}),
    ...(t.parentIndex !== undefined ? { discNumber: t.parentIndex } : {}),
    ...(t.duration !== undefined ? { durationSec: Math.round(t.duration / 100) / 10 } : {}),
    ...(part?.file ? { path: part.file } : {}),
    ...(part?.size !== undefined ? { sizeBytes: part.size } : {}),
  };
  return { extKey: `${sectionKey}:${part?.file ?? `rating:${t.ratingKey}`}`, ...track, fingerprint: fingerprintOf(track, String(t.updatedAt ?? '')) };
}

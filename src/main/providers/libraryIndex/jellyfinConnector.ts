// Jellyfin: every Audio item, recursively, with its path and media sources, in pages by StartIndex / Limit.
import { z } from 'zod';
import { HttpClient, HttpStatusError } from '../../net';
import { pagedListing } from './pagedListing';
import { againOnReset, asUnreachable, authRefused, UNREACHABLE_TIMEOUT_MS } from './unreachable';
import { fingerprintOf, type LibraryConnector, type ListOptions, type MirrorEntry, type MirrorTrack } from './types';

export const JELLYFIN_PAGE_SIZE = 1000;
/** Pages asked for ahead of the one being read (see pagedListing). */
export const JELLYFIN_PAGES_IN_FLIGHT = 3;

const itemSchema = z.object({
  Id: z.string(),
  Name: z.string(),
  Artists: z.array(z.string()).default([]),
  AlbumArtist: z.string().optional(),
  Album: z.string().optional(),
  IndexNumber: z.number().optional(),
  ParentIndexNumber: z.number().optional(),
  RunTimeTicks: z.number().optional(),
  Path: z.string().optional(),
  MediaSources: z.array(z.object({ Size: z.number().optional() })).default([]),
});
export const jellyfinItemsSchema = z.object({ Items: z.array(itemSchema), TotalRecordCount: z.number() });
export const jellyfinInfoSchema = z.object({ ServerName: z.string().optional(), Version: z.string() });

export interface JellyfinConnectorOptions {
  url: string;
  apiKey: string;
  timeoutMs?: number;
  pageSize?: number;
}

export class JellyfinConnector implements LibraryConnector {
  readonly name = 'jellyfin' as const;
  readonly origin: string;
  private readonly http: HttpClient;

  constructor(private readonly o: JellyfinConnectorOptions) {
    this.origin = o.url;
    this.http = new HttpClient({
      baseUrl: o.url,
      timeoutMs: o.timeoutMs ?? UNREACHABLE_TIMEOUT_MS,
      retries: 1,
      backoffLimitMs: 1000,
      headers: { Authorization: `MediaBrowser Token="${o.apiKey}", Client="Cassette", Version="0.1.0", DeviceId="cassette", Device="Cassette"` },
    });
  }

  info(signal?: AbortSignal): Promise<z.infer<typeof jellyfinInfoSchema>> {
    return this.call(() => againOnReset(() => this.http.json('System/Info', jellyfinInfoSchema, { signal, retries: 0 })));
  }

  async *list({ signal }: ListOptions): AsyncIterable<MirrorEntry[]> {
    await this.info(signal);
    const pages = pagedListing(
      async (start, limit, pageSignal) => {
        const page = await this.call(() =>
          this.http.json('Items', jellyfinItemsSchema, {
            query: { IncludeItemTypes: 'Audio', Recursive: true, Fields: 'Path,MediaSources', StartIndex: start, Limit: limit },
            signal: pageSignal,
          }),
        );
        return { items: page.Items, total: page.TotalRecordCount };
      },
      { size: this.o.pageSize ?? JELLYFIN_PAGE_SIZE, inFlight: JELLYFIN_PAGES_IN_FLIGHT, signal },
    );
    for await (const items of pages) yield items.map(jellyfinToMirror);
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof HttpStatusError && (e.status === 401 || e.status === 403)) throw authRefused('jellyfin', 'JELLYFIN_API_KEY');
      throw asUnreachable(e, 'jellyfin', this.origin);
    }
  }
}

function jellyfinToMirror(i: z.infer<typeof itemSchema>): MirrorTrack {
  const artists = i.Artists.length ? i.Artists : i.AlbumArtist ? [i.AlbumArtist] : [];
  const size = i.MediaSources[0]?.Size;
  const track = {
    title: i.Name,
    artists,
    ...(i.Album ? { album: i.Album } : {}),
    ...(i.IndexNumber !== undefined ? { trackNumber: i.IndexNumber } : {}),
    ...(i.ParentIndexNumber !== undefined ? { discNumber: i.ParentIndexNumber } : {}),
    ...(i.RunTimeTicks !== undefined ? { durationSec: Math.round(i.RunTimeTicks / 1_000_000) / 10 } : {}),
    ...(i.Path ? { path: i.Path } : {}),
    ...(size !== undefined ? { sizeBytes: size } : {}),
  };
  return { extKey: i.Path ?? `id:${i.Id}`, ...track, fingerprint: fingerprintOf(track) };
}

// Subsonic / Navidrome: token + salt auth on every request (t = md5(password + salt), a fresh salt each time),
// every song through `search3` with an empty query, paged by songOffset / songCount. Failures come back as
// HTTP 200 with `status: "failed"`, so the envelope is checked on every answer.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../shared/result';
import { HttpClient } from '../../net';
import { asUnreachable, authRefused, UNREACHABLE_TIMEOUT_MS } from './unreachable';
import { fingerprintOf, type LibraryConnector, type ListOptions, type MirrorEntry, type MirrorTrack } from './types';

/** Navidrome caps songCount at 500. */
export const SUBSONIC_PAGE_SIZE = 500;

const songSchema = z.object({
  id: z.string(),
  title: z.string(),
  artist: z.string().optional(),
  album: z.string().optional(),
  track: z.number().optional(),
  discNumber: z.number().optional(),
  duration: z.number().optional(),
  path: z.string().optional(),
  size: z.number().optional(),
});
const envelopeSchema = z.object({
  'subsonic-response': z.object({
    status: z.enum(['ok', 'failed']),
    version: z.string().optional(),
    error: z.object({ code: z.number(), message: z.string().optional() }).optional(),
    searchResult3: z.object({ song: z.array(songSchema).default([]) }).optional(),
  }),
});

export interface SubsonicConnectorOptions {
  url: string;
  user: string;
  password: string;
  timeoutMs?: number;
  pageSize?: number;
}

/** The auth parameters of one request: a new salt every time, so a logged URL cannot be replayed forever. */
export function subsonicAuth(user: string, password: string, salt = randomBytes(8).toString('hex')): Record<string, string> {
  return { u: user, t: createHash('md5').update(password + salt).digest('hex'), s: salt, v: '1.16.1', c: 'Cassette', f: 'json' };
}

export class SubsonicConnector implements LibraryConnector {
  readonly name = 'subsonic' as const;
  readonly origin: string;
  private readonly http: HttpClient;

  constructor(private readonly o: SubsonicConnectorOptions) {
    this.origin = o.url;
    this.http = new HttpClient({ baseUrl: o.url, timeoutMs: o.timeoutMs ?? UNREACHABLE_TIMEOUT_MS, retries: 1, backoffLimitMs: 1000 });
  }

  async ping(signal?: AbortSignal): Promise<string | undefined> {
    return (await this.view('ping', {}, signal, 0)).version;
  }

  async *list({ signal }: ListOptions): AsyncIterable<MirrorEntry[]> {
    await this.ping(signal);
    const count = this.o.pageSize ?? SUBSONIC_PAGE_SIZE;
    for (let offset = 0; ; ) {
      const r = await this.view('search3', { query: '', songCount: count, songOffset: offset, artistCount: 0, albumCount: 0 }, signal);
      const songs = r.searchResult3?.song ?? [];
      yield songs.map(subsonicToMirror);
      offset += songs.length;
      if (songs.length < count) break;
    }
  }

  private async view(name: string, query: Record<string, string | number>, signal: AbortSignal | undefined, retries?: number) {
    let body;
    try {
      body = await this.http.json(`rest/${name}.view`, envelopeSchema, { query: { ...query, ...subsonicAuth(this.o.user, this.o.password) }, signal, retries });
    } catch (e) {
      throw asUnreachable(e, 'subsonic', this.origin);
    }
    const r = body['subsonic-response'];
    if (r.status === 'failed') {
      if (r.error?.code === 40 || r.error?.code === 41) throw authRefused('subsonic', 'SUBSONIC_USER and SUBSONIC_PASSWORD');
      throw new AppError('unavailable', `The Subsonic server said: ${r.error?.message ?? 'request failed'} (code ${r.error?.code ?? '?'}).`);
    }
    return r;
  }
}

function subsonicToMirror(s: z.infer<typeof songSchema>): MirrorTrack {
  const track = {
    title: s.title,
    artists: s.artist ? [s.artist] : [],
    ...(s.album ? { album: s.album } : {}),
    ...(s.track !== undefined ? { trackNumber: s.track } : {}),
    ...(s.discNumber !== undefined ? { discNumber: s.discNumber } : {}),
    ...(s.duration !== undefined ? { durationSec: s.duration } : {}),
    ...(s.path ? { path: s.path } : {}),
    ...(s.size !== undefined ? { sizeBytes: s.size } : {}),
  };
  return { extKey: s.path ?? `id:${s.id}`, ...track, fingerprint: fingerprintOf(track) };
}

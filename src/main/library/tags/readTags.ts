// Reads the tags of an existing file into TrackTags (music-metadata, async, no worker needed): used to
// recognise files already in the library and by tests as a second reader.
import type { IAudioMetadata } from 'music-metadata';
import { readAudioMetadata } from './readAudioMetadata';
import type { TrackTags } from './trackTags';

/** Native tag ids ending like a service id (TXXX:QOBUZ_TRACK_ID, QOBUZ_TRACK_ID, ----:com.apple.iTunes:...). */
const EXTERNAL_ID = /^[A-Z0-9]+(?:_[A-Z0-9]+)*_ID$/;

function nativeText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return nativeText(value[0]);
  if (typeof value === 'object' && value !== null && 'text' in value) return nativeText((value as { text: unknown }).text);
  return undefined;
}

function externalIds(meta: IAudioMetadata): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const tags of Object.values(meta.native)) {
    for (const { id, value } of tags) {
      const name = id.slice(id.lastIndexOf(':') + 1).toUpperCase();
      const text = nativeText(value);
      if (EXTERNAL_ID.test(name) && text !== undefined && !(name in ids)) ids[name] = text;
    }
  }
  return ids;
}

function definedOnly<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;
}

export async function readTags(path: string): Promise<Partial<TrackTags>> {
  const meta = await readAudioMetadata(path, { duration: false, skipCovers: false });
  const c = meta.common;
  const cover = c.picture?.[0];
  const ids = externalIds(meta);
  return definedOnly<Partial<TrackTags>>({
    title: c.title,
    artists: c.artists,
    artistCredit: c.artist,
    albumArtist: c.albumartist,
    album: c.album,
    trackNumber: c.track.no ?? undefined,
    trackTotal: c.track.of ?? undefined,
    discNumber: c.disk.no ?? undefined,
    discTotal: c.disk.of ?? undefined,
    date: c.date ?? (c.year ? String(c.year) : undefined),
    genre: c.genre?.[0],
    isrc: c.isrc?.[0],
    label: c.label?.[0],
    copyright: c.copyright,
    cover: cover ? { data: Buffer.from(cover.data), mime: cover.format } : undefined,
    externalIds: Object.keys(ids).length > 0 ? ids : undefined,
  });
}

// The per-format mapping table: which frame / comment / atom carries each piece of TrackTags. Turns tags into a
// plain-data plan that the tag worker applies with node-taglib-sharp (Picard's conventions, see API-NOTES).
import type { TrackTags } from './trackTags';

export type TagFormat = 'id3v2' | 'flac' | 'ogg' | 'mp4';

/** The ID3v2 versions Cassette writes to MP3s: 2.4 (the default) or 2.3 for older players and car stereos. */
export const ID3_VERSIONS = ['2.4', '2.3'] as const;
export type Id3Version = (typeof ID3_VERSIONS)[number];
export const DEFAULT_ID3_VERSION: Id3Version = '2.4';

/**
 * ID3v2.3 has no multi-value text frames: several values share one string, separated by "/" (the spec's separator
 * for TPE1, and what Picard and mutagen write by default). "AC/DC" then cannot be told from two artists; readTags
 * undoes the join with the artist credit's help.
 */
export const ID3V23_SEPARATOR = '/';

/** What the worker receives; plain data so it crosses the thread boundary as a structured clone. */
export interface TagWritePlan {
  format: TagFormat;
  /** node-taglib-sharp file type, given explicitly because the temp copy's name does not end in the extension. */
  mimeType: string;
  /**
   * Keys per format: ID3v2 frame ids ("TIT2") or "TXXX:<description>"; Vorbis field names; MP4 atom names
   * ("©nam", "trkn") or "----:<mean>:<name>" free-form atoms.
   */
  fields: TagField[];
  picture?: { data: Uint8Array; mime: string };
  /**
   * The ID3v2 major version the tag is saved as (MP3 only; ignored for the other formats). For 3 the plan already
   * holds only v2.3 frames (TYER/TDAT instead of TDRC) with multiple values joined by ID3V23_SEPARATOR, and the
   * worker converts or drops the v2.4-only frames a merge keeps from the file.
   */
  id3v2Version: 3 | 4;
  /** replace: drop every existing tag first; merge: only overwrite the fields in the plan. */
  mode: 'replace' | 'merge';
}

export interface TagField {
  key: string;
  values: string[];
}

type LogicalField =
  | 'title'
  | 'artistCredit'
  | 'artists'
  | 'albumArtist'
  | 'album'
  | 'track'
  | 'trackTotal'
  | 'disc'
  | 'discTotal'
  | 'date'
  | 'genre'
  | 'isrc'
  | 'remixer'
  | 'label'
  | 'copyright';

const ITUNES = '----:com.apple.iTunes:';

/** The mapping table. `null`: the format carries that value elsewhere (ID3 "n/N" in TRCK, MP4 trkn). */
export const TAG_KEYS: Record<LogicalField, Record<TagFormat, string | null>> = {
  title: { id3v2: 'TIT2', flac: 'TITLE', ogg: 'TITLE', mp4: '©nam' },
  artistCredit: { id3v2: 'TPE1', flac: 'ARTIST', ogg: 'ARTIST', mp4: '©ART' },
  artists: { id3v2: 'TXXX:ARTISTS', flac: 'ARTISTS', ogg: 'ARTISTS', mp4: `${ITUNES}ARTISTS` },
  albumArtist: { id3v2: 'TPE2', flac: 'ALBUMARTIST', ogg: 'ALBUMARTIST', mp4: 'aART' },
  album: { id3v2: 'TALB', flac: 'ALBUM', ogg: 'ALBUM', mp4: '©alb' },
  track: { id3v2: 'TRCK', flac: 'TRACKNUMBER', ogg: 'TRACKNUMBER', mp4: 'trkn' },
  trackTotal: { id3v2: null, flac: 'TRACKTOTAL', ogg: 'TRACKTOTAL', mp4: null },
  disc: { id3v2: 'TPOS', flac: 'DISCNUMBER', ogg: 'DISCNUMBER', mp4: 'disk' },
  discTotal: { id3v2: null, flac: 'DISCTOTAL', ogg: 'DISCTOTAL', mp4: null },
  date: { id3v2: 'TDRC', flac: 'DATE', ogg: 'DATE', mp4: '©day' },
  genre: { id3v2: 'TCON', flac: 'GENRE', ogg: 'GENRE', mp4: '©gen' },
  isrc: { id3v2: 'TSRC', flac: 'ISRC', ogg: 'ISRC', mp4: `${ITUNES}ISRC` },
  remixer: { id3v2: 'TPE4', flac: 'REMIXER', ogg: 'REMIXER', mp4: `${ITUNES}REMIXER` },
  label: { id3v2: 'TPUB', flac: 'LABEL', ogg: 'LABEL', mp4: `${ITUNES}LABEL` },
  copyright: { id3v2: 'TCOP', flac: 'COPYRIGHT', ogg: 'COPYRIGHT', mp4: 'cprt' },
};

const FORMAT_BY_EXT: Record<string, { format: TagFormat; mimeType: string }> = {
  mp3: { format: 'id3v2', mimeType: 'taglib/mp3' },
  flac: { format: 'flac', mimeType: 'taglib/flac' },
  ogg: { format: 'ogg', mimeType: 'taglib/ogg' },
  oga: { format: 'ogg', mimeType: 'taglib/oga' },
  opus: { format: 'ogg', mimeType: 'taglib/opus' },
  m4a: { format: 'mp4', mimeType: 'taglib/m4a' },
  m4b: { format: 'mp4', mimeType: 'taglib/m4b' },
  mp4: { format: 'mp4', mimeType: 'taglib/mp4' },
};

export function tagFormatForExt(ext: string): { format: TagFormat; mimeType: string } | undefined {
  return FORMAT_BY_EXT[ext.toLowerCase().replace(/^\./, '')];
}

/** "A", "A & B", "A, B & C". */
export function formatArtistCredit(artists: string[]): string {
  const names = artists.map((a) => a.trim()).filter((a) => a !== '');
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} & ${names.at(-1)}`;
}

/** qobuz → QOBUZ_TRACK_ID; "spotify album id" → SPOTIFY_ALBUM_ID; QOBUZ_ALBUM_ID stays. */
export function externalIdTagName(key: string): string {
  const name = key.trim().toUpperCase().replace(/[^A-Z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  if (name === '') return '';
  return name.includes('_') ? name : `${name}_TRACK_ID`;
}

function externalIdKey(format: TagFormat, name: string): string {
  if (format === 'id3v2') return `TXXX:${name}`;
  if (format === 'mp4') return `${ITUNES}${name}`;
  return name;
}

function positiveInt(n: number | undefined): number | undefined {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.trunc(n) : undefined;
}

function text(s: string | undefined): string | undefined {
  const t = s?.trim();
  return t ? t : undefined;
}

export interface PlanOptions {
  mode?: 'replace' | 'merge';
  /** ID3v2 version for MP3 files (default 2.4); the other formats have one tag format each. */
  id3Version?: Id3Version;
}

/**
 * ID3v2.3 dates: TYER holds the year (YYYY) and TDAT the day and month (DDMM, day first), when both are known.
 * A date that does not start with a four-digit year cannot be written in v2.3 and is left out.
 */
export function id3v23DateFrames(date: string): TagField[] {
  const m = /^(\d{4})(?:-(\d{2})-(\d{2}))?/.exec(date.trim());
  if (!m) return [];
  const [, year, month, day] = m;
  const fields: TagField[] = [{ key: 'TYER', values: [year!] }];
  if (month && day && Number(month) >= 1 && Number(month) <= 12 && Number(day) >= 1 && Number(day) <= 31) {
    fields.push({ key: 'TDAT', values: [`${day}${month}`] });
  }
  return fields;
}

/** Builds the write plan for a file extension; throws for formats Cassette cannot tag. */
export function planTagWrite(ext: string, tags: TrackTags, options: PlanOptions = {}): TagWritePlan {
  const target = tagFormatForExt(ext);
  if (!target) throw new Error(`Cannot write tags to .${ext} files (supported: ${Object.keys(FORMAT_BY_EXT).join(', ')}).`);
  const { format } = target;
  const v23 = format === 'id3v2' && (options.id3Version ?? DEFAULT_ID3_VERSION) === '2.3';
  const fields: TagField[] = [];
  const put = (field: LogicalField, values: Array<string | undefined>): void => {
    const key = TAG_KEYS[field][format];
    const clean = values.filter((v): v is string => v !== undefined && v !== '');
    if (key === null || clean.length === 0) return;
    if (v23 && field === 'date') fields.push(...id3v23DateFrames(clean[0]!));
    else fields.push({ key, values: v23 ? [clean.join(ID3V23_SEPARATOR)] : clean });
  };

  const artists = tags.artists.map((a) => a.trim()).filter((a) => a !== '');
  put('title', [text(tags.title)]);
  put('artistCredit', [text(tags.artistCredit) ?? formatArtistCredit(artists)]);
  put('artists', artists);
  put('albumArtist', [text(tags.albumArtist)]);
  put('album', [text(tags.album)]);

  const track = positiveInt(tags.trackNumber);
  const trackTotal = positiveInt(tags.trackTotal);
  const disc = positiveInt(tags.discNumber);
  const discTotal = positiveInt(tags.discTotal);
  const pair = (n: number | undefined, total: number | undefined): string | undefined =>
    n === undefined ? undefined : total === undefined ? String(n) : `${n}/${total}`;
  if (format === 'flac' || format === 'ogg') {
    put('track', [track?.toString()]);
    put('trackTotal', [trackTotal?.toString()]);
    put('disc', [disc?.toString()]);
    put('discTotal', [discTotal?.toString()]);
  } else {
    put('track', [pair(track, trackTotal)]);
    put('disc', [pair(disc, discTotal)]);
  }

  put('date', [text(tags.date)]);
  put('genre', [text(tags.genre)]);
  put('isrc', [text(tags.isrc)?.toUpperCase()]);
  put('remixer', [text(tags.remixer)]);
  put('label', [text(tags.label)]);
  put('copyright', [text(tags.copyright)]);

  for (const [key, value] of Object.entries(tags.externalIds ?? {})) {
    const name = externalIdTagName(key);
    const v = text(value);
    if (name !== '' && v !== undefined) fields.push({ key: externalIdKey(format, name), values: [v] });
  }

  return {
    format,
    mimeType: target.mimeType,
    fields,
    ...(tags.cover ? { picture: { data: new Uint8Array(tags.cover.data), mime: tags.cover.mime } } : {}),
    id3v2Version: v23 ? 3 : 4,
    mode: options.mode ?? 'replace',
  };
}

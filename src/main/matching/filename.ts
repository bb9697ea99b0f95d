// What a peer's file path says about the track: `Share\Artist - Album (2011) [FLAC]\03. Title.flac`,
// `01 - Artist - Title [320].mp3`, `artist_-_title.mp3`, with the noise (bitrate, source and format tags,
// catalogue numbers, site names, "Official Video") taken out. A name can be read more than one way
// ("A - B" is usually artist – title, sometimes title – artist), so the parser returns every plausible reading
// and the scorer keeps the best. Pure.
import { foldCase } from './normalise';
import { parseAlbum } from './parse';
import type { MatchTrack } from './score';

export interface FilenameReading {
  title: string;
  artist?: string;
  /** How the reading was made, for the breakdown ("artist - title", "folder artist", ...). */
  how: string;
}

export interface ParsedFilename {
  /** Path segments without the file name, outermost first. */
  folders: string[];
  /** The file name without extension and noise. */
  stem: string;
  /** Lower-case extension without the dot ('' when none). */
  ext: string;
  trackNumber?: number;
  disc?: number;
  /** The album named by the folder, edition noise kept (the scorer strips it). */
  album?: string;
  year?: number;
  /** The artist named by the folders ("Artist\Album\", "Artist - Album\"), if any. */
  folderArtist?: string;
  readings: FilenameReading[];
}

const AUDIO_EXT = /^(?:mp3|flac|m4a|aac|ogg|oga|opus|wav|aiff?|alac|ape|wv|wma|mp4|dsf)$/i;
const DISC_FOLDER = /^(?:cd|disc|disk)\s*(\d+)\b/i;
/** Folders that say nothing about artist or album. */
const GENERIC_FOLDER =
  /^(?:@+.*|music|musik|mp3s?|flac|shared?(?: music| folder)?|downloads?|complete|incoming|singles?|misc|various|va|albums|(?:soulseek|slsk)(?: shared?)?|new|lossless|hi-?res|audio|[a-z]:(?:\\?audio|\\?music)?)$/i;

/** Bracketed notes that are noise: format, bitrate, source, catalogue number, site, video labels. */
const NOISE_BRACKET =
  /^(?:flac|mp3|aac|m4a|ogg|opus|alac|wav|web|cd|vinyl|lp|ep|single|hq|hd|hi-?res|lossless|\d+(?:[.,]\d+)?\s*k(?:bps|hz)?|\d{2,4}\s*kbps|320|256|192|128|v0|v2|24[-/ ]?(?:44|48|88|96|192)(?:[.,]\d)?|16[-/ ]?44(?:[.,]1)?|\d+\s*bit.*|www\..*|.*\.(?:com|net|org|ru|to)|official (?:music )?(?:video|audio)|(?:official )?lyrics?(?: video)?|audio|video|visuali[sz]er|free download|[A-Z]{2,6}[- ]?\d{2,6}[A-Z]?|\d{4}|(?:19|20)\d\d\s*(?:flac|mp3|web|cd).*|(?:flac|mp3|web|cd)\s*(?:19|20)\d\d)$/i;

const LEADING_TRACK = /^\s*(?:(\d)[-.](\d{1,3})\s*[-._)]?\s*|(\d{1,3})\s*[-._)]\s*|(\d{2,3})\s+|([A-D])(\d)\s*[-._]?\s+)/;

export function splitPeerPath(path: string): string[] {
  return path.split(/[\\/]+/).filter((p) => p.length > 0);
}

/** Underscores and scene-style dashes to spaces; noise brackets out. */
function cleanStem(raw: string): string {
  let s = raw;
  // Scene names: "01-artist_name-song_title-group" — dashes without spaces are separators, and the last
  // short segment is the releasing group's tag.
  if (!/\s/.test(s) && /-/.test(s)) {
    const parts = s.split(/-+/);
    const last = parts[parts.length - 1] ?? '';
    if (parts.length >= 4 && /^[a-z0-9]{2,8}$/i.test(last) && !last.includes('_')) parts.pop();
    s = parts.join(' - ');
  }
  if (s.includes('_')) s = s.replace(/_+/g, ' ');
  s = s.replace(/\s+-\s+/g, ' - ');
  s = s.replace(/[[({]([^\])}]*)[\])}]/g, (m, inner: string) => (NOISE_BRACKET.test(inner.trim()) ? ' ' : m));
  return s.replace(/\s+/g, ' ').replace(/^[\s\-–—.]+|[\s\-–—.]+$/g, '').trim();
}

function stripTrackNumber(stem: string): { stem: string; trackNumber?: number; disc?: number } {
  const m = stem.match(LEADING_TRACK);
  if (!m || m[0].length >= stem.length) return { stem };
  const rest = stem.slice(m[0].length).replace(/^[\s\-–—.]+/, '');
  if (m[1] !== undefined) return { stem: rest, disc: Number(m[1]), trackNumber: Number(m[2]) };
  if (m[5] !== undefined) return { stem: rest, trackNumber: Number(m[6]) };
  const n = m[3] ?? m[4];
  // "101 Title": disc 1, track 1 — only for three digits starting 1–9 with a valid track after.
  if (n && n.length === 3 && m[4] !== undefined) return { stem: rest, disc: Number(n[0]), trackNumber: Number(n.slice(1)) };
  return { stem: rest, trackNumber: Number(n) };
}

const isNumberSegment = (s: string) => /^\d{1,3}$/.test(s.trim());

/** Album folder: "Artist - Album (2011) [FLAC]", "Artist - 2011 - Album", "2011 - Album", "Album". */
function readAlbumFolder(folder: string): { artist?: string; album: string; year?: number } {
  const cleaned = cleanStem(folder);
  const parts = cleaned.split(/\s+-\s+/).map((p) => p.trim()).filter(Boolean);
  let year: number | undefined;
  const rest: string[] = [];
  for (const p of parts) {
    if (/^(?:19|20)\d\d$/.test(p)) year ??= Number(p);
    else rest.push(p);
  }
  const yearInName = /[([]((?:19|20)\d\d)[)\]]/.exec(folder);
  if (yearInName) year ??= Number(yearInName[1]);
  const parsed = parseAlbum(rest.length >= 2 ? rest.slice(1).join(' - ') : (rest[0] ?? cleaned));
  year ??= parsed.year;
  const album = parsed.base;
  return rest.length >= 2 ? { artist: rest[0], album, year } : { album, year };
}

export function parsePeerFilename(path: string): ParsedFilename {
  const parts = splitPeerPath(path);
  const fileName = parts[parts.length - 1] ?? path;
  let folders = parts.slice(0, -1);
  const dot = fileName.lastIndexOf('.');
  const extCandidate = dot > 0 ? fileName.slice(dot + 1) : '';
  const ext = AUDIO_EXT.test(extCandidate) ? extCandidate.toLowerCase() : '';
  const rawStem = ext ? fileName.slice(0, dot) : fileName;

  let disc: number | undefined;
  const last = folders[folders.length - 1];
  const discMatch = last ? DISC_FOLDER.exec(last.trim()) : null;
  if (discMatch) {
    disc = Number(discMatch[1]);
    folders = folders.slice(0, -1);
  }
  // The parent is the album and its parent the artist, by position: a generic name ("Singles", "Music",
  // "@@share") in either place means "not named", it does not shift the others up.
  const named = (f: string | undefined) => (f !== undefined && !GENERIC_FOLDER.test(f.trim()) ? f : undefined);
  const albumFolder = named(folders[folders.length - 1]);
  const artistFolder = named(folders[folders.length - 2]);

  const numbered = stripTrackNumber(cleanStem(rawStem));
  let stem = numbered.stem;
  let trackNumber = numbered.trackNumber;
  disc ??= numbered.disc;
  let segments = stem.split(/\s+-\s+/).map((s) => s.trim()).filter(Boolean);
  // "Artist - Album - 03 - Title", "Artist - 03 - Title": a number segment is the track number.
  const numberAt = segments.findIndex((s, i) => i > 0 && i < segments.length - 1 && isNumberSegment(s));
  if (numberAt > 0) {
    trackNumber ??= Number(segments[numberAt]);
    segments = [segments[0] ?? '', ...segments.slice(numberAt + 1)];
  }
  stem = segments.join(' - ');

  const folderInfo = albumFolder ? readAlbumFolder(albumFolder) : undefined;
  let folderArtist = folderInfo?.artist ?? (artistFolder ? cleanStem(artistFolder) : undefined);
  let album = folderInfo?.album;
  // `Share\Artist\Artist - Title.mp3`: the parent folder is the artist, not an album.
  if (album && !folderInfo?.artist && !artistFolder && segments.length >= 2 && foldCase(album) === foldCase(segments[0] ?? '')) {
    folderArtist = album;
    album = undefined;
  }
  if (album && folderArtist && foldCase(album) === foldCase(folderArtist)) album = undefined;

  const readings: FilenameReading[] = [];
  const add = (r: FilenameReading) => {
    if (r.title && !readings.some((x) => x.title === r.title && x.artist === r.artist)) readings.push(r);
  };
  if (segments.length >= 2) {
    const [first, ...rest] = segments as [string, ...string[]];
    add({ artist: first, title: rest.join(' - '), how: 'artist - title' });
    if (rest.length >= 2) add({ artist: first, title: rest[rest.length - 1] ?? '', how: 'artist - album - title' });
    add({ artist: rest.join(' - '), title: first, how: 'title - artist' });
  }
  // A folder that names an artist has spoken: the bare-title reading is only for files no folder credits.
  if (folderArtist) add({ artist: folderArtist, title: stem, how: 'folder artist' });
  // `Share\Artist\Title.mp3`: with no album in sight, the parent folder may be the artist.
  if (albumFolder && !folderInfo?.artist && album) add({ artist: album, title: stem, how: 'parent folder artist' });
  if (!folderArtist && !album) add({ title: stem, how: 'title only' });

  const out: ParsedFilename = { folders, stem, ext, readings };
  if (trackNumber !== undefined) out.trackNumber = trackNumber;
  if (disc !== undefined) out.disc = disc;
  if (album) out.album = album;
  if (folderInfo?.year !== undefined) out.year = folderInfo.year;
  if (folderArtist) out.folderArtist = folderArtist;
  return out;
}

/** The readings of a parsed file name as tracks to score. */
export function filenameTracks(parsed: ParsedFilename, durationSec?: number): Array<{ track: MatchTrack; how: string }> {
  return parsed.readings.map((r) => {
    const track: MatchTrack = { title: r.title, artists: r.artist ? [r.artist] : [] };
    if (parsed.album) track.album = parsed.album;
    if (parsed.trackNumber !== undefined) track.trackNumber = parsed.trackNumber;
    if (durationSec !== undefined) track.durationSec = durationSec;
    return { track, how: r.how };
  });
}

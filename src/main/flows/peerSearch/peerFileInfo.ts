// What a peer's path says, for people and for the catalog: artist, title, album, year, track and disc numbers
// (the matching engine's file and folder parser), and the path's parts with the characters that could disguise
// it (controls, bidirectional overrides) removed. Pure.
import { foldCase, parsePeerFilename, type ParsedFilename } from '../../matching';

export interface PeerFileInfo {
  artist?: string;
  title: string;
  album?: string;
  /** The artist the folders name (the album's artist), when they name one. */
  albumArtist?: string;
  year?: number;
  trackNumber?: number;
  disc?: number;
  /** File name and parent folder, safe to show. */
  name: string;
  folder: string;
}

// C0/C1 controls, and the marks that reorder text on screen (a name could show ".flac" while ending ".exe").
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A peer's text made safe to show: hidden characters removed, bounded length. */
export function displayText(text: string, max = 300): string {
  const clean = text.replace(HIDDEN, '').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

export function peerFileInfo(path: string, parsed: ParsedFilename = parsePeerFilename(path)): PeerFileInfo {
  const parts = path.split(/[\\/]+/).filter(Boolean);
  const name = displayText(parts[parts.length - 1] ?? path);
  const folder = displayText(parts[parts.length - 2] ?? '');
  // The reading that agrees with the folders' artist, else the file name's own "Artist - Title", else the title.
  const folderArtist = parsed.folderArtist;
  const reading =
    (folderArtist && parsed.readings.find((r) => r.how !== 'folder artist' && r.artist && foldCase(r.artist) === foldCase(folderArtist))) ||
    parsed.readings.find((r) => r.how === 'artist - title') ||
    parsed.readings.find((r) => r.how === 'folder artist') ||
    parsed.readings[0];
  const info: PeerFileInfo = {
    title: displayText(reading?.title || parsed.stem || name),
    name,
    folder,
  };
  const artist = reading?.artist ?? folderArtist;
  if (artist) info.artist = displayText(artist);
  if (parsed.album) info.album = displayText(parsed.album);
  if (folderArtist) info.albumArtist = displayText(folderArtist);
  if (parsed.year !== undefined) info.year = parsed.year;
  if (parsed.trackNumber !== undefined) info.trackNumber = parsed.trackNumber;
  if (parsed.disc !== undefined) info.disc = parsed.disc;
  return info;
}

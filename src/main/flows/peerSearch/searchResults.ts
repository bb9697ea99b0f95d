// Turns slskd's search responses into what the Search page shows: each peer's folders of two or more audio files
// as albums (the folder parsed into artist, album and year), every other file as a single, each ranked by the
// matching engine against the query, with quality (the ladder) and the peer (free slot, queue, speed) breaking
// near-ties — the order the queue's own ranking uses. Every path is checked as the download would check it
// (remotePath.ts): a path slskd could not store safely is never offered. Pure.
import type { SearchAlbumDto, SearchFileDto, SearchSingleDto } from '../../../shared/contract';
import {
  classifyQuality,
  DEFAULT_QUALITY_LADDER,
  planLocalDownloadPath,
  qualityLabel,
  type QualityTier,
  type SlskdSearchFile,
  type SlskdSearchResponse,
} from '../../sources';
import { parsePeerFilename } from '../../matching';
import { peerFileInfo, type PeerFileInfo } from './peerFileInfo';
import { fileQueryScore, folderQueryScore, prepareQuery, type PreparedQuery } from './queryMatch';

export type SearchFormat = SearchFileDto['format'];
export interface RankedFile extends SearchFileDto {
  quality: QualityTier;
}
export interface RankedAlbum extends SearchAlbumDto {
  files: RankedFile[];
}
export interface RankedSingle extends SearchSingleDto {
  quality: QualityTier;
}
export interface RankedResults {
  albums: RankedAlbum[];
  singles: RankedSingle[];
  hidden: { unsafe: number; locked: number; unsupported: number };
}

/** Scores closer than this compete on quality and peer, as in the queue's ranking (rank.ts). */
export const SCORE_BAND = 0.1;
/** A folder needs this many audio files to be offered as an album. */
export const ALBUM_MIN_FILES = 2;

const FORMATS: Record<string, SearchFormat> = { flac: 'flac', mp3: 'mp3', m4a: 'm4a', aac: 'm4a', ogg: 'ogg', opus: 'opus' };
/** The lexical check slskd's file placement needs does not depend on where its downloads folder is. */
const ANY_DOWNLOADS_DIR = process.platform === 'win32' ? 'C:\\slskd-downloads' : '/slskd-downloads';

/** Ranks a whole search at once. */
export function rankSearchResults(query: string, responses: readonly SlskdSearchResponse[]): RankedResults {
  const ranker = new SearchRanker(query);
  for (const r of responses) ranker.add(r);
  return ranker.finish();
}

/**
 * The same, a response at a time, so a caller can let the host answer other requests between responses (a
 * search of thousands of files takes a second or more to score).
 */
export class SearchRanker {
  private readonly readings: PreparedQuery;
  private readonly hidden = { unsafe: 0, locked: 0, unsupported: 0 };
  private readonly albums: RankedAlbum[] = [];
  private readonly singles: RankedSingle[] = [];
  private readonly seenPeers = new Set<string>();

  constructor(query: string) {
    this.readings = prepareQuery(query);
  }

  add(r: SlskdSearchResponse): void {
    // slskd answers one response per peer; a repeated one adds nothing.
    if (this.seenPeers.has(r.username)) return;
    this.seenPeers.add(r.username);
    const hidden = this.hidden;
    hidden.locked += r.lockedFiles.length;
    const locked = new Set(r.lockedFiles.map((f) => f.filename));
    const peer = { username: r.username, hasFreeUploadSlot: r.hasFreeUploadSlot, queueLength: r.queueLength, uploadSpeed: r.uploadSpeed };
    const folders = new Map<string, RankedFile[]>();
    const seenFiles = new Set<string>();
    for (const f of r.files) {
      if (seenFiles.has(f.filename)) continue;
      seenFiles.add(f.filename);
      if (f.isLocked || locked.has(f.filename)) {
        hidden.locked++;
        continue;
      }
      if (!planLocalDownloadPath(ANY_DOWNLOADS_DIR, f.filename).ok) {
        hidden.unsafe++;
        continue;
      }
      const file = toRankedFile(f, this.readings);
      if (!file) {
        hidden.unsupported++;
        continue;
      }
      const dir = remoteDirectory(f.filename);
      const list = folders.get(dir);
      if (list) list.push(file);
      else folders.set(dir, [file]);
    }
    for (const [dir, files] of folders) {
      // A folder the parser cannot name as an album ("Singles", "Music", "@@share") is a pile of singles.
      const info = files.length >= ALBUM_MIN_FILES ? peerFileInfo(files[0]!.filename) : undefined;
      if (info?.album) {
        this.albums.push(toAlbum(r.username, dir, files, peer, this.readings, info));
      } else {
        for (const file of files) this.singles.push({ ...file, id: `${r.username}\u0000${file.filename}`, peer });
      }
    }
  }

  finish(): RankedResults {
    return { albums: [...this.albums].sort(compareAlbums), singles: [...this.singles].sort(compareSingles), hidden: { ...this.hidden } };
  }
}

function toRankedFile(f: SlskdSearchFile, readings: PreparedQuery): RankedFile | undefined {
  const parsed = parsePeerFilename(f.filename);
  const info = peerFileInfo(f.filename, parsed);
  const ext = extensionOf(f.filename) || (f.extension ?? '').toLowerCase().replace(/^\./, '');
  const format = FORMATS[ext];
  const quality = classifyQuality({
    ext, bitRate: f.bitRate, bitDepth: f.bitDepth, isVariableBitRate: f.isVariableBitRate, size: f.size, lengthSec: f.length,
  });
  if (!format || !quality) return undefined;
  return {
    filename: f.filename,
    name: info.name,
    folder: info.folder,
    size: f.size,
    format,
    quality,
    qualityLabel: qualityLabel(quality),
    bitRate: f.bitRate ?? null,
    bitDepth: f.bitDepth ?? null,
    sampleRate: f.sampleRate ?? null,
    lengthSec: f.length ?? null,
    isVariableBitRate: f.isVariableBitRate ?? false,
    artist: info.artist ?? null,
    title: info.title,
    trackNumber: info.trackNumber ?? null,
    score: round3(fileQueryScore(readings, parsed)),
  };
}

function toAlbum(
  username: string,
  dir: string,
  files: RankedFile[],
  peer: SearchAlbumDto['peer'],
  readings: PreparedQuery,
  info: PeerFileInfo,
): RankedAlbum {
  const album = info.album ?? info.folder;
  const artist = info.albumArtist ?? info.artist;
  const ordered = [...files].sort(
    (a, b) => (a.trackNumber ?? 1e6) - (b.trackNumber ?? 1e6) || a.filename.localeCompare(b.filename),
  );
  const folderScore = folderQueryScore(readings, artist ? { artist, album } : { album });
  return {
    id: `${username}\u0000${dir}`,
    peer,
    folder: info.folder,
    artist: artist ?? null,
    album,
    year: info.year ?? null,
    files: ordered,
    ...albumSummary(files),
    score: round3(Math.max(folderScore, ...files.map((f) => f.score))),
  };
}

/** Size, length, formats and best quality of an album's files (recomputed when a filter leaves some out). */
export function albumSummary(files: readonly RankedFile[]): Pick<RankedAlbum, 'size' | 'lengthSec' | 'formats' | 'qualityLabel'> {
  const best = [...files].sort((a, b) => qualityRank(a.quality) - qualityRank(b.quality))[0];
  const lengths = files.map((f) => f.lengthSec);
  return {
    size: files.reduce((n, f) => n + f.size, 0),
    lengthSec: lengths.every((l): l is number => l !== null) ? lengths.reduce((n, l) => n + l, 0) : null,
    formats: [...new Set(files.map((f) => f.format))].sort(),
    qualityLabel: best?.qualityLabel ?? '',
  };
}

export const qualityRank = (tier: QualityTier): number => DEFAULT_QUALITY_LADDER.indexOf(tier);
const bandOf = (s: number) => Math.floor((s + 1e-9) / SCORE_BAND);
const bestRank = (a: RankedAlbum) => Math.min(...a.files.map((f) => qualityRank(f.quality)));

function comparePeers(a: SearchAlbumDto['peer'], b: SearchAlbumDto['peer']): number {
  return (
    Number(b.hasFreeUploadSlot) - Number(a.hasFreeUploadSlot) || a.queueLength - b.queueLength || b.uploadSpeed - a.uploadSpeed
  );
}

export function compareAlbums(a: RankedAlbum, b: RankedAlbum): number {
  return (
    bandOf(b.score) - bandOf(a.score) ||
    bestRank(a) - bestRank(b) ||
    comparePeers(a.peer, b.peer) ||
    b.score - a.score ||
    a.id.localeCompare(b.id)
  );
}

export function compareSingles(a: RankedSingle, b: RankedSingle): number {
  return (
    bandOf(b.score) - bandOf(a.score) ||
    qualityRank(a.quality) - qualityRank(b.quality) ||
    comparePeers(a.peer, b.peer) ||
    b.score - a.score ||
    a.id.localeCompare(b.id)
  );
}

/** The remote directory (everything before the file name), as slskd groups a peer's files. */
function remoteDirectory(path: string): string {
  const i = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
  return i < 0 ? '' : path.slice(0, i);
}

function extensionOf(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? '';
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

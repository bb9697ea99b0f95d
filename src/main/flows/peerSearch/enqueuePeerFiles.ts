// Download on the Search page: each chosen file of one peer becomes a catalog track (artist, title, album and
// numbers read from its path by the matching engine's parser) and a queue request pinned to exactly that file,
// so the slskd source fetches it without a search of its own. From there it is a normal download: validated,
// filed under the library layout, tagged, shown under Downloads, cancellable.
import { AppError } from '../../../shared/result';
import type { CatalogStore } from '../../catalog';
import { PRIORITY, type QueueItem, type QueueStore } from '../../queue';
import { pinnedPeerFileRef, type PeerFile } from '../../sources';
import { peerFileInfo } from './peerFileInfo';
import type { RankedResults } from './searchResults';

export interface EnqueuePeerFilesDeps {
  catalog: CatalogStore;
  queue: QueueStore;
}

export interface EnqueuedPeerFiles {
  items: QueueItem[];
  /** Files whose track already had a request waiting or running (that request stands). */
  alreadyQueued: number;
}

/** The files of `username` named in `filenames`, as the search announced them; unknown names are refused. */
export function peerFilesFromResults(results: RankedResults, username: string, filenames: readonly string[]): PeerFile[] {
  const offered = new Map<string, PeerFile>();
  const add = (f: { filename: string; size: number; lengthSec: number | null; bitRate: number | null; bitDepth: number | null; sampleRate: number | null; isVariableBitRate: boolean }) =>
    offered.set(f.filename, {
      username,
      filename: f.filename,
      size: f.size,
      ...(f.lengthSec ? { lengthSec: f.lengthSec } : {}),
      ...(f.bitRate ? { bitRate: f.bitRate } : {}),
      ...(f.bitDepth ? { bitDepth: f.bitDepth } : {}),
      ...(f.sampleRate ? { sampleRate: f.sampleRate } : {}),
      ...(f.isVariableBitRate ? { isVariableBitRate: true } : {}),
    });
  for (const a of results.albums) if (a.peer.username === username) a.files.forEach(add);
  for (const s of results.singles) if (s.peer.username === username) add(s);
  return [...new Set(filenames)].map((name) => {
    const file = offered.get(name);
    if (!file) throw new AppError('not_found', `${username} did not offer that file in this search; search again.`);
    return file;
  });
}

export function enqueuePeerFiles(deps: EnqueuePeerFilesDeps, files: readonly PeerFile[], requestedBy = 'local'): EnqueuedPeerFiles {
  const items: QueueItem[] = [];
  let alreadyQueued = 0;
  for (const file of files) {
    const info = peerFileInfo(file.filename);
    const artist = info.artist ?? info.albumArtist ?? file.username;
    const albumId = info.album
      ? deps.catalog.upsertAlbum({ title: info.album, artist: { name: info.albumArtist ?? artist }, ...(info.year ? { releaseDate: String(info.year) } : {}) })
      : undefined;
    const trackId = deps.catalog.upsertTrack({
      title: info.title,
      artist: { name: artist },
      albumId: albumId ?? null,
      ...(info.trackNumber !== undefined ? { trackNumber: info.trackNumber } : {}),
      ...(info.disc !== undefined ? { discNumber: info.disc } : {}),
      ...(file.lengthSec ? { durationSec: file.lengthSec } : {}),
      source: 'slskd',
    });
    const { item, created } = deps.queue.enqueueTrack({
      trackId,
      source: 'slskd',
      priority: PRIORITY.user,
      requestSource: 'user',
      requestedBy,
      externalRef: pinnedPeerFileRef(file),
    });
    if (created) items.push(item);
    else alreadyQueued++;
  }
  return { items, alreadyQueued };
}

// A plain library folder: every audio file under it, read with music-metadata. A file whose size and
// modification time are what the mirror recorded is reported unchanged without being opened again, so a
// re-scan of an unchanged library costs one stat per file.
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { listAudioFiles } from '../../catalog';
import { readAudioMetadata } from '../../library';
import { LibraryUnreachableError } from './unreachable';
import type { LibraryConnector, ListOptions, MirrorEntry } from './types';

const PAGE = 200;

export class FolderConnector implements LibraryConnector {
  readonly name = 'folder' as const;

  constructor(readonly origin: string) {}

  async *list({ known, signal }: ListOptions): AsyncIterable<MirrorEntry[]> {
    const st = await stat(this.origin).catch(() => null);
    if (!st?.isDirectory()) throw new LibraryUnreachableError('folder', this.origin, 'the folder does not exist or is not mounted');
    const files = await listAudioFiles(this.origin);
    let page: MirrorEntry[] = [];
    for (const file of files) {
      signal?.throwIfAborted();
      const fst = await stat(file).catch(() => null);
      if (!fst) continue;
      const fingerprint = `${fst.size}:${Math.trunc(fst.mtimeMs)}`;
      if (known(file) === fingerprint) page.push({ extKey: file, unchanged: true });
      else {
        const meta = await readAudioMetadata(file, { duration: true, skipCovers: true }).catch(() => undefined);
        if (!meta) continue; // unreadable: not something the library can be said to own
        const c = meta.common;
        const artists = c.artists?.length ? c.artists : c.artist ? [c.artist] : c.albumartist ? [c.albumartist] : [];
        page.push({
          extKey: file,
          title: c.title ?? basename(file, extname(file)).replace(/^\d{1,3}\s*(?:[-.]\s*)?(?=\S)/, ''),
          artists,
          ...(c.album ? { album: c.album } : {}),
          ...(c.track.no ? { trackNumber: c.track.no } : {}),
          ...(c.disk.no ? { discNumber: c.disk.no } : {}),
          ...(meta.format.duration !== undefined ? { durationSec: Math.round(meta.format.duration * 10) / 10 } : {}),
          path: file,
          sizeBytes: fst.size,
          fingerprint,
        });
      }
      if (page.length >= PAGE) {
        yield page;
        page = [];
      }
    }
    if (page.length) yield page;
  }
}

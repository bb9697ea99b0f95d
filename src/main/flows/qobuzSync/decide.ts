// What to do with each planned track, from the catalog and one stat per path — never a network call:
// skip (its file is there with the size recorded when it was downloaded), look closer at a file already at the
// planned path or at our own file whose size changed (re-tagged by the user, or damaged), or download (new,
// missing).
import type { CatalogQobuzTrack, StatSize } from '../../catalog';
import type { PlanEntry } from './plan';
import { isInside } from './plan';

export type DownloadReason = 'new' | 'missing' | 'wrong_size' | 'unreadable';

export type Decision =
  | { action: 'skip'; path: string }
  /** A file we never recorded sits at the planned path: adopt it if it is the track (see recognise). */
  | { action: 'probe'; path: string; sizeBytes: number }
  /**
   * Our own file with a size other than recorded: a user who re-tagged it, or damage. Kept (and its size
   * recorded) when its tags still name the track and it decodes fully; else downloaded again, replacing it.
   */
  | { action: 'verify'; path: string; sizeBytes: number }
  /** `replaces`: a file at the target that the download will replace once it is complete. */
  | { action: 'download'; reason: DownloadReason; replaces?: string };

export function decideTrack(root: string, entry: PlanEntry, known: CatalogQobuzTrack | undefined, stat: StatSize): Decision {
  const recordedSize = known?.sizeBytes ?? null;
  let wrongSize = false;
  if (known?.localPath && recordedSize !== null && isInside(root, known.localPath)) {
    const size = stat(known.localPath);
    if (size === recordedSize) return { action: 'skip', path: known.localPath };
    if (size !== null) {
      if (known.localPath === entry.path) return { action: 'verify', path: entry.path, sizeBytes: size };
      wrongSize = true;
    }
  }
  const atTarget = stat(entry.path);
  if (atTarget !== null) {
    // Our own earlier download (or one we adopted) that changed size: re-tagged, or partial, corrupt, truncated.
    const ours = recordedSize !== null && (known?.localPath ?? known?.plannedPath) === entry.path;
    if (ours) return { action: 'verify', path: entry.path, sizeBytes: atTarget };
    return { action: 'probe', path: entry.path, sizeBytes: atTarget };
  }
  if (wrongSize) return { action: 'download', reason: 'wrong_size' };
  return { action: 'download', reason: recordedSize !== null ? 'missing' : 'new' };
}

// The read-only half of a sync (all a dry run does): list the purchases, get the track lists of albums the
// catalog does not know completely, plan paths, and decide per track — skip, recognise a file already there, or
// download. Writes nothing.
import { extname, resolve } from 'node:path';
import pLimit from 'p-limit';
import { listAudioFiles, statSize, type StatSize, SyncCatalog, type CatalogQobuzTrack } from '../../catalog';
import { validateAudioFile } from '../../library';
import type { AudioClaim } from '../../base';
import type { QobuzClient } from '../../sources';
import { decideTrack, type DownloadReason } from './decide';
import { syncAlbumFromQobuz, syncTrackFromQobuz } from './fromQobuz';
import { isInside, planSync, type AlbumWithTracks, type PlanEntry, type SingleTrack, type SyncPlan } from './plan';
import { probeAudioFile, probeFitsEntry, TagIndex, type AudioProbe, type RecogniseHow } from './recognise';
import type { SyncEvent } from './summary';

export type PreparedItem =
  | { entry: PlanEntry; action: 'skip'; path: string }
  | { entry: PlanEntry; action: 'recognise'; path: string; how: RecogniseHow; sizeBytes: number }
  | { entry: PlanEntry; action: 'download'; reason: DownloadReason; replaces?: string };

export interface PreparedSync {
  root: string;
  plan: SyncPlan;
  items: PreparedItem[];
  /** Catalog state of Qobuz tracks before this run, by Qobuz track id. */
  known: Map<number, CatalogQobuzTrack>;
  /** Albums whose track list came from the catalog (no album/get this run). */
  cachedAlbumIds: Set<string>;
}

export interface PrepareOptions {
  client: Pick<QobuzClient, 'listPurchasedAlbums' | 'listPurchasedTracks' | 'getAlbum'>;
  syncCatalog: SyncCatalog;
  root: string;
  signal?: AbortSignal;
  onEvent?(e: SyncEvent): void;
  /** album/get calls in flight at once (the client's rate limit still applies). */
  albumConcurrency?: number;
  stat?: StatSize;
  probe?: (path: string) => Promise<AudioProbe | undefined>;
  /** Full check of a file about to be adopted (decodes to the end); default validateAudioFile. */
  validate?: (path: string, claim: AudioClaim) => Promise<unknown>;
}

export async function prepareSync(o: PrepareOptions): Promise<PreparedSync> {
  const root = resolve(o.root);
  const emit = o.onEvent ?? (() => {});
  const stat = o.stat ?? statSize;
  const probe = o.probe ?? probeAudioFile;
  const validate = o.validate ?? validateAudioFile;
  // Headers alone do not tell a cut-short MP3 (its LAME header announces the full length): decode it.
  const decodesFully = (path: string, entry: PlanEntry) =>
    validate(path, { ext: extname(path).slice(1).toLowerCase() || 'mp3', ...(entry.track.durationSec ? { durationSec: entry.track.durationSec } : {}) }).then(() => true, () => false);

  emit({ type: 'phase', phase: 'listing' });
  // Each type is paged to its own total; any error aborts (never "nothing bought").
  const [purchasedAlbums, purchasedTracks] = await Promise.all([o.client.listPurchasedAlbums(), o.client.listPurchasedTracks()]);
  o.signal?.throwIfAborted();

  const known = o.syncCatalog.qobuzTracks();
  const byAlbum = SyncCatalog.byAlbum(known);
  const cachedAlbumIds = new Set<string>();
  const albums: (AlbumWithTracks | undefined)[] = new Array(purchasedAlbums.length);
  const toFetch: number[] = [];
  purchasedAlbums.forEach((a, i) => {
    const cached = SyncCatalog.cachedAlbum(syncAlbumFromQobuz(a), byAlbum);
    if (cached) {
      albums[i] = cached;
      cachedAlbumIds.add(a.id);
    } else toFetch.push(i);
  });

  if (toFetch.length) {
    let done = 0;
    emit({ type: 'phase', phase: 'albums', done, total: toFetch.length });
    const limit = pLimit(o.albumConcurrency ?? 4);
    await Promise.all(
      toFetch.map((i) =>
        limit(async () => {
          o.signal?.throwIfAborted();
          const full = await o.client.getAlbum(purchasedAlbums[i]!.id);
          const album = syncAlbumFromQobuz(full, full.tracks.items.length);
          albums[i] = { album, tracks: full.tracks.items.map((t) => syncTrackFromQobuz(t, album)) };
          emit({ type: 'phase', phase: 'albums', done: ++done, total: toFetch.length });
        }),
      ),
    );
  }

  emit({ type: 'phase', phase: 'planning' });
  const singles: SingleTrack[] = purchasedTracks.map((t) => {
    const album = syncAlbumFromQobuz(t.album);
    return { track: syncTrackFromQobuz(t, album), album };
  });
  const plan = planSync(root, albums.filter((a): a is AlbumWithTracks => a !== undefined), singles, {
    knownPath: (id) => {
      const k = known.get(id);
      return [k?.plannedPath, k?.localPath].find((p) => p && isInside(root, p));
    },
  });

  const items: PreparedItem[] = [];
  const toProbe: number[] = [];
  const toVerify: number[] = [];
  for (const entry of plan.entries) {
    const d = decideTrack(root, entry, known.get(entry.track.qobuzId), stat);
    if (d.action === 'probe') toProbe.push(items.length);
    if (d.action === 'verify') toVerify.push(items.length);
    items.push(
      d.action === 'skip'
        ? { entry, action: 'skip', path: d.path }
        : d.action === 'probe'
          ? { entry, action: 'recognise', path: d.path, how: 'path', sizeBytes: d.sizeBytes }
          : d.action === 'verify'
            ? { entry, action: 'download', reason: 'wrong_size', replaces: d.path }
            : { entry, action: 'download', reason: d.reason, ...(d.replaces ? { replaces: d.replaces } : {}) },
    );
  }

  // Our own file with a new size: a re-tag by the user keeps the tags naming the track and still decodes fully
  // (keep it, record the size); anything else is damage and is downloaded again, replacing it.
  if (toVerify.length) {
    const limit = pLimit(4);
    await Promise.all(
      toVerify.map((i) =>
        limit(async () => {
          const item = items[i] as Extract<PreparedItem, { action: 'download' }>;
          const path = item.replaces!;
          const hit = (await TagIndex.build([path], probe)).claim(item.entry);
          const size = stat(path);
          if (hit && size !== null && (await decodesFully(path, item.entry))) {
            items[i] = { entry: item.entry, action: 'recognise', path, how: hit.how, sizeBytes: size };
          }
        }),
      ),
    );
  }

  // A file nobody recorded sits where the track belongs: adopt it if it is this track, else replace it.
  if (toProbe.length) {
    emit({ type: 'phase', phase: 'recognising', done: 0, total: toProbe.length });
    const limit = pLimit(8);
    await Promise.all(
      toProbe.map((i) =>
        limit(async () => {
          const item = items[i]!;
          const p = await probe(item.entry.path);
          if (!p || !probeFitsEntry(p, item.entry) || !(await decodesFully(item.entry.path, item.entry))) {
            items[i] = { entry: item.entry, action: 'download', reason: 'unreadable', replaces: item.entry.path };
          }
        }),
      ),
    );
  }

  // Tracks still to download may already be in the folder under other names (another tool's layout).
  const wanted = items.filter((it) => it.action === 'download' && (it.reason === 'new' || it.reason === 'missing'));
  if (wanted.length) {
    const planned = new Set(plan.entries.map((e) => e.path));
    const managed = o.syncCatalog.managedPaths();
    const files = (await listAudioFiles(root).catch(() => [] as string[])).filter((f) => !planned.has(f) && !managed.has(f));
    if (files.length) {
      emit({ type: 'phase', phase: 'recognising', done: 0, total: files.length });
      const index = await TagIndex.build(files, probe);
      for (let i = 0; i < items.length; i++) {
        const it = items[i]!;
        if (it.action !== 'download' || (it.reason !== 'new' && it.reason !== 'missing')) continue;
        const hit = index.claim(it.entry);
        if (!hit) continue;
        const size = stat(hit.path);
        if (size !== null) items[i] = { entry: it.entry, action: 'recognise', path: hit.path, how: hit.how, sizeBytes: size };
      }
    }
  }
  return { root, plan, items, known, cachedAlbumIds };
}

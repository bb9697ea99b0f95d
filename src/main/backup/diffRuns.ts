// What changed between two runs: likes and playlist items added or removed (as multisets: a track held twice
// counts twice), playlists that appeared or went, and tracks that became unavailable.
import type { BackupEntry, BackupTrack } from './format';
import type { LoadedRun } from './loadRun';
import { entryKey, entryLabel, trackKey } from './trackKey';

export interface PlaylistDiff {
  id: string;
  name: string;
  change: 'added' | 'removed' | 'changed';
  itemsAdded: string[];
  itemsRemoved: string[];
  becameUnavailable: string[];
}

export interface RunDiff {
  likesAdded: string[];
  likesRemoved: string[];
  likesBecameUnavailable: string[];
  playlists: PlaylistDiff[];
}

export function diffRuns(a: LoadedRun, b: LoadedRun): RunDiff {
  const la = a.likes?.items.map((i) => i.track) ?? [];
  const lb = b.likes?.items.map((i) => i.track) ?? [];
  const likes = multisetDiff(la, lb, trackKey);
  const out: RunDiff = {
    likesAdded: likes.added.map(trackLabel),
    likesRemoved: likes.removed.map(trackLabel),
    likesBecameUnavailable: becameUnavailable(la, lb).map(trackLabel),
    playlists: [],
  };
  const pa = new Map(a.playlists.map((p) => [p.id, p]));
  const pb = new Map(b.playlists.map((p) => [p.id, p]));
  for (const [id, p] of pb) {
    const before = pa.get(id);
    const ea = before?.items ?? [];
    const eb = p.items ?? [];
    const d = multisetDiff(ea, eb, entryKey);
    const unavailable = becameUnavailable(tracksOf(ea), tracksOf(eb)).map(trackLabel);
    const change = !before ? 'added' : 'changed';
    if (change === 'changed' && d.added.length === 0 && d.removed.length === 0 && unavailable.length === 0 && before?.name === p.name) continue;
    out.playlists.push({ id, name: p.name, change, itemsAdded: d.added.map(entryLabel), itemsRemoved: d.removed.map(entryLabel), becameUnavailable: unavailable });
  }
  for (const [id, p] of pa) {
    if (!pb.has(id)) out.playlists.push({ id, name: p.name, change: 'removed', itemsAdded: [], itemsRemoved: (p.items ?? []).map(entryLabel), becameUnavailable: [] });
  }
  return out;
}

function multisetDiff<T>(before: readonly T[], after: readonly T[], key: (t: T) => string): { added: T[]; removed: T[] } {
  const count = new Map<string, number>();
  for (const t of before) count.set(key(t), (count.get(key(t)) ?? 0) + 1);
  const added: T[] = [];
  for (const t of after) {
    const k = key(t);
    const n = count.get(k) ?? 0;
    if (n > 0) count.set(k, n - 1);
    else added.push(t);
  }
  const left = new Map(count);
  const removed: T[] = [];
  for (const t of before) {
    const k = key(t);
    const n = left.get(k) ?? 0;
    if (n > 0) {
      removed.push(t);
      left.set(k, n - 1);
    }
  }
  return { added, removed };
}

function tracksOf(entries: readonly BackupEntry[]): BackupTrack[] {
  return entries.flatMap((e) => (e.kind === 'track' ? [e.track] : []));
}

function becameUnavailable(before: readonly BackupTrack[], after: readonly BackupTrack[]): BackupTrack[] {
  const wasAvailable = new Set(before.filter((t) => !t.unavailable).map(trackKey));
  const seen = new Set<string>();
  return after.filter((t) => {
    const k = trackKey(t);
    if (!t.unavailable || !wasAvailable.has(k) || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const trackLabel = (t: BackupTrack) => `${t.artists.join(', ')} – ${t.title}`;

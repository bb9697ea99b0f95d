// How the Downloads list is cached and how pushed row updates are merged into that cache, as pure functions.
// The list is fetched in pages (a sparse window over possibly tens of thousands of rows); an update patches the
// row where it sits, drops it from views it no longer belongs to, and tells the caller when a view needs a
// refetch (a row entered it, so only the server knows where it goes).
import type { QueueRow } from '../../../shared/contract';
import type { DownloadView } from '../../app/route';

export type QueueSource = QueueRow['source'];
export type QueueStatus = QueueRow['status'];

export interface QueueFilter {
  view: DownloadView;
  search: string;
  source: QueueSource | null;
}

export interface QueuePage {
  items: QueueRow[];
  total: number;
}

export const PAGE_SIZE = 200;
export const QUEUE_LIST = 'queue.list';
export const QUEUE_COUNT = 'queue.count';

/** Mirrors the host's view definitions (QueueStore.list). */
export const VIEW_STATUSES: Record<DownloadView, readonly QueueStatus[]> = {
  active: ['in_progress'],
  queued: ['pending', 'retry_waiting'],
  finished: ['completed', 'cancelled'],
  failed: ['failed'],
};

export const queueFamilyKey = (f: QueueFilter) => [QUEUE_LIST, f.view, f.search, f.source ?? '*'] as const;
export const queuePageKey = (f: QueueFilter, page: number) => [...queueFamilyKey(f), page] as const;
export const queueCountKey = (f: QueueFilter) => [QUEUE_COUNT, f.view, f.search, f.source ?? '*'] as const;

/** Reads a page key back (for walking the query cache); undefined for anything else. */
export function parsePageKey(key: readonly unknown[]): { filter: QueueFilter; page: number } | undefined {
  const [name, view, search, source, page] = key;
  if (name !== QUEUE_LIST || typeof search !== 'string' || typeof page !== 'number') return undefined;
  if (typeof view !== 'string' || !(view in VIEW_STATUSES) || typeof source !== 'string') return undefined;
  return { filter: { view: view as DownloadView, search, source: source === '*' ? null : (source as QueueSource) }, page };
}

/** Views ordered by priority (then age) or by finish time, like the host's `queue.list`. */
function movedWithinView(before: QueueRow, after: QueueRow, view: DownloadView): boolean {
  if (view === 'active' || view === 'queued') return before.priority !== after.priority;
  return before.completedAt !== after.completedAt;
}

/** Client-side twin of the host's filter (title or artist contains the search, case-insensitive). */
export function rowMatchesFilter(row: QueueRow, f: QueueFilter): boolean {
  if (!VIEW_STATUSES[f.view].includes(row.status)) return false;
  if (f.source && row.source !== f.source) return false;
  if (f.search) {
    const q = f.search.toLowerCase();
    if (!row.title.toLowerCase().includes(q) && !row.artist.toLowerCase().includes(q)) return false;
  }
  return true;
}

export interface MergeResult {
  /** Pages whose content changed, by page index (only those). */
  changed: Map<number, QueuePage>;
  /** A row entered this view or left a gap: only a refetch puts everything in its exact place. */
  needsRefetch: boolean;
}

/** Applies pushed rows to the cached pages of one view+filter. */
export function mergeRowsIntoPages(pages: ReadonlyMap<number, QueuePage>, filter: QueueFilter, rows: readonly QueueRow[]): MergeResult {
  const where = new Map<number, number>();
  for (const [index, page] of pages) for (const r of page.items) where.set(r.id, index);

  const working = new Map<number, QueueRow[]>();
  const itemsOf = (index: number): QueueRow[] => {
    let items = working.get(index);
    if (!items) working.set(index, (items = [...pages.get(index)!.items]));
    return items;
  };

  let removed = 0;
  let needsRefetch = false;
  for (const row of rows) {
    const index = where.get(row.id);
    const matches = rowMatchesFilter(row, filter);
    if (index === undefined) {
      if (matches) needsRefetch = true;
      continue;
    }
    const items = itemsOf(index);
    const pos = items.findIndex((r) => r.id === row.id);
    if (pos < 0) continue;
    if (matches) {
      if (movedWithinView(items[pos]!, row, filter.view)) needsRefetch = true;
      items[pos] = row;
    } else {
      items.splice(pos, 1);
      where.delete(row.id);
      removed++;
      needsRefetch = true;
    }
  }

  const changed = new Map<number, QueuePage>();
  for (const [index, page] of pages) {
    const items = working.get(index);
    if (!items && removed === 0) continue;
    changed.set(index, { items: items ?? page.items, total: Math.max(0, page.total - removed) });
  }
  return { changed, needsRefetch };
}

/** The row at absolute position `index`, if its page is loaded. */
export function rowAt(pages: ReadonlyMap<number, QueuePage>, index: number): QueueRow | undefined {
  return pages.get(Math.floor(index / PAGE_SIZE))?.items[index % PAGE_SIZE];
}

/** Page indexes covering [start, end], always including the first page (it carries the total). */
export function pagesFor(start: number, end: number): number[] {
  const first = Math.max(0, Math.floor(start / PAGE_SIZE));
  const last = Math.max(first, Math.floor(Math.max(0, end) / PAGE_SIZE));
  const out = new Set<number>([0]);
  for (let p = first; p <= last; p++) out.add(p);
  return [...out].sort((a, b) => a - b);
}

// Feeds pushed `queue.rows` (and rows returned by actions) into the TanStack Query cache without refetching
// everything: rows are patched in place; only a view whose membership changed is refetched, and only the pages
// on screen, at most every `refetchDelayMs`. Tab counts refresh when some row's status changed.
import type { QueryClient } from '@tanstack/react-query';
import type { QueueRow } from '../../../shared/contract';
import {
  mergeRowsIntoPages, parsePageKey, queueFamilyKey, QUEUE_COUNT, QUEUE_LIST, type QueueFilter, type QueuePage, type QueueStatus,
} from './queueCache';

export interface QueueCacheUpdater {
  apply(rows: readonly QueueRow[]): void;
  /** After a reconnect the cache may have missed events: forget what we believed. */
  reset(): void;
  dispose(): void;
}

export function createQueueCacheUpdater(queryClient: QueryClient, refetchDelayMs = 400): QueueCacheUpdater {
  const knownStatus = new Map<number, QueueStatus>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const later = (id: string, run: () => void) => {
    if (timers.has(id)) return;
    timers.set(
      id,
      setTimeout(() => {
        timers.delete(id);
        run();
      }, refetchDelayMs),
    );
  };

  return {
    apply(rows) {
      if (!rows.length) return;
      const families = new Map<string, { filter: QueueFilter; pages: Map<number, QueuePage> }>();
      const cachedStatus = new Map<number, QueueStatus>();
      for (const query of queryClient.getQueryCache().findAll({ queryKey: [QUEUE_LIST] })) {
        const parsed = parsePageKey(query.queryKey);
        const data = query.state.data as QueuePage | undefined;
        if (!parsed || !data) continue;
        const id = JSON.stringify(queueFamilyKey(parsed.filter));
        let family = families.get(id);
        if (!family) families.set(id, (family = { filter: parsed.filter, pages: new Map() }));
        family.pages.set(parsed.page, data);
        for (const r of data.items) cachedStatus.set(r.id, r.status);
      }

      let statusChanged = false;
      for (const row of rows) {
        const before = knownStatus.get(row.id) ?? cachedStatus.get(row.id);
        if (before !== row.status) statusChanged = true;
        knownStatus.set(row.id, row.status);
      }
      if (knownStatus.size > 100_000) knownStatus.clear();

      for (const { filter, pages } of families.values()) {
        const { changed, needsRefetch } = mergeRowsIntoPages(pages, filter, rows);
        for (const [page, data] of changed) queryClient.setQueryData([...queueFamilyKey(filter), page], data);
        if (needsRefetch) {
          const key = queueFamilyKey(filter);
          later(JSON.stringify(key), () => void queryClient.invalidateQueries({ queryKey: key }));
        }
      }
      if (statusChanged) later(QUEUE_COUNT, () => void queryClient.invalidateQueries({ queryKey: [QUEUE_COUNT] }));
    },
    reset() {
      knownStatus.clear();
    },
    dispose() {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
}

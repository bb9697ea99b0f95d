import { describe, expect, it } from 'vitest';
import type { QueueRow } from '../../../shared/contract';
import { mergeRowsIntoPages, pagesFor, parsePageKey, queuePageKey, rowAt, PAGE_SIZE, type QueueFilter, type QueuePage } from './queueCache';

const row = (id: number, over: Partial<QueueRow> = {}): QueueRow => ({
  id, parentId: null, trackId: id, title: `Song ${id}`, artist: 'Band', album: null, status: 'pending', priority: 4, source: 'slskd',
  requestSource: 'reconcile', requestedBy: 'system', createdAt: 1, startedAt: null, completedAt: null, nextRetryAt: null,
  retryCount: 0, maxRetries: 8, bytesDownloaded: 0, bytesTotal: null, speed: null, detail: null, errorType: null,
  errorMessage: null, destinationPath: null, tried: [], ...over,
});

const queued: QueueFilter = { view: 'queued', search: '', source: null };
const pages = (...lists: QueueRow[][]): Map<number, QueuePage> => {
  const total = lists.reduce((n, l) => n + l.length, 0);
  return new Map(lists.map((items, i) => [i, { items, total }]));
};

describe('mergeRowsIntoPages', () => {
  it('patches a row in place (progress) without asking for a refetch', () => {
    const cached = pages([row(1), row(2), row(3)]);
    const { changed, needsRefetch } = mergeRowsIntoPages(cached, queued, [row(2, { detail: 'peer alice' })]);
    expect(needsRefetch).toBe(false);
    expect(changed.get(0)!.items.map((r) => r.detail)).toEqual([null, 'peer alice', null]);
    expect(changed.get(0)!.total).toBe(3);
    expect(cached.get(0)!.items[1]!.detail).toBeNull();
  });

  it('drops a row that left the view (cancelled) from its page and from every page total', () => {
    const cached = pages([row(1), row(2)], [row(3)]);
    const { changed, needsRefetch } = mergeRowsIntoPages(cached, queued, [row(1, { status: 'cancelled' })]);
    expect(needsRefetch).toBe(true);
    expect(changed.get(0)!.items.map((r) => r.id)).toEqual([2]);
    expect(changed.get(0)!.total).toBe(2);
    expect(changed.get(1)!.total).toBe(2);
  });

  it('asks for a refetch when a row enters the view, since only the host knows its place', () => {
    const failed: QueueFilter = { view: 'failed', search: '', source: null };
    expect(mergeRowsIntoPages(pages([row(5, { status: 'failed' })]), failed, [row(9, { status: 'failed' })]).needsRefetch).toBe(true);
    expect(mergeRowsIntoPages(pages([row(1)]), queued, [row(9)]).needsRefetch).toBe(true);
  });

  it('asks for a refetch when a priority change reorders the queue', () => {
    const { changed, needsRefetch } = mergeRowsIntoPages(pages([row(1), row(2)]), queued, [row(2, { priority: 1 })]);
    expect(needsRefetch).toBe(true);
    expect(changed.get(0)!.items[1]!.priority).toBe(1);
  });

  it('respects the source and search filters', () => {
    const qobuzOnly: QueueFilter = { view: 'queued', search: '', source: 'qobuz' };
    expect(mergeRowsIntoPages(pages([row(1, { source: 'qobuz' })]), qobuzOnly, [row(7)]).needsRefetch).toBe(false);
    const search: QueueFilter = { view: 'queued', search: 'band', source: null };
    const { changed } = mergeRowsIntoPages(pages([row(1)]), search, [row(1, { artist: 'Someone else', title: 'Other' })]);
    expect(changed.get(0)!.items).toEqual([]);
  });

  it('ignores rows of other views that it never held', () => {
    const { changed, needsRefetch } = mergeRowsIntoPages(pages([row(1)]), queued, [row(50, { status: 'completed' })]);
    expect(needsRefetch).toBe(false);
    expect(changed.size).toBe(0);
  });
});

describe('paging helpers', () => {
  it('covers the visible range and always the first page', () => {
    expect(pagesFor(0, 30)).toEqual([0]);
    expect(pagesFor(PAGE_SIZE * 10 - 5, PAGE_SIZE * 10 + 20)).toEqual([0, 9, 10]);
  });

  it('finds a row by absolute index in sparse pages', () => {
    const sparse = new Map<number, QueuePage>([[3, { items: [row(601), row(602)], total: 10_000 }]]);
    expect(rowAt(sparse, PAGE_SIZE * 3 + 1)?.id).toBe(602);
    expect(rowAt(sparse, 5)).toBeUndefined();
  });

  it('reads page keys back', () => {
    const f: QueueFilter = { view: 'failed', search: 'x', source: 'qobuz' };
    expect(parsePageKey(queuePageKey(f, 4))).toEqual({ filter: f, page: 4 });
    expect(parsePageKey(['catalog.status'])).toBeUndefined();
  });
});

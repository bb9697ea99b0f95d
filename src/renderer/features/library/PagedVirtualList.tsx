// A virtualised list over a paged query: only the rows on screen exist in the DOM and only the pages under
// them are fetched, so 100,000 tracks scroll like ten. The caller says how to fetch a page and draw a row.
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { keepPreviousData, useQueries } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { EmptyState, ErrorNotice } from '../../components';

export const LIBRARY_PAGE_SIZE = 100;

export interface Page<T> {
  items: T[];
  total: number;
}

export function PagedVirtualList<T extends { id: number }>({ queryKey, fetchPage, renderRow, rowHeight, label, empty }: {
  /** Identifies the list (filter and sort included); pages are cached under it. */
  queryKey: readonly unknown[];
  fetchPage(offset: number, limit: number): Promise<Page<T>>;
  renderRow(item: T, index: number): ReactNode;
  rowHeight: number;
  label: string;
  empty: ReactNode;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [range, setRange] = useState({ first: 0, last: 0 });
  const pages = useMemo(() => {
    const out: number[] = [];
    for (let p = range.first; p <= range.last; p++) out.push(p);
    return out;
  }, [range]);
  const results = useQueries({
    queries: pages.map((page) => ({
      queryKey: [...queryKey, page],
      queryFn: () => fetchPage(page * LIBRARY_PAGE_SIZE, LIBRARY_PAGE_SIZE),
      staleTime: 30_000,
      placeholderData: page === range.first ? keepPreviousData : undefined,
    })),
  });
  const loaded = new Map<number, Page<T>>();
  pages.forEach((p, i) => {
    const d = results[i]?.data;
    if (d) loaded.set(p, d);
  });
  const first = results[0];
  const total = first?.data?.total ?? 0;
  const itemAt = (index: number): T | undefined => loaded.get(Math.floor(index / LIBRARY_PAGE_SIZE))?.items[index % LIBRARY_PAGE_SIZE];

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 10,
    getItemKey: (index) => itemAt(index)?.id ?? `slot-${index}`,
    onChange: (v) => {
      const items = v.getVirtualItems();
      const next = {
        first: Math.floor((items[0]?.index ?? 0) / LIBRARY_PAGE_SIZE),
        last: Math.floor((items[items.length - 1]?.index ?? 0) / LIBRARY_PAGE_SIZE),
      };
      setRange((prev) => (prev.first === next.first && prev.last === next.last ? prev : next));
    },
  });

  if (first?.isError) return <ErrorNotice title={`Couldn't load ${label.toLowerCase()}`} message={first.error.message} onRetry={() => void first.refetch()} />;
  if (first?.isPending) return <p className="muted lib-loading">Loading…</p>;
  if (total === 0) return <>{empty}</>;
  return (
    <div ref={scrollRef} className="lib-scroll" role="list" aria-label={label} aria-rowcount={total}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((v) => {
          const item = itemAt(v.index);
          return (
            <div
              key={v.key}
              role="listitem"
              aria-setsize={total}
              aria-posinset={v.index + 1}
              className="lib-row-slot"
              style={{ transform: `translateY(${v.start}px)`, height: rowHeight }}
            >
              {item ? renderRow(item, v.index) : <span className="lib-row-placeholder" aria-hidden="true" />}
            </div>
          );
        })}
      </div>
    </div>
  );
}

export function NothingHere({ title, body }: { title: string; body: ReactNode }) {
  return (
    <EmptyState icon="library" title={title}>
      {body}
    </EmptyState>
  );
}

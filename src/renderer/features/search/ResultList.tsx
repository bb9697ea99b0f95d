// A long result list, virtualised: only the rows on screen exist in the DOM. Rows differ in height (an open album
// shows its tracks), so each is measured as it renders.
import { useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

export function ResultList<T extends { id: string }>({ items, label, estimate, renderItem }: {
  items: readonly T[];
  label: string;
  estimate: number;
  renderItem(item: T): ReactNode;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimate,
    overscan: 6,
    getItemKey: (i) => items[i]?.id ?? i,
  });
  return (
    <div ref={scrollRef} className="search-scroll" role="list" aria-label={label}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((v) => {
          const item = items[v.index];
          if (!item) return null;
          return (
            <div
              key={v.key}
              ref={virtualizer.measureElement}
              data-index={v.index}
              role="listitem"
              aria-setsize={items.length}
              aria-posinset={v.index + 1}
              className="search-slot"
              style={{ transform: `translateY(${v.start}px)` }}
            >
              {renderItem(item)}
            </div>
          );
        })}
      </div>
    </div>
  );
}

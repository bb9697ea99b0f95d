// The planned downloads of a preview, virtualised: a first sync of a large account plans thousands of tracks,
// and only the rows on screen exist in the DOM. The list scrolls by itself and is reachable with Tab.
import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { QobuzPreviewDto } from '../../../shared/contract';
import { REASON_HINTS, REASON_LABELS } from './labels';
import { relativeToFolder } from './relativeToFolder';

type Planned = QobuzPreviewDto['planned'][number];

const ROW_HEIGHT = 62;

export function PlannedList({ tracks, folder, label }: { tracks: readonly Planned[]; folder: string; label: string }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: tracks.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (i) => `${tracks[i]?.albumId}:${tracks[i]?.trackId}:${i}`,
  });
  return (
    <div ref={scrollRef} className="plan-scroll" role="list" aria-label={label} tabIndex={0} style={{ height: Math.min(tracks.length * ROW_HEIGHT, 440) + 2 }}>
      <div className="plan-spacer" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const t = tracks[item.index]!;
          const path = relativeToFolder(t.path, folder);
          return (
            <div
              key={item.key}
              role="listitem"
              aria-label={`${t.title} by ${t.artist}`}
              aria-setsize={tracks.length}
              aria-posinset={item.index + 1}
              className={`plan-row${item.index === tracks.length - 1 ? ' plan-row-last' : ''}`}
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
            >
              <div className="plan-main">
                <div className="plan-title" title={`${t.title} — ${t.artist} — ${t.album}`}>
                  {t.title}
                  <span className="muted">
                    {' '}
                    · {t.artist} — {t.album}
                  </span>
                </div>
                <code className="plan-path" title={t.path}>
                  {path}
                </code>
              </div>
              <span className={`reason reason-${t.reason}`} title={REASON_HINTS[t.reason]}>
                {REASON_LABELS[t.reason]}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}

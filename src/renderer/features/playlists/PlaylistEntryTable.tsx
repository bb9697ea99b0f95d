// A playlist's tracks with their Matched and Downloaded columns, virtualised (playlists reach thousands of
// tracks). The reason and confidence of each verdict show on hover (title) and are read out with the cell.
import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { MissingEntryDto, PlaylistDownloadsDto } from '../../../shared/contract';
import { downloadedVerdict, matchedVerdict, type Verdict } from './playlistRuns';

const ROW = 44;

export function PlaylistEntryTable({ entries, downloads }: { entries: readonly MissingEntryDto[]; downloads: PlaylistDownloadsDto | undefined }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const byKey = new Map((downloads?.entries ?? []).map((d) => [d.key, d]));
  const virtualizer = useVirtualizer({ count: entries.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW, overscan: 8, getItemKey: (i) => entries[i]?.key ?? i });
  return (
    <div className="pl-table" role="table" aria-label="Playlist tracks" aria-rowcount={entries.length + 1}>
      <div className="pl-row pl-head" role="row" aria-rowindex={1}>
        <span role="columnheader" className="pl-num">#</span>
        <span role="columnheader">Track</span>
        <span role="columnheader">Matched</span>
        <span role="columnheader">Downloaded</span>
      </div>
      <div ref={scrollRef} className="pl-scroll" tabIndex={0} aria-label="Playlist tracks, scrollable">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }} role="rowgroup">
          {virtualizer.getVirtualItems().map((v) => {
            const e = entries[v.index]!;
            return (
              <div key={v.key} role="row" aria-rowindex={v.index + 2} className="pl-row" style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW, transform: `translateY(${v.start}px)` }}>
                <span role="cell" className="pl-num tabular">{e.position + 1}</span>
                <span role="cell" className="pl-track">
                  <span className="pl-title">{e.title}</span>
                  <span className="pl-artists">{e.artists.join(', ')}</span>
                </span>
                <VerdictCell v={matchedVerdict(e)} />
                <VerdictCell v={downloadedVerdict(byKey.get(e.key), e)} />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function VerdictCell({ v }: { v: Verdict }) {
  return (
    <span role="cell" title={v.reason} className={`pl-verdict pl-${v.tone}`}>
      {v.label}
      <span className="visually-hidden">: {v.reason}</span>
    </span>
  );
}

// Active / Queued / Finished / Failed as an ARIA tablist: arrow keys move between tabs, each shows its count.
import { useRef, type KeyboardEvent } from 'react';
import { DOWNLOAD_VIEWS, navigate, type DownloadView } from '../../app/route';
import { formatCount } from '../../format';
import { VIEW_LABELS } from './labels';

export const tabId = (view: DownloadView) => `downloads-tab-${view}`;
export const panelId = (view: DownloadView) => `downloads-panel-${view}`;

export function DownloadTabs({ current, counts }: { current: DownloadView; counts: Partial<Record<DownloadView, number>> }) {
  const refs = useRef(new Map<DownloadView, HTMLButtonElement>());

  const onKeyDown = (e: KeyboardEvent) => {
    const i = DOWNLOAD_VIEWS.indexOf(current);
    const n = DOWNLOAD_VIEWS.length;
    const target =
      e.key === 'ArrowRight' ? DOWNLOAD_VIEWS[(i + 1) % n]
      : e.key === 'ArrowLeft' ? DOWNLOAD_VIEWS[(i - 1 + n) % n]
      : e.key === 'Home' ? DOWNLOAD_VIEWS[0]
      : e.key === 'End' ? DOWNLOAD_VIEWS[n - 1]
      : undefined;
    if (!target) return;
    e.preventDefault();
    navigate({ page: 'downloads', view: target });
    refs.current.get(target)?.focus();
  };

  return (
    <div role="tablist" aria-label="Download views" className="tabs" onKeyDown={onKeyDown}>
      {DOWNLOAD_VIEWS.map((view) => {
        const selected = view === current;
        const count = counts[view];
        return (
          <button
            key={view}
            ref={(el) => {
              if (el) refs.current.set(view, el);
              else refs.current.delete(view);
            }}
            type="button"
            role="tab"
            id={tabId(view)}
            aria-selected={selected}
            aria-controls={panelId(view)}
            tabIndex={selected ? 0 : -1}
            className={`tab tab-${view}`}
            onClick={() => navigate({ page: 'downloads', view })}
          >
            {VIEW_LABELS[view]}
            {count !== undefined ? (
              <span className={`tab-count tabular${view === 'failed' && count > 0 ? ' tab-count-danger' : ''}`}>{formatCount(count)}</span>
            ) : null}
          </button>
        );
      })}
    </div>
  );
}

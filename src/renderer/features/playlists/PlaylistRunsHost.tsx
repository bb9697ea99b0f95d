// Mounted once by the app: the dashboard modal of the open playlist, and a progress bubble (bottom corner) for
// every playlist whose analysis runs or whose downloads are still going. Bubbles read the persisted runs, so they
// come back after a reload; clicking one reopens its modal in its current state.
import { useQueries } from '@tanstack/react-query';
import { request, useApi } from '../../api';
import { Icon, ProgressBar } from '../../components';
import { formatCount } from '../../format';
import { MissingTracksModal } from './MissingTracksModal';
import { usePlaylistModal } from './playlistModalStore';
import { activeDownloads, bubbleRuns } from './playlistRuns';
import { MISSING_DOWNLOADS, useMissingRuns } from './playlistsQueries';
import type { PlaylistDownloadsDto } from '../../../shared/contract';

/** Finished runs younger than this may still have downloads running; older ones get no bubble. */
const RECENT_MS = 24 * 3600_000;

export function PlaylistRunsHost() {
  const api = useApi();
  const open = usePlaylistModal((s) => s.open);
  const show = usePlaylistModal((s) => s.show);
  const close = usePlaylistModal((s) => s.close);
  const dismissed = usePlaylistModal((s) => s.dismissed);
  const dismiss = usePlaylistModal((s) => s.dismiss);
  const runs = useMissingRuns().data ?? [];
  const now = Date.now();
  const recent = runs.filter((r) => r.state === 'finished' && r.finishedAt !== null && now - r.finishedAt < RECENT_MS && !dismissed.includes(r.runId)).slice(-5);
  const results = useQueries({
    queries: recent.map((r) => ({ queryKey: [MISSING_DOWNLOADS, r.ref], queryFn: () => request(api, 'missing.downloads', { playlist: r.ref }), retry: false })),
  });
  const downloads = new Map<string, PlaylistDownloadsDto>();
  recent.forEach((r, i) => {
    const d = results[i]?.data;
    if (d) downloads.set(r.ref, d);
  });
  const bubbles = bubbleRuns(runs, downloads, open?.ref ?? null, new Set(dismissed));
  return (
    <>
      {open ? <MissingTracksModal key={open.ref} playlist={open.ref} name={open.name} onClose={close} /> : null}
      {bubbles.length > 0 ? (
        <ul className="pl-bubbles" aria-label="Playlists in progress">
          {bubbles.map((r) => {
            const d = downloads.get(r.ref);
            const analysing = r.state === 'running';
            const value = analysing ? r.done : (d?.counts.downloaded ?? 0);
            const max = analysing ? r.total : (d?.counts.tracks ?? 1);
            const text = analysing ? `Checking ${formatCount(r.done)} of ${formatCount(r.total)}` : `${formatCount(activeDownloads(d))} downloads left`;
            return (
              <li key={r.runId} className="pl-bubble">
                <button type="button" className="pl-bubble-open" onClick={() => show({ ref: r.ref, name: r.name })} aria-label={`${r.name}: ${text}. Open its dashboard`}>
                  <span className="pl-bubble-name">{r.name}</span>
                  <span className="pl-bubble-text tabular">{text}</span>
                  <ProgressBar label={`${r.name} progress`} value={value} max={Math.max(1, max)} tone={analysing ? 'accent' : 'info'} />
                </button>
                {analysing ? null : (
                  <button type="button" className="pl-bubble-dismiss" aria-label={`Hide ${r.name}'s bubble`} onClick={() => dismiss(r.runId)}>
                    <Icon name="x" size={14} />
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
    </>
  );
}

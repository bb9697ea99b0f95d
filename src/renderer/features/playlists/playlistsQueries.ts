// Playlists and their runs as server data. Runs change through pushed missing.progress events
// (applyMissingProgress); a playlist's entries and download states refetch, throttled, when they move.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { EventPayload, MissingEntryDto, MissingPreviewDto, MissingRunDto, QueueRow } from '../../../shared/contract';
import { request, useApi } from '../../api';
import { mergeRun } from './playlistRuns';

export const playlistsKey = ['playlists.list'] as const;
export const missingStateKey = ['missing.state'] as const;
export const MISSING_ENTRIES = 'missing.review';
export const MISSING_DOWNLOADS = 'missing.downloads';
export const MISSING_CANDIDATES = 'missing.candidates';
export const MISSING_PREVIEW = 'missing.preview';

export function usePlaylists() {
  const api = useApi();
  return useQuery({ queryKey: playlistsKey, queryFn: () => request(api, 'playlists.list'), retry: false });
}

/** The latest run of every analysed playlist, persisted by the core (so it survives reloads and restarts). */
export function useMissingRuns() {
  const api = useApi();
  return useQuery({ queryKey: missingStateKey, queryFn: () => request(api, 'missing.state') });
}

export function usePlaylistEntries(ref: string, enabled: boolean) {
  const api = useApi();
  return useQuery({ queryKey: [MISSING_ENTRIES, ref], queryFn: () => request(api, 'missing.review', { playlist: ref, all: true }), enabled, retry: false });
}

/** The dry run the dashboard shows for a playlist not analysed yet: counters and verdicts, nothing written. */
export function usePlaylistPreview(ref: string, enabled: boolean) {
  const api = useApi();
  return useQuery({ queryKey: [MISSING_PREVIEW, ref], queryFn: () => request(api, 'missing.preview', { playlist: ref }), enabled, retry: false, staleTime: 60_000 });
}

/** Preview verdicts as table rows (not in the catalog: no track, no decision). */
export function previewEntries(p: MissingPreviewDto | undefined): MissingEntryDto[] {
  return (p?.tracks ?? []).map((t, i) => ({
    key: `preview:${i}`, position: i, title: t.title, artists: t.artists, album: null, status: t.status, confidence: t.confidence, match: t.match,
    decision: null, trackId: null, awaiting: null, ignored: false,
  }));
}

export function usePlaylistDownloads(ref: string, enabled: boolean) {
  const api = useApi();
  return useQuery({ queryKey: [MISSING_DOWNLOADS, ref], queryFn: () => request(api, 'missing.downloads', { playlist: ref }), enabled, retry: false });
}

const timers = new WeakMap<QueryClient, Map<string, ReturnType<typeof setTimeout>>>();
function refreshSoon(queryClient: QueryClient, key: string, queryKey: readonly unknown[], ms: number): void {
  let map = timers.get(queryClient);
  if (!map) timers.set(queryClient, (map = new Map()));
  if (map.has(key)) return;
  map.set(key, setTimeout(() => {
    map.delete(key);
    void queryClient.invalidateQueries({ queryKey });
  }, ms));
}

export function applyMissingProgress(queryClient: QueryClient, p: EventPayload<'missing.progress'>): void {
  const { track: _track, ...run } = p;
  queryClient.setQueryData<MissingRunDto[]>(missingStateKey, (runs) => mergeRun(runs, run));
  const terminal = run.state !== 'running';
  refreshSoon(queryClient, `entries:${run.ref}`, [MISSING_ENTRIES, run.ref], terminal ? 0 : 400);
  // The entries reach the catalog as the analysis goes: their download states follow, once a second at most.
  if (!terminal) refreshSoon(queryClient, `downloads:${run.ref}`, [MISSING_DOWNLOADS, run.ref], 1000);
  if (terminal) {
    void queryClient.invalidateQueries({ queryKey: [MISSING_DOWNLOADS, run.ref] });
    void queryClient.invalidateQueries({ queryKey: playlistsKey });
  }
}

/** Queue rows of catalog tracks moved: the download states of the playlists on screen may have too. */
export function applyQueueRowsToPlaylists(queryClient: QueryClient, rows: readonly QueueRow[]): void {
  if (rows.some((r) => r.trackId !== null)) refreshSoon(queryClient, 'downloads', [MISSING_DOWNLOADS], 500);
  // A download that ends waiting for a pick (or failing) changes what the review list shows, and its candidates.
  if (rows.some((r) => r.trackId !== null && r.status === 'failed')) {
    refreshSoon(queryClient, 'entries', [MISSING_ENTRIES], 500);
    refreshSoon(queryClient, 'candidates', [MISSING_CANDIDATES], 500);
  }
}

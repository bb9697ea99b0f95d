// Pure rules of the playlists feature: merging pushed runs into the persisted list, what the Matched and
// Downloaded columns say (and their hover text), and which runs get a progress bubble.
import type { MissingEntryDto, MissingRunDto, PlaylistDownloadsDto } from '../../../shared/contract';

/** A pushed run replaces the one of its playlist, unless it is older (events can arrive out of order). */
export function mergeRun(runs: readonly MissingRunDto[] | undefined, run: MissingRunDto): MissingRunDto[] {
  const list = runs ? [...runs] : [];
  const at = list.findIndex((r) => r.playlistId === run.playlistId);
  if (at < 0) return [...list, run];
  const known = list[at]!;
  if (known.runId > run.runId || (known.runId === run.runId && known.state !== 'running' && run.state === 'running')) return list;
  if (known.runId === run.runId && known.state === 'running' && run.state === 'running' && run.done < known.done) return list;
  list[at] = run;
  return list;
}

const percent = (c: number | null) => (c === null ? '' : ` (confidence ${Math.round(c * 100)}%)`);
const where = { folder: 'your library folder', plex: 'Plex', jellyfin: 'Jellyfin', subsonic: 'Navidrome/Subsonic', catalog: 'the catalog' } as const;

export interface Verdict {
  label: string;
  tone: 'success' | 'info' | 'warning' | 'muted';
  /** The reason and confidence, shown on hover. */
  reason: string;
}

export function matchedVerdict(e: MissingEntryDto): Verdict {
  const candidate = e.match ? `“${e.match.title}” by ${e.match.artists.join(', ') || 'unknown'} in ${where[e.match.where]}` : null;
  if (e.decision === 'owned') return { label: 'Owned', tone: 'success', reason: `You said this is owned${candidate ? `: ${candidate}` : ''}.` };
  if (e.decision === 'not_owned') return { label: 'To download', tone: 'info', reason: `You said ${candidate ?? 'the library candidate'} is not this one.` };
  if (e.status === null) return { label: 'Not checked', tone: 'muted', reason: 'Not checked against the library yet.' };
  if (e.status === 'owned') return { label: 'Owned', tone: 'success', reason: `Matches ${candidate ?? 'a library track'}${percent(e.confidence)}.` };
  if (e.status === 'review') return { label: 'Review', tone: 'warning', reason: `Perhaps ${candidate ?? 'a library track'}${percent(e.confidence)}: below the 80% needed to count as owned.` };
  return {
    label: 'To download',
    tone: 'info',
    reason: candidate ? `Closest in the library: ${candidate}${percent(e.confidence)}, not the same recording.` : 'Nothing like it in the library.',
  };
}

type Downloaded = PlaylistDownloadsDto['entries'][number];
export function downloadedVerdict(d: Downloaded | undefined, e: MissingEntryDto): Verdict {
  if (!d) {
    return e.status === 'review' && e.decision === null
      ? { label: '—', tone: 'muted', reason: 'Waiting for your review before it is queued.' }
      : { label: '—', tone: 'muted', reason: 'Not in the catalog yet: Begin Search puts it there.' };
  }
  if (e.ignored && d.status !== 'downloaded') return { label: 'Ignored', tone: 'muted', reason: 'You said to ignore it: neither downloaded nor retried.' };
  if (e.awaiting === 'soulseek') return { label: 'Pick a file', tone: 'warning', reason: 'Soulseek has close files, none surely this track: pick one in the review list.' };
  switch (d.status) {
    case 'downloaded':
      return { label: 'Yes', tone: 'success', reason: 'On disk or owned in your library.' };
    case 'queued':
      return { label: 'Queued', tone: 'info', reason: 'Waiting in the download queue.' };
    case 'downloading':
      return { label: 'Downloading', tone: 'info', reason: 'Downloading now.' };
    case 'failed':
      return { label: 'Failed', tone: 'warning', reason: d.error ?? 'The download failed.' };
    default:
      return { label: 'Missing', tone: 'muted', reason: 'Missing: the queue rebuild fetches it when a source is set up.' };
  }
}

/** Downloads still to finish for a playlist (queued or running). */
export const activeDownloads = (d: PlaylistDownloadsDto | undefined): number => (d ? d.counts.queued + d.counts.downloading : 0);

/**
 * The runs that get a bubble: every analysis running, and a finished run whose downloads still run — unless its
 * modal is open or the person dismissed that run's bubble.
 */
export function bubbleRuns(runs: readonly MissingRunDto[], downloads: ReadonlyMap<string, PlaylistDownloadsDto>, openRef: string | null, dismissed: ReadonlySet<number>): MissingRunDto[] {
  return runs.filter((r) => r.ref !== openRef && !dismissed.has(r.runId) && (r.state === 'running' || (r.state === 'finished' && activeDownloads(downloads.get(r.ref)) > 0)));
}

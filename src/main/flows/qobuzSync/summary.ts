// The shapes a purchase sync reports — its live events, the dry-run preview and the final summary — and the
// summary as plain lines for people. Pure.
import type { DownloadReason } from './decide';
import type { RecogniseHow } from './recognise';

export interface TrackRef {
  /** Qobuz track id. */
  trackId: number;
  /** Qobuz album id. */
  albumId: string;
  title: string;
  artist: string;
  album: string;
  path: string;
}

export interface PlannedDownload extends TrackRef {
  reason: DownloadReason;
}

export interface SyncPreview {
  root: string;
  planned: PlannedDownload[];
  /** Tracks already on disk (skipped or recognised). */
  skipped: number;
  recognised: (TrackRef & { how: RecogniseHow })[];
  total: number;
  deduplicated: number;
}

export interface DownloadedTrack extends TrackRef {
  sizeBytes: number;
  reason: DownloadReason;
  /** Transcoded or downgraded: what happened. */
  note?: string;
}

export interface FailedTrack extends TrackRef {
  reason: string;
  errorType: string;
  /** The queue will try again later (or on the next sync). */
  willRetry: boolean;
}

export type SyncStop = 'disk_full' | 'interrupted' | 'cancelled';

export interface SyncSummary {
  root: string;
  user?: string;
  /** Tracks in the purchases, a track bought twice counted once. */
  total: number;
  downloaded: DownloadedTrack[];
  skipped: number;
  /** Only with verbose. */
  skippedTracks?: TrackRef[];
  recognised: (TrackRef & { how: RecogniseHow })[];
  failed: FailedTrack[];
  /** Tracks bought alone that are also in a bought album (kept under the album). */
  deduplicated: number;
  /** Set when the run stopped early; the tracks not fetched stay queued for the next run. */
  stopped?: SyncStop;
  leftQueued: number;
  upToDate: boolean;
  ms: number;
}

export type SyncPhase = 'signing_in' | 'listing' | 'albums' | 'planning' | 'recognising' | 'downloading' | 'reconciling';

export type SyncEvent =
  | { type: 'warning'; message: string }
  | { type: 'signed_in'; user: string }
  | { type: 'phase'; phase: SyncPhase; done?: number; total?: number }
  | { type: 'plan'; total: number; download: number; skip: number; recognise: number; deduplicated: number }
  | { type: 'skipped'; track: TrackRef }
  | { type: 'recognised'; track: TrackRef; how: RecogniseHow }
  | { type: 'started'; track: TrackRef }
  | { type: 'progress'; track: TrackRef; bytes: number; total: number | null; speed: number | null }
  | { type: 'downloaded'; track: DownloadedTrack }
  | { type: 'failed'; track: FailedTrack }
  | { type: 'stopping'; reason: SyncStop; message: string };

/** Out of space: what the download and move steps say when ENOSPC/EDQUOT struck. */
export function isDiskFullMessage(errorType: string | null | undefined, message: string | null | undefined): boolean {
  return errorType === 'storage' && /disk space|disk is full|no space|ENOSPC|EDQUOT/i.test(message ?? '');
}

const HOW: Record<RecogniseHow, string> = {
  path: 'already at its place',
  qobuz_id: 'by its QOBUZ_TRACK_ID tag',
  isrc: 'by its ISRC tag',
  tags: 'by its title, artist and album tags',
};

const REASON: Record<DownloadReason, string> = {
  new: 'new',
  missing: 'file missing',
  wrong_size: 'file has the wrong size',
  unreadable: 'file at its place is not this track',
};

export function describeReason(r: DownloadReason): string {
  return REASON[r];
}

export function describeHow(h: RecogniseHow): string {
  return HOW[h];
}

const label = (t: TrackRef): string => `${t.artist} – ${t.title} (${t.album})`;

/** The end-of-run report as lines. */
export function summaryLines(s: SyncSummary, o: { verbose?: boolean; formatBytes?: (n: number) => string } = {}): string[] {
  const lines: string[] = [];
  const bytes = s.downloaded.reduce((n, d) => n + d.sizeBytes, 0);
  const size = o.formatBytes ? ` (${o.formatBytes(bytes)})` : '';
  if (s.upToDate) {
    lines.push(`Qobuz purchases in ${s.root}: up to date (${s.total} tracks, nothing to download).`);
  } else {
    lines.push(
      `Qobuz purchases in ${s.root}: ${s.downloaded.length} downloaded${size}, ${s.skipped} skipped, ` +
        `${s.recognised.length} recognised, ${s.failed.length} failed, of ${s.total} tracks.`,
    );
  }
  if (s.deduplicated) lines.push(`${s.deduplicated} track(s) bought both alone and in an album are kept once, under the album.`);
  if (o.verbose) {
    for (const d of s.downloaded) lines.push(`  downloaded ${d.path} (${describeReason(d.reason)})`);
    for (const t of s.skippedTracks ?? []) lines.push(`  skipped ${t.path}`);
  }
  if (s.recognised.length) {
    lines.push('Recognised (adopted without downloading):');
    for (const r of s.recognised) lines.push(`  ${label(r)}: ${r.path}, ${describeHow(r.how)}`);
  }
  const notes = s.downloaded.filter((d) => d.note);
  if (notes.length) {
    lines.push('Transcoded or downgraded:');
    for (const d of notes) lines.push(`  ${label(d)}: ${d.note}`);
  }
  if (s.failed.length) {
    lines.push('Failed:');
    for (const f of s.failed) lines.push(`  ${label(f)}: ${f.reason}`);
  }
  if (s.stopped === 'disk_full') {
    lines.push(`Stopped: out of disk space. ${s.leftQueued} track(s) left queued; free some space and run the sync again.`);
  } else if (s.stopped === 'interrupted') {
    lines.push(`Interrupted: ${s.leftQueued} track(s) left queued; run the sync again to resume.`);
  } else if (s.stopped === 'cancelled') {
    lines.push(`Stopped: ${s.leftQueued} track(s) not downloaded.`);
  }
  return lines;
}

// What the host shows outside the window — the tray tooltip and the taskbar progress — from the queue and the
// playlist runs under way, as one line and one fraction. Pure.

export interface QueueActivity {
  pending: number;
  inProgress: number;
  completed: number;
}

export interface PlaylistActivity {
  name: string;
  /** The library analysis runs (done = tracks checked); else its downloads do (done = tracks settled). */
  checking: boolean;
  done: number;
  total: number;
}

export interface Activity {
  /** 0..1 for the taskbar, null when there is nothing to follow. */
  fraction: number | null;
  /** One line: "Road trip: 34/120 · 3 downloading". */
  summary: string;
}

/** Windows cuts tray tooltips at 127 characters; the hosts prefix "Cassette — ". */
export const SUMMARY_MAX = 110;
const NAME_MAX = 32;
/** Playlists named in the line; the rest are counted. */
const NAMED = 2;

export function describeActivity(queue: QueueActivity, playlists: readonly PlaylistActivity[]): Activity {
  const waiting = queue.pending + queue.inProgress;
  if (playlists.length === 0) {
    if (!waiting) return { fraction: null, summary: 'Idle' };
    return { fraction: queue.completed / Math.max(1, queue.completed + waiting), summary: `${queue.inProgress} downloading, ${queue.pending} queued` };
  }
  const parts = playlists.slice(0, NAMED).map((p) => `${shorten(p.name)}: ${p.checking ? 'checking ' : ''}${p.done}/${p.total}`);
  if (playlists.length > NAMED) parts.push(`+${playlists.length - NAMED} more`);
  if (queue.inProgress) parts.push(`${queue.inProgress} downloading`);
  else if (queue.pending) parts.push(`${queue.pending} queued`);
  const total = playlists.reduce((n, p) => n + p.total, 0);
  const done = playlists.reduce((n, p) => n + Math.min(p.done, p.total), 0);
  return { fraction: total > 0 ? done / total : null, summary: clip(parts.join(' · '), SUMMARY_MAX) };
}

function shorten(name: string): string {
  const trimmed = name.trim() || 'Playlist';
  return clip(trimmed, NAME_MAX);
}

function clip(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

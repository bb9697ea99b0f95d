// Writes each playlist of a run (and the likes) as CSV with Exportify's columns, or as M3U8, so other tools and
// players can use a backup.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sanitisePathComponent } from '../library';
import { writeFileAtomic } from './atomicWrite';
import type { BackupEntry } from './format';
import type { LoadedRun } from './loadRun';

export type ExportFormat = 'csv' | 'm3u8';

export const EXPORTIFY_COLUMNS = [
  'Track URI', 'Track Name', 'Artist URI(s)', 'Artist Name(s)', 'Album URI', 'Album Name', 'Album Artist URI(s)',
  'Album Artist Name(s)', 'Album Release Date', 'Album Image URL', 'Disc Number', 'Track Number', 'Track Duration (ms)',
  'Track Preview URL', 'Explicit', 'Popularity', 'ISRC', 'Added By', 'Added At',
] as const;

interface Row {
  uri: string;
  title: string;
  artists: string[];
  album: string;
  durationMs: number | null;
  isrc: string;
  addedBy: string;
  addedAt: string;
}

function rowOf(e: BackupEntry): Row {
  const base = { addedBy: e.addedBy ?? '', addedAt: e.addedAt ?? '' };
  switch (e.kind) {
    case 'track':
      return { ...base, uri: e.track.ids[0]?.uri ?? '', title: e.track.title, artists: e.track.artists, album: e.track.album ?? '', durationMs: e.track.durationMs, isrc: e.track.isrc ?? '' };
    case 'episode':
      return { ...base, uri: e.episode.ids[0]?.uri ?? '', title: e.episode.title, artists: e.episode.show ? [e.episode.show] : [], album: '', durationMs: e.episode.durationMs, isrc: '' };
    case 'local':
      return { ...base, uri: e.local.uri ?? '', title: e.local.title, artists: e.local.artists, album: e.local.album ?? '', durationMs: e.local.durationMs, isrc: '' };
    case 'missing':
      return { ...base, uri: '', title: '', artists: [], album: '', durationMs: null, isrc: '' };
  }
}

export function toCsv(entries: readonly BackupEntry[]): string {
  const lines = [EXPORTIFY_COLUMNS.map(csvCell).join(',')];
  for (const e of entries) {
    const r = rowOf(e);
    const cells = [r.uri, r.title, '', r.artists.join(','), '', r.album, '', '', '', '', '', '', r.durationMs ?? '', '', '', '', r.isrc, r.addedBy, r.addedAt];
    lines.push(cells.map((c) => csvCell(String(c))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function toM3u8(name: string, entries: readonly BackupEntry[]): string {
  const lines = ['#EXTM3U', `#PLAYLIST:${name.replace(/[\r\n]/g, ' ')}`];
  for (const e of entries) {
    if (e.kind === 'missing') continue;
    const r = rowOf(e);
    const secs = r.durationMs === null ? -1 : Math.round(r.durationMs / 1000);
    lines.push(`#EXTINF:${secs},${r.artists.join(', ')} - ${r.title}`.replace(/[\r\n]/g, ' '));
    lines.push(r.uri || `${r.artists.join(', ')} - ${r.title}`);
  }
  return `${lines.join('\n')}\n`;
}

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Writes one file per playlist with items (followed references have none) plus the likes; returns the paths. */
export async function exportRun(run: LoadedRun, outDir: string, format: ExportFormat): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  const used = new Set<string>();
  const write = async (name: string, entries: readonly BackupEntry[]) => {
    let base = sanitisePathComponent(name) || 'playlist';
    for (let n = 2; used.has(base.toLowerCase()); n++) base = `${sanitisePathComponent(name) || 'playlist'} (${n})`;
    used.add(base.toLowerCase());
    const path = join(outDir, `${base}.${format}`);
    await writeFileAtomic(path, format === 'csv' ? toCsv(entries) : toM3u8(name, entries));
    written.push(path);
  };
  if (run.likes) await write('Liked Songs', run.likes.items.map((i) => ({ kind: 'track' as const, addedAt: i.addedAt, addedBy: null, track: i.track })));
  for (const p of run.playlists) if (p.items) await write(p.name, p.items);
  return written;
}

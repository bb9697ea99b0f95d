// Exportify's CSV export: every field quoted ("" for a quote inside), the header row naming the columns, artists
// joined with ", " and a comma inside an artist's name written "\,". Columns are found by name, so the extra
// audio-feature columns of newer exports pass; the ones Cassette needs must be there.
import { z } from 'zod';
import { AppError } from '../../shared/result';
import { entryKey, uniqueKeys, type PlaylistEntry } from './playlistEntry';

/** Exportify's header, in its order. */
export const EXPORTIFY_HEADER = [
  'Track URI', 'Track Name', 'Artist URI(s)', 'Artist Name(s)', 'Album URI', 'Album Name', 'Album Artist URI(s)',
  'Album Artist Name(s)', 'Album Release Date', 'Album Image URL', 'Disc Number', 'Track Number', 'Track Duration (ms)',
  'Track Preview URL', 'Explicit', 'Popularity', 'ISRC', 'Added By', 'Added At',
] as const;

const REQUIRED = ['Track Name', 'Artist Name(s)'] as const;

/** RFC 4180 rows: quoted fields may hold commas, quotes ("") and line breaks; CRLF or LF between rows. */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (quoted) throw new AppError('invalid_input', 'The CSV ends inside a quoted field: the file is cut short.');
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** "A\, B, C" → ["A, B", "C"]: names split at unescaped commas, "\," unescaped. */
export function splitArtists(value: string): string[] {
  return value
    .split(/(?<!\\),/)
    .map((s) => s.replace(/\\,/g, ',').trim())
    .filter(Boolean);
}

const rowSchema = z.object({
  'Track URI': z.string().optional(),
  'Track Name': z.string().min(1),
  'Artist Name(s)': z.string(),
  'Album Name': z.string().optional(),
  'Album URI': z.string().optional(),
  'Album Artist Name(s)': z.string().optional(),
  'Album Release Date': z.string().optional(),
  'Album Image URL': z.string().optional(),
  'Disc Number': z.string().optional(),
  'Track Number': z.string().optional(),
  'Track Duration (ms)': z.string().optional(),
  ISRC: z.string().optional(),
});

const int = (v: string | undefined): number | undefined => {
  if (!v) return undefined;
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? n : undefined;
};
const spotifyId = (uri: string | undefined, kind: 'track' | 'album'): string | undefined => {
  const m = uri ? new RegExp(`^spotify:${kind}:([A-Za-z0-9]{22})$`).exec(uri) : null;
  return m?.[1];
};

export function parseExportifyCsv(text: string, file = 'the CSV'): PlaylistEntry[] {
  const rows = parseCsvRows(text);
  const header = rows[0];
  if (!header) throw new AppError('invalid_input', `${file} is empty.`);
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length) {
    throw new AppError('invalid_input', `${file} is not an Exportify export: it has no ${missing.map((m) => `"${m}"`).join(' or ')} column.`);
  }
  const entries: PlaylistEntry[] = [];
  rows.slice(1).forEach((cells, n) => {
    const record: Record<string, string> = {};
    header.forEach((name, i) => {
      if (cells[i] !== undefined && cells[i] !== '') record[name] = cells[i]!;
    });
    const parsed = rowSchema.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError('invalid_input', `${file}, row ${n + 2}: ${issue?.path.join('.') || 'row'} ${issue?.message ?? 'is invalid'}.`);
    }
    const r = parsed.data;
    const ms = int(r['Track Duration (ms)']);
    const entry: Omit<PlaylistEntry, 'key'> = {
      title: r['Track Name'],
      artists: splitArtists(r['Artist Name(s)']),
      ...(r['Album Name'] ? { album: r['Album Name'] } : {}),
      ...(r['Album Artist Name(s)'] ? { albumArtists: splitArtists(r['Album Artist Name(s)']) } : {}),
      ...(r['Album Release Date'] ? { releaseDate: r['Album Release Date'] } : {}),
      ...(ms !== undefined ? { durationSec: Math.round(ms / 100) / 10 } : {}),
      ...(int(r['Track Number']) !== undefined ? { trackNumber: int(r['Track Number']) } : {}),
      ...(int(r['Disc Number']) !== undefined ? { discNumber: int(r['Disc Number']) } : {}),
      ...(spotifyId(r['Track URI'], 'track') ? { spotifyId: spotifyId(r['Track URI'], 'track') } : {}),
      ...(spotifyId(r['Album URI'], 'album') ? { albumSpotifyId: spotifyId(r['Album URI'], 'album') } : {}),
      ...(r.ISRC ? { isrc: r.ISRC } : {}),
      ...(r['Album Image URL'] ? { coverUrl: r['Album Image URL'] } : {}),
    };
    entries.push({ ...entry, key: entryKey(entry) });
  });
  return uniqueKeys(entries);
}

// A playlist file named on the command line or in the app: an Exportify CSV, or an M3U / M3U8 list.
import { readFile } from 'node:fs/promises';
import { basename, extname, isAbsolute } from 'node:path';
import { AppError } from '../../shared/result';
import { parseExportifyCsv } from './parseExportifyCsv';
import { parseM3u } from './parseM3u';
import type { LoadedPlaylist } from './playlistEntry';

export async function readPlaylistFile(path: string): Promise<LoadedPlaylist> {
  if (!isAbsolute(path)) throw new AppError('invalid_input', `"${path}" is not a full path.`);
  const ext = extname(path).toLowerCase();
  if (ext !== '.csv' && ext !== '.m3u' && ext !== '.m3u8') {
    throw new AppError('invalid_input', `${path} is not a playlist Cassette reads: use an Exportify .csv, an .m3u or an .m3u8 file.`);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new AppError(code === 'ENOENT' ? 'not_found' : 'invalid_input', code === 'ENOENT' ? `No playlist file at ${path}.` : `Cannot read ${path} (${code ?? String(e)}).`);
  }
  const text = decode(bytes);
  const name = basename(path, extname(path));
  if (ext === '.csv') return { ref: path, kind: 'csv', name, entries: parseExportifyCsv(text, basename(path)) };
  const m3u = parseM3u(text);
  return { ref: path, kind: 'm3u', name: m3u.name ?? name, entries: m3u.entries };
}

/** UTF-8 (what .m3u8, Exportify and most players write); an old .m3u that is not valid UTF-8 is Latin-1. */
function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

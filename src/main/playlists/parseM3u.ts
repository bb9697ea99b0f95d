// M3U / M3U8 playlists: `#EXTINF:<seconds>,<Artist> - <Title>` before each path when the player wrote it (the
// usual case); otherwise what the path says (Artist/Album/NN Title, "Artist - Title"), read by the matching
// engine's file-name parser. Other directives (#EXTM3U, #PLAYLIST, #EXTALB, #EXTART) are read where useful.
import { basename, extname } from 'node:path';
import { parsePeerFilename } from '../matching';
import { entryKey, uniqueKeys, type PlaylistEntry } from './playlistEntry';

export interface ParsedM3u {
  name?: string;
  entries: PlaylistEntry[];
}

export function parseM3u(text: string): ParsedM3u {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const entries: PlaylistEntry[] = [];
  let name: string | undefined;
  let info: { durationSec?: number; artist?: string; title?: string } | undefined;
  let album: string | undefined;
  let albumArtist: string | undefined;
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('#')) {
      const inf = /^#EXTINF:\s*(-?\d+(?:\.\d+)?)[^,]*,(.*)$/i.exec(line);
      if (inf) {
        const secs = Number(inf[1]);
        const text = inf[2]!.trim();
        const dash = text.indexOf(' - ');
        info = {
          ...(secs > 0 ? { durationSec: secs } : {}),
          ...(dash > 0 ? { artist: text.slice(0, dash).trim(), title: text.slice(dash + 3).trim() } : { title: text }),
        };
      } else if (/^#PLAYLIST:/i.test(line)) name = line.slice(10).trim() || name;
      else if (/^#EXTALB:/i.test(line)) album = line.slice(8).trim() || undefined;
      else if (/^#EXTART:/i.test(line)) albumArtist = line.slice(8).trim() || undefined;
      continue;
    }
    const fromPath = parsePeerFilename(line);
    const reading = fromPath.readings[0];
    const title = info?.title || reading?.title || basename(line, extname(line));
    const artist = info?.artist ?? reading?.artist ?? fromPath.folderArtist ?? albumArtist;
    const entry: Omit<PlaylistEntry, 'key'> = {
      title,
      artists: artist ? [artist] : [],
      ...((album ?? fromPath.album) ? { album: album ?? fromPath.album } : {}),
      ...(info?.durationSec !== undefined ? { durationSec: info.durationSec } : {}),
      ...(fromPath.trackNumber !== undefined ? { trackNumber: fromPath.trackNumber } : {}),
    };
    entries.push({ ...entry, key: entryKey(entry) });
    info = undefined;
    album = undefined;
  }
  return { ...(name ? { name } : {}), entries: uniqueKeys(entries) };
}

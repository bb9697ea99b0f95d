// The one way the app reads a file's tags: music-metadata's parseFile, with ID3v2.3 read back the way Cassette
// writes it. music-metadata follows the v2.3 spec and splits TPE1 and TXXX values at "/" (so "AC/DC" becomes
// "AC" and "DC") and only reads the year of a v2.3 date (TYER, not TDAT). Here the display credit is taken whole,
// the ARTISTS list is rejoined where a split cut one name that the credit shows whole, and TYER + TDAT make the
// full date again.
import { parseFile, type IAudioMetadata, type IOptions } from 'music-metadata';
import { ID3V23_SEPARATOR } from './tagPlan';

const V23 = 'ID3v2.3';

function texts(meta: IAudioMetadata, id: string): string[] {
  return (meta.native[V23] ?? []).filter((t) => t.id === id && typeof t.value === 'string').map((t) => t.value as string);
}

/**
 * Undoes a "/" split: adjacent parts are joined again, longest first, when the joined name appears in one of the
 * `whole` strings (the credit, the album artist). ["AC", "DC", "Brian Johnson"] with "AC/DC feat. Brian Johnson"
 * → ["AC/DC", "Brian Johnson"].
 */
export function rejoinSplitNames(parts: string[], whole: string[]): string[] {
  const names: string[] = [];
  for (let i = 0; i < parts.length; ) {
    let end = i + 1;
    for (let j = parts.length; j > i + 1; j--) {
      const joined = parts.slice(i, j).join(ID3V23_SEPARATOR);
      if (whole.some((w) => w.includes(joined))) {
        end = j;
        break;
      }
    }
    names.push(parts.slice(i, end).join(ID3V23_SEPARATOR));
    i = end;
  }
  return names;
}

/** YYYY-MM-DD from a v2.3 TYER (YYYY) and TDAT (DDMM, day first); undefined unless both are valid. */
export function id3v23Date(year: string | undefined, ddmm: string | undefined): string | undefined {
  if (!year || !/^\d{4}$/.test(year)) return undefined;
  if (!ddmm || !/^\d{4}$/.test(ddmm)) return undefined;
  const day = Number(ddmm.slice(0, 2));
  const month = Number(ddmm.slice(2, 4));
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return `${year}-${ddmm.slice(2, 4)}-${ddmm.slice(0, 2)}`;
}

/** Corrects `meta.common` of an ID3v2.3 file (see the header); other files are returned as they are. */
export function withId3v23Read(meta: IAudioMetadata): IAudioMetadata {
  if (!meta.native[V23]) return meta;
  const c = meta.common;
  const credit = texts(meta, 'TPE1');
  if (credit.length > 1) c.artist = credit.join(ID3V23_SEPARATOR);
  const listed = texts(meta, 'TXXX:ARTISTS');
  // Without an ARTISTS list, a "/" in TPE1 means several artists, as the spec says: music-metadata's list stays.
  if (listed.length > 0) c.artists = rejoinSplitNames(listed, [c.artist ?? '', c.albumartist ?? ''].filter((w) => w !== ''));
  if (!c.date) {
    const date = id3v23Date(texts(meta, 'TYER')[0], texts(meta, 'TDAT')[0]);
    if (date) c.date = date;
  }
  return meta;
}

export async function readAudioMetadata(path: string, options?: IOptions): Promise<IAudioMetadata> {
  return withId3v23Read(await parseFile(path, options));
}

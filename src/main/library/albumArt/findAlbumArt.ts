// Where an album's picture can come from, in the order we try them: an image the user put beside the files
// (`cover.jpg`, `folder.jpg`, `front.png`, ... — chosen on purpose, and cheap to read), then the picture embedded
// in one of its tracks. Every candidate is read with a size cap and recognised by its bytes (JPEG or PNG only:
// no SVG, TIFF or other formats whose decoders have more to go wrong), so a damaged picture is skipped, not fatal.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { parseFile, type IPicture } from 'music-metadata';
import { sniffImageMime } from '../coverArtCache';

/** Pictures larger than this are not covers but mistakes (or attacks); they are skipped. */
export const MAX_PICTURE_BYTES = 16 * 1024 * 1024;
/** Tracks whose tags are read for a picture before an album counts as having none. */
export const MAX_TRACKS_PROBED = 6;
const PARSE_TIMEOUT_MS = 10_000;

/** Names of folder images by preference (case-insensitive). */
const FOLDER_IMAGE_NAMES = ['cover', 'folder', 'front'];
const FOLDER_IMAGE_EXTS = new Set(['.jpg', '.jpeg', '.png']);

export type PictureMime = 'image/jpeg' | 'image/png';

export interface PictureCandidate {
  kind: 'folder' | 'embedded';
  /** The image file, or the track that embeds the picture. */
  path: string;
}

export interface Picture extends PictureCandidate {
  data: Buffer;
  mime: PictureMime;
}

/** The rank of a file name as a folder image (lower is better), or undefined when it is not one. */
export function folderImageRank(name: string): number | undefined {
  const ext = extname(name).toLowerCase();
  if (!FOLDER_IMAGE_EXTS.has(ext)) return undefined;
  const rank = FOLDER_IMAGE_NAMES.indexOf(basename(name, extname(name)).toLowerCase());
  return rank < 0 ? undefined : rank * 10 + (ext === '.png' ? 1 : 0);
}

/** The folder images in `dirs`, best first (a folder that cannot be listed has none). */
export async function listFolderImages(dirs: readonly string[]): Promise<string[]> {
  const found: { path: string; rank: number; dir: number }[] = [];
  for (const [i, dir] of dirs.entries()) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      const rank = folderImageRank(name);
      if (rank !== undefined) found.push({ path: join(dir, name), rank, dir: i });
    }
  }
  return found.sort((a, b) => a.rank - b.rank || a.dir - b.dir || a.path.localeCompare(b.path)).map((f) => f.path);
}

export class PictureError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'PictureError';
  }
}

function recognised(data: Buffer, c: PictureCandidate): Picture {
  if (data.length === 0) throw new PictureError(c.path, 'the picture is empty');
  if (data.length > MAX_PICTURE_BYTES) throw new PictureError(c.path, `the picture is ${Math.round(data.length / 1048576)} MB (at most ${MAX_PICTURE_BYTES / 1048576} MB)`);
  const mime = sniffImageMime(data);
  if (!mime) throw new PictureError(c.path, 'the picture is neither JPEG nor PNG');
  return { ...c, data, mime };
}

/** A folder image's bytes, checked. */
export async function readFolderImage(path: string): Promise<Picture> {
  const s = await stat(path);
  if (!s.isFile()) throw new PictureError(path, 'not a file');
  if (s.size > MAX_PICTURE_BYTES) throw new PictureError(path, `the image is ${Math.round(s.size / 1048576)} MB (at most ${MAX_PICTURE_BYTES / 1048576} MB)`);
  return recognised(await readFile(path), { kind: 'folder', path });
}

/** The front cover among a file's pictures, else its first one. */
export function frontCover(pictures: readonly IPicture[] | undefined): IPicture | undefined {
  if (!pictures?.length) return undefined;
  return pictures.find((p) => /front/i.test(p.type ?? '')) ?? pictures[0];
}

/** The picture embedded in a track, or undefined when it has none. Unreadable tags or pictures throw PictureError. */
export async function readEmbeddedPicture(path: string, timeoutMs = PARSE_TIMEOUT_MS): Promise<Picture | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PictureError(path, `reading the tags took longer than ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    const meta = await Promise.race([parseFile(path, { skipCovers: false, duration: false, skipPostHeaders: true }), timeout]);
    const picture = frontCover(meta.common.picture);
    if (!picture) return undefined;
    return recognised(Buffer.from(picture.data.buffer, picture.data.byteOffset, picture.data.byteLength), { kind: 'embedded', path });
  } catch (e) {
    if (e instanceof PictureError) throw e;
    throw new PictureError(path, `its tags could not be read (${e instanceof Error ? e.message : String(e)})`);
  } finally {
    clearTimeout(timer);
  }
}

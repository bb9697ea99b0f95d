// Album covers for the Library: found lazily on the first request (an import of 100,000 tracks reads no picture),
// turned into thumbnails once, kept on disk under `<cache>/album-art/`:
//   albums/<albumId>.json          what the album's files gave: a cover (by content hash) or none, and the
//                                  fingerprint of the files it was worked out from (see albumArtFingerprint.ts)
//   thumbs/<hash>-v<N>-<size>.jpg  the thumbnails, shared by albums with the same picture
// A request re-checks the fingerprint (a stat per file) and works the cover out again only when it changed.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { z } from 'zod';
import { COVER_SIZES, type CoverSize } from '../../../shared/coverUrl';
import { err, ok, type Result } from '../../../shared/result';
import { albumArtInputs, type AlbumArtInputs } from './albumArtFingerprint';
import { makeThumbnails, THUMBNAIL_VERSION, ThumbnailerUnavailableError } from './coverThumbnails';
import { MAX_TRACKS_PROBED, PictureError, readEmbeddedPicture, readFolderImage, type Picture } from './findAlbumArt';

export interface AlbumCoverImage {
  data: Buffer;
  mime: 'image/jpeg';
  /** A strong validator for HTTP: changes whenever the bytes do. */
  etag: string;
}

export interface AlbumArtOptions {
  /** Folder for the manifests and thumbnails (e.g. `<cache>/album-art`). */
  dir: string;
  /** The album's files in track order (present or not), or undefined when the catalog has no such album. */
  albumFiles(albumId: number): readonly string[] | undefined;
  /** Damaged pictures and cache write failures: logged, never fatal. */
  onProblem?(message: string): void;
  /** Albums worked out at once (each reads tags and decodes a picture). Default 2. */
  concurrency?: number;
  /**
   * How long working an album out may take before its request gives up (a hung network share must not hold a
   * slot for ever). Default 30 s.
   */
  workTimeoutMs?: number;
}

class AlbumArtTimeoutError extends Error {}

const manifestSchema = z.object({
  fingerprint: z.string(),
  cover: z.object({ hash: z.string().regex(/^[0-9a-f]{32}$/), kind: z.enum(['folder', 'embedded']), path: z.string() }).nullable(),
});
type Manifest = z.infer<typeof manifestSchema>;

export class AlbumArt {
  private readonly inFlight = new Map<number, Promise<Manifest>>();
  private readonly limit: ReturnType<typeof pLimit>;
  private readonly onProblem: (message: string) => void;

  constructor(private readonly o: AlbumArtOptions) {
    this.limit = pLimit(o.concurrency ?? 2);
    this.onProblem = o.onProblem ?? (() => {});
  }

  /** The album's cover as a `size` px square JPEG; `not_found` for an unknown album or one without a cover. */
  async cover(albumId: number, size: CoverSize): Promise<Result<AlbumCoverImage>> {
    const files = this.o.albumFiles(albumId);
    if (!files) return err('not_found', `No album ${albumId} in the catalog.`);
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        const manifest = await this.resolve(albumId, files, attempt > 0);
        if (!manifest.cover) return err('not_found', `Album ${albumId} has no cover: no cover.jpg, folder.jpg or front.jpg beside its files and no usable picture in their tags.`);
        const data = await readFile(this.thumbPath(manifest.cover.hash, size)).catch(() => undefined);
        if (data) return ok({ data, mime: 'image/jpeg', etag: `"${manifest.cover.hash}-v${THUMBNAIL_VERSION}-${size}"` });
        // The thumbnail went missing (the cache folder was cleaned): work it out again, once.
      }
      return err('unavailable', `The cover of album ${albumId} could not be kept in the cache folder (see the log).`);
    } catch (e) {
      if (e instanceof ThumbnailerUnavailableError) return err('unavailable', e.message);
      if (e instanceof AlbumArtTimeoutError) return err('unavailable', e.message);
      throw e;
    }
  }

  private resolve(albumId: number, files: readonly string[], force: boolean): Promise<Manifest> {
    const running = this.inFlight.get(albumId);
    if (running) return running;
    const p = this.limit(() => this.withinTime(albumId, this.work(albumId, files, force))).finally(() => this.inFlight.delete(albumId));
    this.inFlight.set(albumId, p);
    return p;
  }

  /** The work's answer, or AlbumArtTimeoutError once it took too long (the work itself runs on, unawaited). */
  private async withinTime<T>(albumId: number, work: Promise<T>): Promise<T> {
    const ms = this.o.workTimeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.onProblem(`Cover of album ${albumId}: gave up after ${ms / 1000} s (are its files on a slow or unreachable disk?)`);
        reject(new AlbumArtTimeoutError(`Looking for the cover of album ${albumId} took longer than ${ms / 1000} s; its files may be on a slow or unreachable disk.`));
      }, ms);
    });
    work.catch(() => undefined);
    try {
      return await Promise.race([work, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async work(albumId: number, files: readonly string[], force: boolean): Promise<Manifest> {
    const inputs = await albumArtInputs(files);
    const kept = force ? undefined : await this.readManifest(albumId);
    if (kept && kept.fingerprint === inputs.fingerprint) return kept;
    const manifest: Manifest = { fingerprint: inputs.fingerprint, cover: null };
    for await (const picture of this.pictures(albumId, inputs)) {
      let thumbs: Map<CoverSize, Buffer>;
      try {
        thumbs = await makeThumbnails(picture);
      } catch (e) {
        if (!(e instanceof PictureError)) throw e;
        this.onProblem(`Cover of album ${albumId}: skipped ${e.path}: ${e.message}`);
        continue;
      }
      const hash = createHash('sha256').update(picture.data).digest('hex').slice(0, 32);
      for (const size of COVER_SIZES) await this.keep(this.thumbPath(hash, size), thumbs.get(size)!);
      manifest.cover = { hash, kind: picture.kind, path: picture.path };
      break;
    }
    await this.keep(this.manifestPath(albumId), Buffer.from(JSON.stringify(manifest)));
    return manifest;
  }

  /** Candidate pictures, best first: folder images, then the pictures of the first few tracks that have one. */
  private async *pictures(albumId: number, inputs: AlbumArtInputs): AsyncGenerator<Picture> {
    for (const path of inputs.images) {
      try {
        yield await readFolderImage(path);
      } catch (e) {
        this.onProblem(`Cover of album ${albumId}: skipped ${path}: ${e instanceof PictureError ? e.message : describe(e)}`);
      }
    }
    for (const path of inputs.tracks.slice(0, MAX_TRACKS_PROBED)) {
      let picture: Picture | undefined;
      try {
        picture = await readEmbeddedPicture(path);
      } catch (e) {
        this.onProblem(`Cover of album ${albumId}: skipped the picture in ${path}: ${e instanceof PictureError ? e.message : describe(e)}`);
      }
      if (picture) yield picture;
    }
  }

  private async readManifest(albumId: number): Promise<Manifest | undefined> {
    const text = await readFile(this.manifestPath(albumId), 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    try {
      const parsed = manifestSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  private manifestPath(albumId: number): string {
    return join(this.o.dir, 'albums', `${albumId}.json`);
  }

  private thumbPath(hash: string, size: CoverSize): string {
    return join(this.o.dir, 'thumbs', `${hash}-v${THUMBNAIL_VERSION}-${size}.jpg`);
  }

  /** Written beside and renamed: a crash never leaves half a thumbnail or manifest under its name. */
  private async keep(file: string, data: Buffer): Promise<void> {
    const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await mkdir(join(file, '..'), { recursive: true });
      await writeFile(temp, data);
      await rename(temp, file);
    } catch (e) {
      await rm(temp, { force: true }).catch(() => undefined);
      this.onProblem(`Could not keep a cover in ${this.o.dir}: ${describe(e)}`);
    }
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

// Cover thumbnails: square JPEGs at each COVER_SIZE, made with sharp (libvips, prebuilt per platform). sharp is
// loaded on first use, so a host that never shows a cover never loads libvips. A picture is refused by its header
// before it is decoded when it claims too many pixels (a decompression bomb), and each resize has a time limit;
// JPEGs shrink while they decode, so even a 50-megapixel photo costs a fraction of a second.
import type { Sharp, SharpOptions } from 'sharp';
import { COVER_SIZES, type CoverSize } from '../../../shared/coverUrl';
import { PictureError, type Picture } from './findAlbumArt';

export const MAX_INPUT_PIXELS = 100_000_000;
const RESIZE_TIMEOUT_S = 15;
/** Part of every cached thumbnail's identity: bump it when the output changes (size, quality, crop). */
export const THUMBNAIL_VERSION = 1;

type SharpFactory = (input: Buffer, options?: SharpOptions) => Sharp;
let loading: Promise<SharpFactory> | undefined;

/** Thrown when sharp cannot be loaded on this system (its prebuilt binary is missing). */
export class ThumbnailerUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ThumbnailerUnavailableError';
  }
}

async function loadSharp(): Promise<SharpFactory> {
  loading ??= import('sharp').then(
    (m) => {
      // Covers are decoded once and cached on disk: libvips' own cache would only hold memory.
      m.default.cache(false);
      return m.default as SharpFactory;
    },
    (e: unknown) => {
      loading = undefined;
      throw new ThumbnailerUnavailableError(`Cover thumbnails need sharp, which could not be loaded here: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    },
  );
  return loading;
}

/** Square thumbnails of a picture at every size; a picture that is damaged or too large throws PictureError. */
export async function makeThumbnails(picture: Picture): Promise<Map<CoverSize, Buffer>> {
  const sharp = await loadSharp();
  const options: SharpOptions = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'warning' };
  let width: number | undefined;
  let height: number | undefined;
  try {
    ({ width, height } = await sharp(picture.data, { ...options, limitInputPixels: false }).metadata());
  } catch (e) {
    throw new PictureError(picture.path, `the picture is damaged (${describe(e)})`);
  }
  if (!width || !height) throw new PictureError(picture.path, 'the picture has no size');
  if (width * height > MAX_INPUT_PIXELS) {
    throw new PictureError(picture.path, `the picture is ${width}×${height} pixels (at most ${MAX_INPUT_PIXELS / 1_000_000} megapixels)`);
  }
  const out = new Map<CoverSize, Buffer>();
  for (const size of COVER_SIZES) {
    try {
      const data = await sharp(picture.data, options)
        .rotate()
        .resize(size, size, { fit: 'cover' })
        .flatten({ background: '#808080' })
        .jpeg({ quality: 82 })
        .timeout({ seconds: RESIZE_TIMEOUT_S })
        .toBuffer();
      out.set(size, data);
    } catch (e) {
      throw new PictureError(picture.path, `the picture could not be decoded (${describe(e)})`);
    }
  }
  return out;
}

function describe(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 200);
}

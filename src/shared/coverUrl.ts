// Where an album's cover thumbnail is served, the same path on every host: the headless host answers it under its
// authenticated /v1 scope, Electron's app:// protocol handler answers it for its own window. Pure: no node, no DOM.
import { z } from 'zod';

/** Thumbnail edges in pixels: 96 for rows and tiles, 300 for an album's header. */
export const COVER_SIZES = [96, 300] as const;
export type CoverSize = (typeof COVER_SIZES)[number];
export const DEFAULT_COVER_SIZE: CoverSize = 300;

export function isCoverSize(n: number): n is CoverSize {
  return (COVER_SIZES as readonly number[]).includes(n);
}

/** `/v1/covers/album/<id>?size=<size>`, with the short-lived cover key the headless host hands out, when there is one. */
export function coverPath(albumId: number, size: CoverSize, key?: string | null): string {
  const q = new URLSearchParams({ size: String(size) });
  if (key) q.set('key', key);
  return `/v1/covers/album/${albumId}?${q.toString()}`;
}

/** What the headless host answers on `GET /v1/covers/key`. */
export const coverKeySchema = z.object({
  key: z.string().min(1).max(100),
  /** Epoch milliseconds after which the key is refused. */
  expiresAt: z.number().int().positive(),
});
export type CoverKey = z.infer<typeof coverKeySchema>;

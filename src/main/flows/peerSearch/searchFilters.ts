// The Search page's filters, applied in the core so only what is shown crosses the wire: by format, and by a
// minimum quality on the ladder ("MP3 320" keeps lossless too; "lossless" keeps FLAC only). An album keeps the
// files that pass and disappears when none does. Pure.
import type { z } from 'zod';
import type { searchFilters } from '../../../shared/contract';
import { DEFAULT_QUALITY_LADDER, ladderRank, type QualityTier } from '../../sources';
import { albumSummary, type RankedAlbum, type RankedFile, type RankedResults, type RankedSingle } from './searchResults';

export type SearchFilters = z.infer<typeof searchFilters>;

export function passesFilters(file: Pick<RankedFile, 'format' | 'quality'>, filters: SearchFilters): boolean {
  if (filters.formats && filters.formats.length > 0 && !filters.formats.includes(file.format)) return false;
  return meetsMinimum(file.quality, filters.minQuality);
}

export function meetsMinimum(tier: QualityTier, minimum: SearchFilters['minQuality']): boolean {
  if (minimum === 'any') return true;
  if (minimum === 'lossless') return tier === 'flac-16' || tier === 'flac-24';
  return ladderRank(tier, DEFAULT_QUALITY_LADDER, minimum) !== undefined;
}

export function filterResults(results: RankedResults, filters: SearchFilters): { albums: RankedAlbum[]; singles: RankedSingle[] } {
  const albums: RankedAlbum[] = [];
  for (const a of results.albums) {
    const files = a.files.filter((f) => passesFilters(f, filters));
    if (files.length === a.files.length) albums.push(a);
    else if (files.length > 0) albums.push({ ...a, ...albumSummary(files), files });
  }
  return { albums, singles: results.singles.filter((s) => passesFilters(s, filters)) };
}

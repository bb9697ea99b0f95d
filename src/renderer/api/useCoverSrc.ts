// The URL of an album's cover thumbnail, the same on every host: `/v1/covers/album/<id>?size=<n>` resolves to the
// headless host (with its cover key) or to Electron's app:// handler. Undefined while the key is being fetched or
// could not be had: the caller shows its placeholder.
import { useQuery } from '@tanstack/react-query';
import { coverPath, type CoverSize } from '../../shared/coverUrl';
import { useApi } from './ApiProvider';

/** Keys live one to two hours; fetching a fresh one every 20 minutes keeps every URL valid. */
const KEY_REFRESH_MS = 20 * 60_000;

export function useCoverSrc(albumId: number, size: CoverSize): string | undefined {
  const api = useApi();
  const key = useQuery({
    queryKey: ['cover-key'],
    queryFn: () => api.coverKey(),
    staleTime: KEY_REFRESH_MS,
    refetchInterval: KEY_REFRESH_MS,
  });
  if (key.data === undefined) return undefined;
  return coverPath(albumId, size, key.data?.key);
}

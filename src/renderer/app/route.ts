// Hash routes (#/downloads/failed): they work the same under Electron's app:// protocol and over http,
// need no server support, and survive reloads.
import { useSyncExternalStore } from 'react';

export const DOWNLOAD_VIEWS = ['active', 'queued', 'finished', 'failed'] as const;
export type DownloadView = (typeof DOWNLOAD_VIEWS)[number];

export type Route =
  | { page: 'dashboard' }
  | { page: 'downloads'; view: DownloadView }
  | { page: 'library'; artistId?: number; albumId?: number }
  | { page: 'qobuz' }
  | { page: 'backups' }
  | { page: 'search' }
  | { page: 'playlists' }
  | { page: 'settings'; section?: string };

const positiveInt = (s: string | undefined): number | undefined => {
  const n = Number(s);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

export function parseRoute(hash: string): Route {
  const [page, sub, sub2] = hash.replace(/^#\/?/, '').split('/');
  if (page === 'downloads') {
    const view = (DOWNLOAD_VIEWS as readonly string[]).includes(sub ?? '') ? (sub as DownloadView) : 'active';
    return { page: 'downloads', view };
  }
  if (page === 'library') {
    if (sub === 'artist') return { page: 'library', artistId: positiveInt(sub2) };
    if (sub === 'album') return { page: 'library', albumId: positiveInt(sub2) };
    return { page: 'library' };
  }
  if (page === 'qobuz') return { page: 'qobuz' };
  if (page === 'backups') return { page: 'backups' };
  if (page === 'search') return { page: 'search' };
  if (page === 'playlists') return { page: 'playlists' };
  if (page === 'settings') return sub && /^[a-z-]+$/.test(sub) ? { page: 'settings', section: sub } : { page: 'settings' };
  return { page: 'dashboard' };
}

export function hrefFor(route: Route): string {
  if (route.page === 'downloads') return `#/downloads/${route.view}`;
  if (route.page === 'library' && route.albumId) return `#/library/album/${route.albumId}`;
  if (route.page === 'library' && route.artistId) return `#/library/artist/${route.artistId}`;
  if (route.page === 'settings' && route.section) return `#/settings/${route.section}`;
  return `#/${route.page}`;
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}

export function navigate(route: Route): void {
  window.location.hash = hrefFor(route);
}

// Hash routes (#/downloads/failed): they work the same under Electron's app:// protocol and over http,
// need no server support, and survive reloads.
import { useSyncExternalStore } from 'react';

export const DOWNLOAD_VIEWS = ['active', 'queued', 'finished', 'failed'] as const;
export type DownloadView = (typeof DOWNLOAD_VIEWS)[number];

export type Route = { page: 'dashboard' } | { page: 'downloads'; view: DownloadView } | { page: 'library' } | { page: 'qobuz' };

export function parseRoute(hash: string): Route {
  const [page, sub] = hash.replace(/^#\/?/, '').split('/');
  if (page === 'downloads') {
    const view = (DOWNLOAD_VIEWS as readonly string[]).includes(sub ?? '') ? (sub as DownloadView) : 'active';
    return { page: 'downloads', view };
  }
  if (page === 'library') return { page: 'library' };
  if (page === 'qobuz') return { page: 'qobuz' };
  return { page: 'dashboard' };
}

export function hrefFor(route: Route): string {
  if (route.page === 'downloads') return `#/downloads/${route.view}`;
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

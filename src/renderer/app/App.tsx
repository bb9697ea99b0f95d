// The shell: skip link, navigation, top bar, connection banner, and the current page.
import { useEffect, useRef } from 'react';
import { BackupsPage } from '../features/backups';
import { DashboardPage } from '../features/dashboard';
import { DownloadsPage } from '../features/downloads';
import { LibraryPage } from '../features/library';
import { MatchedDownloadHost } from '../features/matched';
import { PlaylistRunsHost, PlaylistsPage } from '../features/playlists';
import { QobuzPage } from '../features/qobuz';
import { SearchPage } from '../features/search';
import { SettingsPage } from '../features/settings';
import { ConnectionBanner, Sidebar, TopBar } from '../features/shell';
import { useRoute, type Route } from './route';
import { useLiveUpdates } from './useLiveUpdates';

export function App() {
  useLiveUpdates();
  const route = useRoute();
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => {
    document.title = `${TITLES[route.page]} · Cassette`;
    if (first.current) {
      first.current = false;
      return;
    }
    mainRef.current?.querySelector<HTMLElement>('[data-page-title]')?.focus();
  }, [route.page]);

  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(e) => {
        e.preventDefault();
        mainRef.current?.focus();
      }}>
        Skip to main content
      </a>
      <Sidebar current={route.page} />
      <div className="workspace">
        <header className="workspace-top">
          <TopBar />
        </header>
        <ConnectionBanner />
        <main id="main" ref={mainRef} tabIndex={-1} className={`page page-${route.page}`}>
          <Page route={route} />
        </main>
      </div>
      <MatchedDownloadHost />
      <PlaylistRunsHost />
    </div>
  );
}

const TITLES: Record<Route['page'], string> = { dashboard: 'Dashboard', downloads: 'Downloads', library: 'Library', search: 'Search', playlists: 'Playlists', qobuz: 'Qobuz', backups: 'Backups', settings: 'Settings' };

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'downloads':
      return <DownloadsPage view={route.view} />;
    case 'library':
      return <LibraryPage artistId={route.artistId} albumId={route.albumId} />;
    case 'settings':
      return <SettingsPage section={route.section} />;
    case 'qobuz':
      return <QobuzPage />;
    case 'backups':
      return <BackupsPage />;
    case 'search':
      return <SearchPage />;
    case 'playlists':
      return <PlaylistsPage />;
    default:
      return <DashboardPage />;
  }
}

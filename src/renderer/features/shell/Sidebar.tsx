// Left navigation: the pages that exist, the current one marked for assistive technology.
import { useQuery } from '@tanstack/react-query';
import { request, useApi } from '../../api';
import { Icon, type IconName } from '../../components';
import { hrefFor, type Route } from '../../app/route';
import { formatCompact, formatCount } from '../../format';
import { useCatalogStatus } from '../status';
import { ThemeSwitch } from './ThemeSwitch';

const NAV: { page: Route['page']; label: string; icon: IconName; route: Route }[] = [
  { page: 'dashboard', label: 'Dashboard', icon: 'dashboard', route: { page: 'dashboard' } },
  { page: 'downloads', label: 'Downloads', icon: 'download', route: { page: 'downloads', view: 'active' } },
  { page: 'library', label: 'Library', icon: 'library', route: { page: 'library' } },
  { page: 'search', label: 'Search', icon: 'search', route: { page: 'search' } },
  { page: 'playlists', label: 'Playlists', icon: 'music', route: { page: 'playlists' } },
  { page: 'qobuz', label: 'Qobuz', icon: 'bag', route: { page: 'qobuz' } },
  { page: 'backups', label: 'Backups', icon: 'archive', route: { page: 'backups' } },
  { page: 'settings', label: 'Settings', icon: 'settings', route: { page: 'settings' } },
];

export function Sidebar({ current }: { current: Route['page'] }) {
  const api = useApi();
  const info = useQuery({ queryKey: ['app.info'], queryFn: () => request(api, 'app.info'), staleTime: Infinity });
  const status = useCatalogStatus();
  const busy = status.data ? status.data.downloading + status.data.queued : 0;
  return (
    <aside className="sidebar">
      <div className="brand">
        <CassetteLogo />
        <span className="brand-name">Cassette</span>
      </div>
      <nav aria-label="Main">
        <ul className="nav-list">
          {NAV.map((item) => (
            <li key={item.page}>
              <a className="nav-link" href={hrefFor(item.route)} aria-current={current === item.page ? 'page' : undefined}>
                <Icon name={item.icon} />
                <span className="nav-label">{item.label}</span>
                {item.page === 'downloads' && busy > 0 ? (
                  <span className="nav-badge tabular" title={`${formatCount(busy)} downloads waiting or running`}>
                    <span aria-hidden="true">{formatCompact(busy)}</span>
                    <span className="visually-hidden">, {formatCount(busy)} waiting or running</span>
                  </span>
                ) : null}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="sidebar-footer">
        <ThemeSwitch />
        {info.data ? (
          <p className="sidebar-meta">
            Version {info.data.version} · {info.data.host === 'electron' ? 'desktop' : info.data.host}
          </p>
        ) : null}
      </div>
    </aside>
  );
}

function CassetteLogo() {
  return (
    <svg className="brand-logo" width="30" height="30" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect x="2" y="6" width="28" height="20" rx="4" fill="var(--accent)" />
      <rect x="6" y="10" width="20" height="9" rx="2" fill="var(--surface)" />
      <circle cx="11" cy="14.5" r="2.4" fill="var(--accent)" />
      <circle cx="21" cy="14.5" r="2.4" fill="var(--accent)" />
      <path d="M9 26l2.5-4h9L23 26" fill="var(--surface)" opacity="0.85" />
    </svg>
  );
}

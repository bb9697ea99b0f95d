// The Settings page's sections, in order. A service added later (Spotify accounts, Plex, Jellyfin, Navidrome)
// is one component in this folder plus one entry here: the page, its in-page navigation and its deep links
// (#/settings/<id>) pick it up.
import type { ComponentType } from 'react';
import type { SettingsViewDto } from '../../../shared/contract';
import { FoldersSection } from './FoldersSection';
import { JellyfinSection } from './JellyfinSection';
import { LibraryIndexSection } from './LibraryIndexSection';
import { PlexSection } from './PlexSection';
import { QobuzSection } from './QobuzSection';
import { SlskdSection } from './SlskdSection';
import { SpotifySection } from './SpotifySection';
import { SubsonicSection } from './SubsonicSection';
import { TicketsSection } from './TicketsSection';

export interface SettingsSection {
  /** Anchor and deep link: #/settings/<id>. Source ids match the queue's, so "why it waits" links land here. */
  id: string;
  label: string;
  group: 'Download sources' | 'Library' | 'Library servers' | 'Accounts';
  Component: ComponentType<{ settings: SettingsViewDto }>;
}

export const SETTINGS_SECTIONS: readonly SettingsSection[] = [
  { id: 'folders', label: 'Folders', group: 'Library', Component: FoldersSection },
  { id: 'slskd', label: 'Soulseek (slskd)', group: 'Download sources', Component: SlskdSection },
  { id: 'tickets', label: 'Ticket service', group: 'Download sources', Component: TicketsSection },
  { id: 'qobuz', label: 'Qobuz', group: 'Download sources', Component: QobuzSection },
  { id: 'spotify', label: 'Spotify', group: 'Accounts', Component: SpotifySection },
  { id: 'owned-check', label: 'Owned-check', group: 'Library servers', Component: LibraryIndexSection },
  { id: 'plex', label: 'Plex', group: 'Library servers', Component: PlexSection },
  { id: 'jellyfin', label: 'Jellyfin', group: 'Library servers', Component: JellyfinSection },
  { id: 'subsonic', label: 'Navidrome / Subsonic', group: 'Library servers', Component: SubsonicSection },
];

// Turns settings into the library connector the owned-check reads: the folder (the default: the library folder),
// or a configured Plex, Jellyfin or Subsonic server.
import { AppError } from '../../shared/result';
import { FolderConnector, JellyfinConnector, PlexConnector, SubsonicConnector, type ConnectorName, type LibraryConnector } from '../providers';
import type { HostSettings } from './hostSettings';

export interface ConnectorOptions {
  /** The folder when none is set (<data>/Library). */
  defaultFolder: string;
  /** Per-request timeout (the unreachable limit, 10 s by default). */
  timeoutMs?: number;
}

export function buildLibraryConnector(name: ConnectorName, settings: HostSettings, o: ConnectorOptions): LibraryConnector {
  const s = settings.libraryServers;
  switch (name) {
    case 'folder':
      return new FolderConnector(settings.libraryDir ?? o.defaultFolder);
    case 'plex':
      if (!s.plex) throw new AppError('invalid_input', 'Plex is not set up: set [plex] url in cassette.toml (or PLEX_URL) and PLEX_TOKEN.');
      return new PlexConnector({ ...s.plex, timeoutMs: o.timeoutMs });
    case 'jellyfin':
      if (!s.jellyfin) throw new AppError('invalid_input', 'Jellyfin is not set up: set [jellyfin] url in cassette.toml (or JELLYFIN_URL) and JELLYFIN_API_KEY.');
      return new JellyfinConnector({ ...s.jellyfin, timeoutMs: o.timeoutMs });
    case 'subsonic':
      if (!s.subsonic) {
        throw new AppError('invalid_input', 'The Subsonic server is not set up: set [subsonic] url and user in cassette.toml (or SUBSONIC_URL, SUBSONIC_USER) and SUBSONIC_PASSWORD.');
      }
      return new SubsonicConnector({ ...s.subsonic, timeoutMs: o.timeoutMs });
  }
}

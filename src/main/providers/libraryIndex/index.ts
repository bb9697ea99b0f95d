// Public face of the library index: connectors for a folder, Plex, Jellyfin and Subsonic/Navidrome, and the
// normalised mirror they refresh (the "do I own it?" checks read the mirror, never the server per track).
export { CONNECTORS, fingerprintOf, type ConnectorName, type LibraryConnector, type MirrorTrack, type MirrorEntry, type ListOptions } from './types';
export { MirrorStore, type KeyedMirror, type MirrorRow, type MirrorState, type RefreshReport } from './mirrorStore';
export { BLOCKING_KEYS_VERSION, blockingKeysOf, type BlockingKeys } from './blockingKeys';
export { BlockingSnapshot } from './blockingSnapshot';
export { FolderConnector } from './folderConnector';
export { PlexConnector, PLEX_PAGE_SIZE, plexTracksPageSchema, plexToMirror, type PlexConnectorOptions } from './plexConnector';
export { JellyfinConnector, JELLYFIN_PAGE_SIZE, type JellyfinConnectorOptions } from './jellyfinConnector';
export { SubsonicConnector, SUBSONIC_PAGE_SIZE, subsonicAuth, type SubsonicConnectorOptions } from './subsonicConnector';
export { LibraryUnreachableError, UNREACHABLE_TIMEOUT_MS, unreachableReason, label as connectorLabel } from './unreachable';

// Public face of settings: the Settings page's service, connection tests, and each download source's state.
export { SettingsService, type SettingsServiceDeps } from './settingsService';
export { SourceStates, DOWNLOAD_SOURCE_IDS, SOURCE_LABELS, type DownloadSourceId, type SourceStatesDeps } from './sourceStates';
export { testSlskd, testTickets, testFolder, compareVersions, MIN_SLSKD_VERSION, type TestOptions } from './connectionTests';

export { loadHostSettings, settingsPath, settingsFileSchema, SETTINGS_ENV, type HostSettings, SPOTIFY_DEFAULT_KEEP_RUNS, type SpotifySettings } from './hostSettings';
export { saveHostSettings, SECRET_NAMES, type SettingsPatch } from './saveHostSettings';
export { buildSources, type SlskdTuning } from './buildSources';
export { buildLibraryConnector, type ConnectorOptions } from './buildLibraryConnector';
export { LIBRARY_SECRET_NAMES, LIBRARY_SETTINGS_ENV, type LibraryServerSettings } from './librarySettings';
export { expandHome, userFolder } from './expandHome';
export { ID3_VERSION_ENV, id3VersionFromEnv, id3VersionSetting, loadId3Version } from './tagSettings';

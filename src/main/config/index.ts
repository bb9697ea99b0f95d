export { loadHostSettings, settingsPath, settingsFileSchema, SETTINGS_ENV, type HostSettings, SPOTIFY_DEFAULT_KEEP_RUNS, type SpotifySettings } from './hostSettings';
export { saveHostSettings, SECRET_NAMES, type SettingsPatch } from './saveHostSettings';
export { buildSources } from './buildSources';
export { expandHome, userFolder } from './expandHome';

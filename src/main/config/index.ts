export { loadHostSettings, settingsPath, SPOTIFY_DEFAULT_KEEP_RUNS, type HostSettings, type SpotifySettings } from './hostSettings';
export { buildSources } from './buildSources';

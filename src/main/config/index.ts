export { loadHostSettings, settingsPath, type HostSettings } from './hostSettings';
export { buildSources } from './buildSources';

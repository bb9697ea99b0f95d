export { SettingsPage } from './SettingsPage';
export { SETTINGS_SECTIONS, type SettingsSection } from './sections';

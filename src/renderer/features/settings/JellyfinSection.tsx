// Jellyfin as a library for the "do I own it?" check: its address (in cassette.toml) and an API key (in the
// secret store).
import type { SettingsViewDto } from '../../../shared/contract';
import { UrlAndSecretSection } from './UrlAndSecretSection';

export function JellyfinSection({ settings }: { settings: SettingsViewDto }) {
  return (
    <UrlAndSecretSection
      settings={settings}
      words={{
        service: 'jellyfin',
        secretKey: 'apiKey',
        name: 'Jellyfin',
        urlEnv: 'JELLYFIN_URL',
        secretEnv: 'JELLYFIN_API_KEY',
        urlPlaceholder: 'http://localhost:8096',
        secretLabel: 'Jellyfin API key',
        secretPlaceholder: 'Paste an API key',
        secretHint: 'Jellyfin Dashboard → API Keys → +.',
        secretNoun: 'API key',
      }}
    />
  );
}

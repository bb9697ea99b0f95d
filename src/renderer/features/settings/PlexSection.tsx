// Plex as a library for the "do I own it?" check: its address (in cassette.toml) and a token (in the secret store).
import type { SettingsViewDto } from '../../../shared/contract';
import { UrlAndSecretSection } from './UrlAndSecretSection';

export function PlexSection({ settings }: { settings: SettingsViewDto }) {
  return (
    <UrlAndSecretSection
      settings={settings}
      words={{
        service: 'plex',
        secretKey: 'token',
        name: 'Plex',
        urlEnv: 'PLEX_URL',
        secretEnv: 'PLEX_TOKEN',
        urlPlaceholder: 'http://localhost:32400',
        secretLabel: 'Plex token',
        secretPlaceholder: 'Paste your X-Plex-Token',
        secretHint: "Plex Web → a track's ⋯ → Get Info → View XML: the X-Plex-Token in the address.",
        secretNoun: 'token',
      }}
    />
  );
}

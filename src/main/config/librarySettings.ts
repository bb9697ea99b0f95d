// Library servers in the settings: `[plex] url`, `[jellyfin] url`, `[subsonic] url` and `user` in cassette.toml,
// the environment winning (PLEX_URL, PLEX_TOKEN, JELLYFIN_URL, JELLYFIN_API_KEY, SUBSONIC_URL, SUBSONIC_USER,
// SUBSONIC_PASSWORD). Secrets come from the environment or the secret store only: a secret written into the file
// is ignored with a note (Settings moves it to the store when it saves). `[library] index` names the library the
// missing-tracks check reads when none is asked for (the library folder by default).
import { z } from 'zod';
import type { SecretStore } from '../base';
import { CONNECTORS, type ConnectorName } from '../providers';
import { id3VersionSetting } from './tagSettings';

export const librarySettingsFileSchema = {
  plex: z.object({ url: z.url().optional(), token: z.string().optional() }).optional(),
  jellyfin: z.object({ url: z.url().optional(), api_key: z.string().optional() }).optional(),
  subsonic: z.object({ url: z.url().optional(), user: z.string().min(1).optional(), password: z.string().optional() }).optional(),
  library: z.object({ index: z.enum(CONNECTORS).optional(), id3_version: id3VersionSetting.optional() }).optional(),
};

export const LIBRARY_SECRET_NAMES = { plexToken: 'plex.token', jellyfinApiKey: 'jellyfin.apiKey', subsonicPassword: 'subsonic.password' } as const;

export const LIBRARY_SETTINGS_ENV = {
  plexUrl: 'PLEX_URL',
  plexToken: 'PLEX_TOKEN',
  jellyfinUrl: 'JELLYFIN_URL',
  jellyfinApiKey: 'JELLYFIN_API_KEY',
  subsonicUrl: 'SUBSONIC_URL',
  subsonicUser: 'SUBSONIC_USER',
  subsonicPassword: 'SUBSONIC_PASSWORD',
} as const;

export interface LibraryServerSettings {
  plex?: { url: string; token: string };
  jellyfin?: { url: string; apiKey: string };
  subsonic?: { url: string; user: string; password: string };
  /** The library the missing-tracks check reads when none is named. */
  index: ConnectorName;
  /** What the Settings page shows (secrets only as "is set"). */
  entered: {
    plex: { url?: string; hasToken: boolean };
    jellyfin: { url?: string; hasApiKey: boolean };
    subsonic: { url?: string; user?: string; hasPassword: boolean };
  };
}

type FileLibrary = { [K in keyof typeof librarySettingsFileSchema]?: z.infer<(typeof librarySettingsFileSchema)[K]> };

const pick = (...values: (string | undefined)[]): string | undefined => values.find((v) => v !== undefined && v !== '');

export async function loadLibrarySettings(raw: FileLibrary, env: NodeJS.ProcessEnv, secrets: SecretStore | undefined, notes: string[]): Promise<LibraryServerSettings> {
  if (raw.plex?.token || raw.jellyfin?.api_key || raw.subsonic?.password) {
    notes.push('cassette.toml holds a library server secret, which is ignored there: set it in Settings (or PLEX_TOKEN, JELLYFIN_API_KEY, SUBSONIC_PASSWORD).');
  }
  const plexUrl = pick(env.PLEX_URL, raw.plex?.url);
  const plexToken = pick(env.PLEX_TOKEN, await secrets?.get(LIBRARY_SECRET_NAMES.plexToken));
  const jellyfinUrl = pick(env.JELLYFIN_URL, raw.jellyfin?.url);
  const jellyfinKey = pick(env.JELLYFIN_API_KEY, await secrets?.get(LIBRARY_SECRET_NAMES.jellyfinApiKey));
  const subsonicUrl = pick(env.SUBSONIC_URL, raw.subsonic?.url);
  const subsonicUser = pick(env.SUBSONIC_USER, raw.subsonic?.user);
  const subsonicPassword = pick(env.SUBSONIC_PASSWORD, await secrets?.get(LIBRARY_SECRET_NAMES.subsonicPassword));
  const out: LibraryServerSettings = {
    index: raw.library?.index ?? 'folder',
    entered: {
      plex: { url: plexUrl, hasToken: Boolean(plexToken) },
      jellyfin: { url: jellyfinUrl, hasApiKey: Boolean(jellyfinKey) },
      subsonic: { url: subsonicUrl, user: subsonicUser, hasPassword: Boolean(subsonicPassword) },
    },
  };
  if (plexUrl && plexToken) out.plex = { url: plexUrl, token: plexToken };
  else if (plexUrl) notes.push('Plex needs a token (PLEX_TOKEN, or Settings).');
  if (jellyfinUrl && jellyfinKey) out.jellyfin = { url: jellyfinUrl, apiKey: jellyfinKey };
  else if (jellyfinUrl) notes.push('Jellyfin needs an API key (JELLYFIN_API_KEY, or Settings).');
  if (subsonicUrl && subsonicUser && subsonicPassword) out.subsonic = { url: subsonicUrl, user: subsonicUser, password: subsonicPassword };
  else if (subsonicUrl) notes.push('The Subsonic server needs a user and a password (SUBSONIC_USER, SUBSONIC_PASSWORD, or Settings).');
  if (out.index !== 'folder' && !out[out.index]) {
    notes.push(`The missing-tracks check is set to ${INDEX_LABEL[out.index]}, which is not set up: finish it in Settings, or choose another library.`);
  }
  return out;
}

const INDEX_LABEL = { plex: 'Plex', jellyfin: 'Jellyfin', subsonic: 'the Subsonic server' } as const;

// The user's Cassette settings: <config>/cassette.toml plus environment variables (the environment wins).
// Secrets (slskd API key, ticket-service token) come from the environment or the secret store, never the file
// contents echoed anywhere, and never argv.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { z } from 'zod';
import { AppError } from '../../shared/result';
import type { Paths, SecretStore } from '../base';
import type { SourceId } from '../base';
import { DEFAULT_MIN_QUALITY, MinQualityChoiceSchema, type MinQualityChoice } from '../sources';
import type { Id3Version } from '../library';
import { LIBRARY_SETTINGS_ENV, librarySettingsFileSchema, loadLibrarySettings, type LibraryServerSettings } from './librarySettings';
import { ID3_VERSION_ENV, loadId3Version } from './tagSettings';

export const settingsFileSchema = z.object({
  default_source: z.enum(['slskd', 'tickets', 'qobuz']).optional(),
  library_dir: z.string().min(1).optional(),
  /** Where matched downloads are filed before they join the library (Transfer/Artist/Artist - Album/...). */
  transfer_dir: z.string().min(1).optional(),
  slskd: z
    .object({
      url: z.url().optional(),
      downloads_dir: z.string().min(1).optional(),
      api_key: z.string().optional(),
      /** The worst quality downloaded; lossless is always preferred (sources/slskd/quality.ts). */
      min_quality: MinQualityChoiceSchema.optional(),
    })
    .optional(),
  tickets: z.object({ url: z.url().optional(), token: z.string().optional(), concurrency: z.number().int().min(1).max(16).optional() }).optional(),
  spotify: z
    .object({
      client_id: z.string().min(1).optional(),
      backups_dir: z.string().min(1).optional(),
      keep_runs: z.number().int().min(1).optional(),
      /** The in-app backup schedule of every signed-in account (default off; enabling it means daily). */
      schedule: z.enum(['off', 'daily', 'weekly']).optional(),
      /** "Keep my likes": Liked Songs run through the missing-tracks check like a playlist (default false). */
      keep_likes: z.boolean().optional(),
    })
    .optional(),
  ...librarySettingsFileSchema,
});

export interface HostSettings {
  defaultSource: SourceId;
  libraryDir?: string;
  transferDir?: string;
  slskd?: { baseUrl: string; downloadsDir: string; apiKey: string };
  /** `[slskd] min_quality`: what the slskd source still downloads (FLAC always first). */
  slskdMinQuality: MinQualityChoice;
  tickets?: { baseUrl: string; token: string };
  /** Downloads at once per source where the user changed the default (tickets only, for now). */
  concurrency: Partial<Record<SourceId, number>>;
  /** Spotify: the user's own Client ID (Development Mode), service base URLs, backup settings. */
  spotify: SpotifySettings;
  /** Library servers for the "do I own it?" index (Plex, Jellyfin, Subsonic); the folder is `libraryDir`. */
  libraryServers: LibraryServerSettings;
  /** The ID3v2 version MP3 tags are written in (`[library] id3_version`, CASSETTE_ID3_VERSION). */
  id3Version: Id3Version;
  /** Things the user should know (e.g. a half-configured source), one line each. */
  notes: string[];
  /** What the Settings page shows, including half-configured sources; secrets only as "is set". */
  entered: {
    slskd: { url?: string; downloadsDir?: string; hasApiKey: boolean; minQuality: MinQualityChoice };
    tickets: { url?: string; hasToken: boolean; concurrency?: number };
    /** Settings the environment sets (they win over the file and cannot be changed from Settings). */
    fromEnv: string[];
  };
}

export interface SpotifySettings {
  clientId?: string;
  accountsBase: string;
  apiBase: string;
  backupsDir?: string;
  /** Complete backup runs to keep per account. */
  keepRuns: number;
  /** The in-app schedule of every signed-in account's backup. */
  schedule?: 'off' | 'daily' | 'weekly';
  /** Liked Songs go into the catalog and their missing tracks into the queue, on the schedule or on demand. */
  keepLikes?: boolean;
}

export const SPOTIFY_DEFAULT_KEEP_RUNS = 30;

/** Environment variables that override settings, by the setting they override. */
export const SETTINGS_ENV = {
  libraryDir: 'CASSETTE_LIBRARY_DIR',
  slskdUrl: 'SLSKD_URL',
  slskdDownloadsDir: 'SLSKD_DOWNLOADS_DIR',
  slskdApiKey: 'SLSKD_API_KEY',
  ticketsUrl: 'TICKETS_URL',
  ticketsToken: 'TICKETS_TOKEN',
  id3Version: ID3_VERSION_ENV,
  ...LIBRARY_SETTINGS_ENV,
} as const;

export function settingsPath(paths: Paths): string {
  return join(paths.configDir, 'cassette.toml');
}

export async function loadHostSettings(paths: Paths, env: NodeJS.ProcessEnv = process.env, secrets?: SecretStore): Promise<HostSettings> {
  const file = settingsPath(paths);
  let raw: z.infer<typeof settingsFileSchema> = {};
  const notes: string[] = [];
  try {
    const text = await readFile(file, 'utf8');
    const parsed = settingsFileSchema.safeParse(parseToml(text));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError('invalid_input', `${file}: ${issue?.path.join('.') || 'file'} ${issue?.message ?? 'is invalid'}`);
    }
    raw = parsed.data;
    if ((raw.slskd?.api_key || raw.tickets?.token) && ((await stat(file)).mode & 0o077) !== 0) {
      notes.push(`${file} holds secrets and is readable by other users: run chmod 600 on it.`);
    }
  } catch (e) {
    if ((e as { code?: string }).code !== 'ENOENT') {
      if (e instanceof AppError) throw e;
      throw new AppError('invalid_input', `Could not read ${file}: ${(e as Error).message}`);
    }
  }
  const slskdUrl = env.SLSKD_URL ?? raw.slskd?.url;
  const slskdDir = env.SLSKD_DOWNLOADS_DIR ?? raw.slskd?.downloads_dir;
  const slskdKey = env.SLSKD_API_KEY ?? raw.slskd?.api_key ?? (await secrets?.get('slskd.apiKey'));
  const ticketsUrl = env.TICKETS_URL ?? raw.tickets?.url;
  const ticketsToken = env.TICKETS_TOKEN ?? raw.tickets?.token ?? (await secrets?.get('tickets.token'));
  const settings: HostSettings = {
    defaultSource: raw.default_source ?? 'slskd',
    slskdMinQuality: raw.slskd?.min_quality ?? DEFAULT_MIN_QUALITY,
    libraryDir: env.CASSETTE_LIBRARY_DIR ?? raw.library_dir,
    transferDir: raw.transfer_dir,
    concurrency: raw.tickets?.concurrency ? { tickets: raw.tickets.concurrency } : {},
    spotify: {
      clientId: env.SPOTIFY_CLIENT_ID || raw.spotify?.client_id,
      accountsBase: env.SPOTIFY_ACCOUNTS_BASE || 'https://accounts.spotify.com',
      apiBase: env.SPOTIFY_API_BASE || 'https://api.spotify.com/v1',
      backupsDir: env.CASSETTE_BACKUPS_DIR || raw.spotify?.backups_dir,
      keepRuns: raw.spotify?.keep_runs ?? SPOTIFY_DEFAULT_KEEP_RUNS,
      ...(raw.spotify?.schedule ? { schedule: raw.spotify.schedule } : {}),
      keepLikes: raw.spotify?.keep_likes ?? false,
    },
    libraryServers: await loadLibrarySettings(raw, env, secrets, notes),
    id3Version: loadId3Version(raw.library?.id3_version, env, notes),
    notes,
    entered: {
      slskd: { url: slskdUrl, downloadsDir: slskdDir, hasApiKey: Boolean(slskdKey), minQuality: raw.slskd?.min_quality ?? DEFAULT_MIN_QUALITY },
      tickets: { url: ticketsUrl, hasToken: Boolean(ticketsToken), concurrency: raw.tickets?.concurrency },
      fromEnv: Object.values(SETTINGS_ENV).filter((name) => env[name] !== undefined && env[name] !== ''),
    },
  };
  if (slskdUrl && slskdDir && slskdKey) settings.slskd = { baseUrl: slskdUrl, downloadsDir: slskdDir, apiKey: slskdKey };
  else if (slskdUrl || slskdDir) notes.push('slskd is partly configured: it needs a URL, a downloads folder and an API key (SLSKD_API_KEY).');
  if (ticketsUrl && ticketsToken) settings.tickets = { baseUrl: ticketsUrl, token: ticketsToken };
  else if (ticketsUrl) notes.push('The ticket service needs a token (TICKETS_TOKEN).');
  return settings;
}

// Writes the Settings page's changes into cassette.toml: atomically (a temp file renamed over it), keeping every
// key the user wrote that Settings does not manage, and never writing a secret into the file — API keys and
// tokens go to the SecretStore, and a secret found in the file is moved there.
import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parse as parseToml, stringify as stringifyToml } from 'smol-toml';
import { AppError } from '../../shared/result';
import type { Paths, SecretStore } from '../base';
import { DEFAULT_ID3_VERSION, type Id3Version } from '../library';
import type { ConnectorName } from '../providers';
import { DEFAULT_MIN_QUALITY, type MinQualityChoice } from '../sources';
import { settingsFileSchema, settingsPath } from './hostSettings';
import { LIBRARY_SECRET_NAMES } from './librarySettings';

/** A change from the Settings page: a value sets a key, null removes it, undefined leaves it alone. */
export interface SettingsPatch {
  defaultSource?: 'slskd' | 'tickets' | 'qobuz';
  libraryDir?: string | null;
  transferDir?: string | null;
  slskd?: { url?: string | null; downloadsDir?: string | null; apiKey?: string | null; minQuality?: MinQualityChoice | null };
  tickets?: { url?: string | null; token?: string | null; concurrency?: number | null };
  /** The Client ID is not a secret: it goes into the file like the backup settings. */
  spotify?: { clientId?: string | null; backupsDir?: string | null; keepRuns?: number | null; schedule?: 'off' | 'daily' | 'weekly'; keepLikes?: boolean };
  plex?: { url?: string | null; token?: string | null };
  jellyfin?: { url?: string | null; apiKey?: string | null };
  subsonic?: { url?: string | null; user?: string | null; password?: string | null };
  /** `[library] index`: the library the missing-tracks check reads ('folder', the default, is not written). */
  libraryIndex?: ConnectorName;
  /** `[library] id3_version`: the ID3v2 version of MP3 tags (the default, 2.4, is not written). */
  id3Version?: Id3Version;
}

export const SECRET_NAMES = { slskdApiKey: 'slskd.apiKey', ticketsToken: 'tickets.token' } as const;

type Table = Record<string, unknown>;

function set(table: Table, key: string, value: string | number | null | undefined): void {
  if (value === undefined) return;
  if (value === null || value === '') delete table[key];
  else table[key] = value;
}

function section(root: Table, name: string): Table {
  const existing = root[name];
  if (existing && typeof existing === 'object' && !Array.isArray(existing)) return existing as Table;
  const created: Table = {};
  root[name] = created;
  return created;
}

async function readToml(file: string): Promise<Table> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return {};
    throw new AppError('invalid_input', `Could not read ${file}: ${(e as Error).message}`);
  }
  try {
    return parseToml(text) as Table;
  } catch (e) {
    // Rewriting a file we cannot parse would lose what the user wrote: refuse and say where.
    throw new AppError('invalid_input', `${file} is not valid TOML (${(e as Error).message.split('\n')[0]}); fix it before saving from Settings.`);
  }
}

export async function saveHostSettings(paths: Paths, patch: SettingsPatch, secrets: SecretStore): Promise<void> {
  const file = settingsPath(paths);
  const root = await readToml(file);
  set(root, 'default_source', patch.defaultSource);
  set(root, 'library_dir', patch.libraryDir);
  set(root, 'transfer_dir', patch.transferDir);
  if (patch.slskd) {
    const t = section(root, 'slskd');
    set(t, 'url', patch.slskd.url);
    set(t, 'downloads_dir', patch.slskd.downloadsDir);
    // The default is not written, so a later change of the default reaches people who never chose.
    set(t, 'min_quality', patch.slskd.minQuality === DEFAULT_MIN_QUALITY ? null : patch.slskd.minQuality);
    await moveSecret(t, 'api_key', patch.slskd.apiKey, SECRET_NAMES.slskdApiKey, secrets);
    if (!Object.keys(t).length) delete root.slskd;
  }
  if (patch.tickets) {
    const t = section(root, 'tickets');
    set(t, 'url', patch.tickets.url);
    set(t, 'concurrency', patch.tickets.concurrency);
    await moveSecret(t, 'token', patch.tickets.token, SECRET_NAMES.ticketsToken, secrets);
    if (!Object.keys(t).length) delete root.tickets;
  }
  if (patch.spotify) {
    const t = section(root, 'spotify');
    set(t, 'client_id', patch.spotify.clientId);
    set(t, 'backups_dir', patch.spotify.backupsDir);
    set(t, 'keep_runs', patch.spotify.keepRuns);
    set(t, 'schedule', patch.spotify.schedule === 'off' ? null : patch.spotify.schedule);
    // Off is the default: the key is only written when on.
    if (patch.spotify.keepLikes !== undefined) {
      if (patch.spotify.keepLikes) t.keep_likes = true;
      else delete t.keep_likes;
    }
    if (!Object.keys(t).length) delete root.spotify;
  }
  if (patch.plex) {
    const t = section(root, 'plex');
    set(t, 'url', patch.plex.url);
    await moveSecret(t, 'token', patch.plex.token, LIBRARY_SECRET_NAMES.plexToken, secrets);
    if (!Object.keys(t).length) delete root.plex;
  }
  if (patch.jellyfin) {
    const t = section(root, 'jellyfin');
    set(t, 'url', patch.jellyfin.url);
    await moveSecret(t, 'api_key', patch.jellyfin.apiKey, LIBRARY_SECRET_NAMES.jellyfinApiKey, secrets);
    if (!Object.keys(t).length) delete root.jellyfin;
  }
  if (patch.subsonic) {
    const t = section(root, 'subsonic');
    set(t, 'url', patch.subsonic.url);
    set(t, 'user', patch.subsonic.user);
    await moveSecret(t, 'password', patch.subsonic.password, LIBRARY_SECRET_NAMES.subsonicPassword, secrets);
    if (!Object.keys(t).length) delete root.subsonic;
  }
  if (patch.libraryIndex) {
    const t = section(root, 'library');
    set(t, 'index', patch.libraryIndex === 'folder' ? null : patch.libraryIndex);
    if (!Object.keys(t).length) delete root.library;
  }
  if (patch.id3Version) {
    const t = section(root, 'library');
    set(t, 'id3_version', patch.id3Version === DEFAULT_ID3_VERSION ? null : patch.id3Version);
    if (!Object.keys(t).length) delete root.library;
  }
  const checked = settingsFileSchema.safeParse(root);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new AppError('invalid_input', `${issue?.path.join('.') || 'settings'}: ${issue?.message ?? 'invalid'}`);
  }
  await mkdir(dirname(file), { recursive: true });
  const mode = await stat(file).then((s) => s.mode & 0o777, () => 0o600);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${stringifyToml(root)}\n`, { mode });
  await chmod(tmp, mode);
  await rename(tmp, file);
}

/** A new secret goes to the store; a secret the file held is taken out of it (the store has it, or it was cleared). */
async function moveSecret(table: Table, key: string, value: string | null | undefined, name: string, secrets: SecretStore): Promise<void> {
  const inFile = typeof table[key] === 'string' ? (table[key] as string) : undefined;
  if (value === null || value === '') {
    await secrets.delete(name);
    delete table[key];
    return;
  }
  const toStore = value ?? inFile;
  if (toStore !== undefined) await secrets.set(name, toStore);
  delete table[key];
}

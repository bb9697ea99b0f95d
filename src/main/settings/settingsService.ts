// The Settings page's backend: shows what is set (secrets only as "is set"), saves changes to cassette.toml and
// the secret store, applies them to the running core, and tests connections against the real services.
import { join } from 'node:path';
import type { z } from 'zod';
import type { ConnectionTestDto, QobuzStatusDto, SettingsViewDto, connectionTestInput, settingsPatch } from '../../shared/contract';
import { AppError } from '../../shared/result';
import { ID3_VERSION_ENV, id3VersionFromEnv, LIBRARY_SECRET_NAMES, LIBRARY_SETTINGS_ENV, loadHostSettings, saveHostSettings, settingsPath, userFolder, type HostSettings, type SettingsPatch } from '../config';
import type { Paths, SecretStore } from '../base';
import { checkFolder } from '../library';
import { testFolder, testSlskd, testTickets, type TestOptions } from './connectionTests';
import { testLibraryServer } from './libraryConnectionTests';
import type { DownloadSourceId, SourceStates } from './sourceStates';

export interface SettingsServiceDeps {
  paths: Paths;
  env: NodeJS.ProcessEnv;
  secrets: SecretStore;
  /** Makes the running core use these settings: sources rebuilt, default source and folders switched. */
  apply(settings: HostSettings): void;
  qobuzStatus(): Promise<QobuzStatusDto>;
  states: SourceStates;
  test?: TestOptions;
}

type PatchInput = z.infer<typeof settingsPatch>;
type TestInput = z.infer<typeof connectionTestInput>;

const folderOrNull = (v: string | null | undefined): string | null | undefined =>
  v === undefined ? undefined : v === null || v.trim() === '' ? null : userFolder(v);

/** The library server settings the environment can lock, by where they sit in a patch. */
const LIBRARY_ENV_LOCKS = [
  ['plex', 'url', LIBRARY_SETTINGS_ENV.plexUrl],
  ['plex', 'token', LIBRARY_SETTINGS_ENV.plexToken],
  ['jellyfin', 'url', LIBRARY_SETTINGS_ENV.jellyfinUrl],
  ['jellyfin', 'apiKey', LIBRARY_SETTINGS_ENV.jellyfinApiKey],
  ['subsonic', 'url', LIBRARY_SETTINGS_ENV.subsonicUrl],
  ['subsonic', 'user', LIBRARY_SETTINGS_ENV.subsonicUser],
  ['subsonic', 'password', LIBRARY_SETTINGS_ENV.subsonicPassword],
] as const;

/** A value the environment sets wins over the file, so saving another one would change nothing: refuse it. */
function refuseEnvLocked(input: PatchInput, env: NodeJS.ProcessEnv): void {
  for (const [service, key, envName] of LIBRARY_ENV_LOCKS) {
    const fields: Record<string, string | null | undefined> | undefined = input[service];
    const value = fields?.[key];
    if (value === undefined || !env[envName]) continue;
    if (value === env[envName]) continue;
    throw new AppError('invalid_input', `${envName} is set in the environment, which wins over Settings: change it there (or unset it) instead.`);
  }
  const lockedId3 = id3VersionFromEnv(env);
  if (input.id3Version !== undefined && lockedId3 && input.id3Version !== lockedId3) {
    throw new AppError('invalid_input', `${ID3_VERSION_ENV} is set in the environment, which wins over Settings: change it there (or unset it) instead.`);
  }
}

const SPOTIFY_ENV = ['SPOTIFY_CLIENT_ID', 'CASSETTE_BACKUPS_DIR', 'SPOTIFY_ACCOUNTS_BASE', 'SPOTIFY_API_BASE'];

/** A backups folder typed in Settings is checked (absolute, writable or creatable) before it is saved. */
async function checkedBackupsDir(v: string | null | undefined): Promise<string | null | undefined> {
  const folder = folderOrNull(v);
  if (folder === undefined || folder === null) return folder;
  return (await checkFolder(folder, { access: 'write', mayCreate: true, label: 'The backups folder' })).path;
}

export class SettingsService {
  private current: HostSettings | undefined;

  constructor(private readonly d: SettingsServiceDeps) {}

  defaultLibraryDir(): string {
    return join(this.d.paths.dataDir, 'Library');
  }

  async settings(): Promise<HostSettings> {
    this.current ??= await loadHostSettings(this.d.paths, this.d.env, this.d.secrets);
    return this.current;
  }

  async view(): Promise<SettingsViewDto> {
    const s = await this.settings();
    const e = s.entered;
    const lib = s.libraryServers.entered;
    return {
      file: settingsPath(this.d.paths),
      defaultSource: s.defaultSource,
      folders: {
        libraryDir: s.libraryDir ?? this.defaultLibraryDir(),
        libraryDirIsDefault: !s.libraryDir,
        transferDir: s.transferDir ?? null,
        fromEnv: e.fromEnv.filter((n) => n === 'CASSETTE_LIBRARY_DIR'),
      },
      slskd: { url: e.slskd.url ?? null, downloadsDir: e.slskd.downloadsDir ?? null, hasApiKey: e.slskd.hasApiKey, minQuality: e.slskd.minQuality, fromEnv: e.fromEnv.filter((n) => n.startsWith('SLSKD_')) },
      tickets: { url: e.tickets.url ?? null, hasToken: e.tickets.hasToken, concurrency: e.tickets.concurrency ?? null, fromEnv: e.fromEnv.filter((n) => n.startsWith('TICKETS_')) },
      spotify: {
        clientId: s.spotify.clientId ?? null,
        backupsDir: s.spotify.backupsDir ?? this.defaultBackupsDir(),
        backupsDirIsDefault: !s.spotify.backupsDir,
        keepRuns: s.spotify.keepRuns,
        schedule: s.spotify.schedule ?? 'off',
        keepLikes: s.spotify.keepLikes ?? false,
        fromEnv: SPOTIFY_ENV.filter((n) => Boolean(this.d.env[n])),
      },
      plex: { url: lib.plex.url ?? null, hasToken: lib.plex.hasToken, fromEnv: e.fromEnv.filter((n) => n.startsWith('PLEX_')) },
      jellyfin: { url: lib.jellyfin.url ?? null, hasApiKey: lib.jellyfin.hasApiKey, fromEnv: e.fromEnv.filter((n) => n.startsWith('JELLYFIN_')) },
      subsonic: { url: lib.subsonic.url ?? null, user: lib.subsonic.user ?? null, hasPassword: lib.subsonic.hasPassword, fromEnv: e.fromEnv.filter((n) => n.startsWith('SUBSONIC_')) },
      libraryIndex: s.libraryServers.index,
      tags: { id3Version: s.id3Version, fromEnv: id3VersionFromEnv(this.d.env) ? [ID3_VERSION_ENV] : [] },
      notes: s.notes,
    };
  }

  defaultBackupsDir(): string {
    return join(this.d.paths.dataDir, 'backups');
  }

  /** Where backup runs go: [spotify] backups_dir (or CASSETTE_BACKUPS_DIR), else <data>/backups. */
  async backupsRoot(): Promise<string> {
    return (await this.settings()).spotify.backupsDir ?? this.defaultBackupsDir();
  }

  async save(input: PatchInput): Promise<SettingsViewDto> {
    refuseEnvLocked(input, this.d.env);
    const patch: SettingsPatch = {
      defaultSource: input.defaultSource,
      libraryDir: folderOrNull(input.libraryDir),
      transferDir: folderOrNull(input.transferDir),
      slskd: input.slskd && { ...input.slskd, downloadsDir: folderOrNull(input.slskd.downloadsDir) },
      tickets: input.tickets,
      spotify: input.spotify && { ...input.spotify, backupsDir: await checkedBackupsDir(input.spotify.backupsDir) },
      plex: input.plex,
      jellyfin: input.jellyfin,
      subsonic: input.subsonic,
      libraryIndex: input.libraryIndex,
      id3Version: input.id3Version,
    };
    await saveHostSettings(this.d.paths, patch, this.d.secrets);
    this.current = await loadHostSettings(this.d.paths, this.d.env, this.d.secrets);
    this.d.apply(this.current);
    void this.d.states.checkAll();
    return this.view();
  }

  /** Tests what the page shows: typed values where given, the saved ones (and stored secrets) otherwise. */
  async test(input: TestInput): Promise<ConnectionTestDto> {
    const s = await this.settings();
    const secret = async (typed: string | null | undefined, name: string, envName: string) =>
      typed ? typed : (this.d.env[envName] || (await this.d.secrets.get(name)));
    switch (input.service) {
      case 'slskd': {
        const typedDir = folderOrNull(input.downloadsDir);
        const result = await testSlskd(
          {
            url: input.url || s.entered.slskd.url,
            apiKey: await secret(input.apiKey, 'slskd.apiKey', 'SLSKD_API_KEY') ?? s.slskd?.apiKey,
            downloadsDir: typedDir ?? s.entered.slskd.downloadsDir,
          },
          this.d.test,
        );
        if (input.url === undefined && input.apiKey === undefined && input.downloadsDir === undefined) this.d.states.record('slskd', result);
        return result;
      }
      case 'tickets': {
        const result = await testTickets(
          { url: input.url || s.entered.tickets.url, token: await secret(input.token, 'tickets.token', 'TICKETS_TOKEN') ?? s.tickets?.token },
          this.d.test,
        );
        if (input.url === undefined && input.token === undefined) this.d.states.record('tickets', result);
        return result;
      }
      case 'qobuz':
        return this.probe('qobuz');
      case 'plex': {
        const e = s.libraryServers.entered.plex;
        return testLibraryServer({ service: 'plex', url: input.url || e.url, token: await secret(input.token, LIBRARY_SECRET_NAMES.plexToken, 'PLEX_TOKEN') }, this.d.test);
      }
      case 'jellyfin': {
        const e = s.libraryServers.entered.jellyfin;
        return testLibraryServer({ service: 'jellyfin', url: input.url || e.url, apiKey: await secret(input.apiKey, LIBRARY_SECRET_NAMES.jellyfinApiKey, 'JELLYFIN_API_KEY') }, this.d.test);
      }
      case 'subsonic': {
        const e = s.libraryServers.entered.subsonic;
        return testLibraryServer(
          { service: 'subsonic', url: input.url || e.url, user: input.user || e.user, password: await secret(input.password, LIBRARY_SECRET_NAMES.subsonicPassword, 'SUBSONIC_PASSWORD') },
          this.d.test,
        );
      }
      case 'folders': {
        const library = await testFolder(folderOrNull(input.libraryDir) ?? s.libraryDir ?? this.defaultLibraryDir(), 'library folder', true);
        if (!library.ok && library.problem !== 'folder_not_visible') return library;
        const transferDir = folderOrNull(input.transferDir) ?? s.transferDir;
        const transfer = transferDir ? await testFolder(transferDir, 'Transfer folder', true) : null;
        if (transfer && !transfer.ok) return transfer;
        if (!library.ok) return { ...library, message: `${library.message} Cassette creates it on the first download.`, ok: true, problem: null };
        return { ...library, message: transfer ? `${library.message} ${transfer.message}` : library.message };
      }
    }
  }

  /** The check behind each source's state: the saved settings, against the real service. */
  async probe(source: DownloadSourceId): Promise<ConnectionTestDto> {
    const s = await this.settings();
    if (source === 'slskd') return testSlskd({ url: s.slskd?.baseUrl, apiKey: s.slskd?.apiKey, downloadsDir: s.slskd?.downloadsDir }, this.d.test);
    if (source === 'tickets') return testTickets({ url: s.tickets?.baseUrl, token: s.tickets?.token }, this.d.test);
    const q = await this.d.qobuzStatus();
    if (q.signedIn) return { ok: true, problem: null, message: `Signed in to Qobuz as ${q.user?.name ?? 'you'}.`, detail: null };
    if (!q.credentials) return { ok: false, problem: 'not_configured', message: 'Not signed in to Qobuz: sign in on the Qobuz page.', detail: null };
    const problem = q.problem ?? 'Qobuz did not accept the sign-in.';
    const badKey = /token|expired|reject|401|sign/i.test(problem) && !/reach|timed out|ECONN|ENOTFOUND/i.test(problem);
    return { ok: false, problem: badKey ? 'bad_key' : 'unreachable', message: problem, detail: null };
  }
}

// What the Spotify and backup commands share: the data dir, settings, the secret store, the catalog database
// (for the lookup cache) and the Spotify provider. Secrets come from the store only, never from argv.
import { join } from 'node:path';
import { loadHostSettings, type HostSettings } from '../../main/config';
import { defaultDataDir, fileSecretStore, HEADLESS_SECRETS_FILE, pathsFor, type Paths } from '../../main/core';
import { openDatabase, type Db } from '../../main/db';
import { SpotifyProvider } from '../../main/providers';

export interface SpotifyCliContext {
  paths: Paths;
  settings: HostSettings;
  provider: SpotifyProvider;
  db: Db;
  /** The backups root: --out, else [spotify] backups_dir / CASSETTE_BACKUPS_DIR, else <data>/backups. */
  backupsRoot(out?: string): string;
  close(): void;
}

export async function openSpotifyContext(): Promise<SpotifyCliContext> {
  const paths = pathsFor(defaultDataDir());
  const secrets = fileSecretStore(join(paths.dataDir, HEADLESS_SECRETS_FILE), { warn: (m) => process.stderr.write(`warning: ${m}\n`) });
  const settings = await loadHostSettings(paths, process.env, secrets);
  const db = openDatabase(join(paths.dataDir, 'catalog.db'));
  const provider = new SpotifyProvider({ settings: settings.spotify, secrets, db });
  return {
    paths,
    settings,
    provider,
    db,
    backupsRoot: (out) => out ?? settings.spotify.backupsDir ?? join(paths.dataDir, 'backups'),
    close: () => db.close(),
  };
}

// Where Cassette keeps its data: the platform's app-data folder, or CASSETTE_DATA_DIR.
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Paths } from '../base';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.CASSETTE_DATA_DIR) return env.CASSETTE_DATA_DIR;
  const home = homedir();
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Cassette');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Cassette');
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'cassette');
}

export function pathsFor(dataDir: string): Paths {
  return { dataDir, configDir: join(dataDir, 'config'), cacheDir: join(dataDir, 'cache') };
}

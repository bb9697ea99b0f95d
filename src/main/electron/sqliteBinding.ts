// Which compiled better-sqlite3 module the Electron app loads. Electron has its own ABI, so the package's build
// (made for Node, which the CLI and the tests use) would crash it; `npm start` builds one for Electron into
// ELECTRON_SQLITE_BINDING, and an installed app carries one that electron-builder rebuilt in place.
// Pure: the caller passes what it knows about the running app, so this is tested under plain Node.
import { join } from 'node:path';
import { AppError } from '../../shared/result';

/** Relative to the project root; scripts/desktop/electronSqlite.mjs writes it there (a test keeps the two equal). */
export const ELECTRON_SQLITE_BINDING = join('node_modules', '.cassette-electron', 'better_sqlite3.node');

/** Set by `npm start` to the module it built; wins over the default location. */
export const SQLITE_BINDING_ENV = 'CASSETTE_SQLITE_BINDING';

export interface RunningApp {
  /** `process.versions.electron`; undefined under plain Node. */
  electronVersion: string | undefined;
  /** `app.isPackaged`: an installed build, whose better-sqlite3 electron-builder rebuilt for Electron. */
  isPackaged: boolean;
  /** `app.getAppPath()`: the project root when started from a checkout. */
  appPath: string;
  env: Readonly<Record<string, string | undefined>>;
  exists(path: string): boolean;
}

/** The module to pass as `nativeBinding`, or undefined for the package's own build. */
export function chooseSqliteBinding(running: RunningApp): string | undefined {
  if (!running.electronVersion) return undefined;
  const fromEnv = running.env[SQLITE_BINDING_ENV];
  if (fromEnv) {
    if (running.exists(fromEnv)) return fromEnv;
    throw new AppError('not_found', `${SQLITE_BINDING_ENV} points at ${fromEnv}, which does not exist. Unset it, or run \`npm start\` to build SQLite for Electron.`);
  }
  if (running.isPackaged) return undefined;
  const built = join(running.appPath, ELECTRON_SQLITE_BINDING);
  if (running.exists(built)) return built;
  throw new AppError(
    'not_found',
    `SQLite has not been built for Electron ${running.electronVersion} in this checkout (${built} is missing). ` +
      'Start the app with `npm start`, which builds it on first start.',
  );
}

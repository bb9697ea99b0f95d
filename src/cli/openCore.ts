// Opens the core for a CLI command with the data dir from CASSETTE_DATA_DIR or the platform default.
import { createCore, defaultDataDir, pathsFor, silentLogger, type Core, type CoreConfig } from '../main/core';

export function openCliCore(config: Partial<CoreConfig> = {}): Core {
  const paths = pathsFor(defaultDataDir());
  return createCore(
    { paths, logger: silentLogger },
    { host: 'headless', runQueue: false, reconcileOnStart: false, recoverOnStart: false, ...config },
  );
}

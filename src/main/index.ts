// Electron entry: single instance, app:// renderer, IPC relay, tray. All real work lives in the core.
import { app, BrowserWindow, shell, dialog, safeStorage } from 'electron';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, defaultDataDir, pathsFor, consoleLogger, fileSecretStore, layeredSecrets, HEADLESS_SECRETS_FILE } from './core';
import { registerAppScheme, serveRenderer } from './electron/appProtocol';
import { relayIpc } from './electron/ipcRelay';
import { safeStorageSecrets } from './electron/safeStorageSecrets';
import { chooseSqliteBinding } from './electron/sqliteBinding';
import { startupFailureMessage } from './electron/startupFailure';
import { openExternalUrl } from './electron/security';
import { trayNotifier } from './electron/tray';
import { createMainWindow } from './electron/window';
import { buildSources, loadHostSettings } from './config';

const here = dirname(fileURLToPath(import.meta.url));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  let win: BrowserWindow | undefined;
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  const start = async () => {
    // Electron cannot load better-sqlite3's Node build: open the catalog with one built for this Electron.
    const sqliteBinding = chooseSqliteBinding({
      electronVersion: process.versions.electron,
      isPackaged: app.isPackaged,
      appPath: app.getAppPath(),
      env: process.env,
      exists: existsSync,
    });
    const paths = pathsFor(process.env.CASSETTE_DATA_DIR ? defaultDataDir() : app.getPath('userData'));
    const notifier = trayNotifier(join(here, '..', '..', 'resources', 'icon.png'), () => win);
    const secrets = layeredSecrets(
      safeStorageSecrets(join(paths.dataDir, 'secrets.json'), {
        isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
        encryptString: (plain) => safeStorage.encryptString(plain),
        decryptString: (encrypted) => safeStorage.decryptString(encrypted),
        storageBackend: process.platform === 'linux' ? () => safeStorage.getSelectedStorageBackend() : undefined,
      }),
      fileSecretStore(join(paths.dataDir, HEADLESS_SECRETS_FILE)),
    );
    const settings = await loadHostSettings(paths, process.env, secrets);
    for (const n of settings.notes) consoleLogger.warn(n);
    const core = createCore(
      {
        paths, logger: consoleLogger, notifier, secrets, revealInFolder: async (path) => shell.showItemInFolder(path),
        openExternal: async (url) => void (await openExternalUrl(url, (u) => shell.openExternal(u))),
      },
      {
        host: 'electron', runQueue: true, sources: buildSources(settings), defaultSource: settings.defaultSource,
        libraryDir: settings.libraryDir, concurrency: settings.concurrency, version: app.getVersion(), sqliteBinding,
      },
    );
    serveRenderer(join(here, '..', 'renderer'), (albumId, size) => core.coverArt(albumId, size));
    relayIpc(core, () => win);
    win = createMainWindow(join(here, '..', 'preload'));
    app.on('window-all-closed', () => {
      void core.close().then(() => app.quit());
    });
  };
  void app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      const message = startupFailureMessage(e);
      console.error(`[cassette] error: ${message}`);
      dialog.showErrorBox('Cassette could not start', message);
      app.exit(1);
    });
}

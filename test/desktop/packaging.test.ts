// The electron-builder config behind `npm run dist`, checked without Electron's binary: electron-builder's own
// schema, the targets, the icons at the sizes each platform needs, the Linux desktop entry, and what is packed.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  nodeGypRebuild: boolean;
  directories: { output: string; buildResources: string };
  linux: { target: string[]; icon: string; executableName: string; category: string; syncDesktopName: boolean; desktop: { entry: Record<string, string> } };
  mac: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
  nsis: { oneClick: boolean; createDesktopShortcut: boolean };
}
const config: BuilderConfig = JSON.parse(readFileSync(join(root, 'electron-builder.json'), 'utf8'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string; desktopName: string; scripts: Record<string, string>; dependencies: Record<string, string>; devDependencies: Record<string, string>;
};

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): { width: number; height: number } {
  const b = readFileSync(path);
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(b.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('electron-builder config', () => {
  it('passes electron-builder’s own schema and is the file it loads by default', async () => {
    const { validateConfiguration, getConfig } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(c: unknown, logger: unknown): Promise<void>;
      getConfig(dir: string, path: string | null, fromOptions: null): Promise<{ appId?: string }>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, linux: { ...config.linux, tagret: ['deb'] } }, new DebugLogger(false))).rejects.toThrow(/Invalid configuration object/);
    expect((await getConfig(root, null, null)).appId).toBe(config.appId);
  });

  it('builds AppImage and deb, dmg, and an nsis installer, as Cassette', () => {
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.productName).toBe('Cassette');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ oneClick: false, createDesktopShortcut: true });
    expect(pkg.scripts.dist).toBe('node scripts/dist.mjs');
    expect(config.directories.output).toBe('dist');
  });

  it('has the icons each platform needs, at their real sizes', () => {
    const linuxDir = join(root, config.linux.icon);
    const sizes = readdirSync(linuxDir).filter((f) => f.endsWith('.png'));
    for (const s of [16, 32, 48, 64, 128, 256, 512]) {
      const file = `${s}x${s}.png`;
      expect(sizes).toContain(file);
      expect(pngSize(join(linuxDir, file))).toEqual({ width: s, height: s });
    }
    // macOS wants at least 512 px (1024 for Retina), Windows 256 px.
    expect(pngSize(join(root, config.mac.icon)).width).toBeGreaterThanOrEqual(1024);
    expect(pngSize(join(root, config.win.icon))).toEqual({ width: 256, height: 256 });
    // The tray loads this one at run time.
    expect(pngSize(join(root, 'resources', 'icon.png'))).toEqual({ width: 64, height: 64 });
  });

  it('writes a desktop entry a launcher lists and links to the running window', () => {
    const entry = config.linux.desktop.entry;
    expect(entry.Name).toBe('Cassette');
    expect(entry.Comment).toBeTruthy();
    expect(entry.GenericName).toBeTruthy();
    // One registered main category, ';'-terminated as the freedesktop spec requires.
    expect(entry.Categories).toMatch(/^AudioVideo;(\w+;)*$/);
    expect(entry.Keywords).toMatch(/;$/);
    // electron-builder writes Exec from executableName and refuses one given here.
    expect(entry.Exec).toBeUndefined();
    expect(config.linux.executableName).toBe('cassette');
    expect(config.linux.category).toBe('AudioVideo');
    // Electron takes the window's app id from desktopName; syncDesktopName names the .desktop file after it.
    expect(config.linux.syncDesktopName).toBe(true);
    expect(pkg.desktopName).toBe(`${config.linux.executableName}.desktop`);
  });

  it('packs the built app and the tag worker, and nothing of the sources', () => {
    expect(pkg.main).toBe('out/main/index.js');
    expect(config.files).toContain('out/**');
    expect(config.files).toContain('out/main/tagWorker.mjs');
    expect(config.files).toContain('resources/icon.png');
    expect(config.files.filter((f) => f.startsWith('!')).some((f) => f.startsWith('!out/main') || f === '!out/**')).toBe(false);
    expect(config.files.some((f) => f.startsWith('src'))).toBe(false);
    // electron-vite writes main, preload and renderer there; the build copies the worker beside the main bundle.
    const viteConfig = readFileSync(join(root, 'electron.vite.config.ts'), 'utf8');
    for (const out of ["outDir: 'out/main'", "outDir: 'out/preload'", "'out/renderer'", "'out/main/tagWorker.mjs'"]) expect(viteConfig).toContain(out);
  });

  it('rebuilds better-sqlite3 for Electron and keeps native modules outside the asar', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.nodeGypRebuild).toBe(false);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node', 'node_modules/better-sqlite3/**']));
    // Only production dependencies are packed and rebuilt; Electron itself must stay a dev dependency.
    expect(pkg.dependencies['better-sqlite3']).toBeDefined();
    expect(pkg.devDependencies.electron).toBeDefined();
    expect(pkg.devDependencies['electron-builder']).toBeDefined();
    expect(existsSync(join(root, 'node_modules', 'app-builder-lib', 'scheme.json'))).toBe(true);
  });
});

// Types for electronSqlite.mjs (plain JavaScript so it runs during `npm install` and `npm start`).
export const ELECTRON_SQLITE_DIR: string;
export const ELECTRON_SQLITE_BINDING: string;
export const DEFAULT_HEADERS_URL: string;
export interface WantedBuild {
  electron: string;
  betterSqlite3: string;
  platform: string;
  arch: string;
}
export function wantedBuild(root: string, electronVersion: string, target?: { platform?: string; arch?: string }): WantedBuild;
export function electronSqliteState(outDir: string, wanted: WantedBuild): 'current' | 'missing' | 'stale';
export function findNodeGyp(env?: NodeJS.ProcessEnv, execPath?: string): string | undefined;
export function checkBinding(options: { root: string; runtime: string; binding: string; env?: NodeJS.ProcessEnv }): Promise<{ ok: true } | { ok: false; reason: string }>;
export interface BuildOptions {
  root: string;
  wanted: WantedBuild;
  /** Electron's executable: the built module is loaded in it (as Node) before it is accepted. */
  runtime: string;
  outDir?: string;
  env?: NodeJS.ProcessEnv;
  localPrebuilds?: string;
  headersUrl?: string;
  log?: (line: string) => void;
}
export type BuildResult = { ok: true; path: string; how: 'prebuilt' | 'compiled' } | { ok: false; reason: string };
export function buildElectronSqlite(options: BuildOptions): Promise<BuildResult>;

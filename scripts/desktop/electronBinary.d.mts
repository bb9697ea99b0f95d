// Types for electronBinary.mjs (plain JavaScript so it runs during `npm install`, before anything is built).
export const SKIP_VARIABLES: readonly string[];
export const DEFAULT_DOWNLOAD_TIMEOUT_MS: number;
export function skipRequestedBy(env: Readonly<Record<string, string | undefined>>): string | undefined;
export function electronPackageDir(root: string): string;
export function electronVersion(root: string): string | undefined;
export function electronBinaryPath(root: string, env?: Readonly<Record<string, string | undefined>>): string | undefined;
export function summariseInstallError(output: string): string;
export type FetchResult = { ok: true; path: string } | { ok: false; reason: string };
export function fetchElectronBinary(options: { root: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<FetchResult>;

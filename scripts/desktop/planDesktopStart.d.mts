// Types for planDesktopStart.mjs.
import type { BuildOptions, BuildResult } from './electronSqlite.mjs';
export const RETRY_HINT: string;
export type DesktopStartPlan =
  | { mode: 'electron'; electron: string; binding: string }
  | { mode: 'headless'; reason: string; notice: string };
export function planDesktopStart(options: {
  root: string;
  env?: NodeJS.ProcessEnv;
  build?: (options: BuildOptions) => Promise<BuildResult>;
  log?: (line: string) => void;
}): Promise<DesktopStartPlan>;

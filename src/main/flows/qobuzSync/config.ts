// qoget's settings: `$XDG_CONFIG_HOME/qoget/config.toml` (default ~/.config) overlaid by QOBUZ_* environment
// variables, the environment winning. Validated with zod; a file others can read gets a warning because it may
// hold a token or password. Error messages name the setting, never its value.
import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { z } from 'zod';
import { AppError } from '../../../shared/result';

export interface QobuzSettings {
  token?: string;
  appId?: string;
  appSecret?: string;
  username?: string;
  password?: string;
  apiBase?: string;
  webBase?: string;
  /** Default folder for `qobuz.sync.start` without a folder (the app's setting wins over it). */
  folder?: string;
  /** Qobuz API calls per second (default 4). */
  requestsPerSecond?: number;
}

export type SettingOrigin = 'env' | 'config';

export interface LoadedQobuzConfig {
  settings: QobuzSettings;
  /** Where each setting came from. */
  origin: Partial<Record<keyof QobuzSettings, SettingOrigin>>;
  configPath: string;
  configFound: boolean;
  warnings: string[];
}

const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const nonEmpty = z.string().trim().min(1, 'must not be empty');

const settingsSchema = z.object({
  token: nonEmpty.optional(),
  appId: z.string().trim().regex(/^\d{6,12}$/, 'must be the numeric Qobuz app_id').optional(),
  appSecret: z.string().trim().regex(/^[A-Za-z0-9]{16,64}$/, 'must be the app secret (letters and digits)').optional(),
  username: nonEmpty.optional(),
  password: z.string().min(1, 'must not be empty').optional(),
  apiBase: url.optional(),
  webBase: url.optional(),
  folder: nonEmpty.optional(),
  requestsPerSecond: z.coerce.number().min(0.1, 'must be at least 0.1').max(1000, 'must be at most 1000').optional(),
});

/** TOML key → setting. `email` is accepted as a synonym of `username`. */
const FILE_KEYS: Record<string, keyof QobuzSettings> = {
  token: 'token',
  user_auth_token: 'token',
  app_id: 'appId',
  app_secret: 'appSecret',
  username: 'username',
  email: 'username',
  password: 'password',
  api_base: 'apiBase',
  web_base: 'webBase',
  folder: 'folder',
  requests_per_second: 'requestsPerSecond',
};

export const ENV_KEYS: Record<string, keyof QobuzSettings> = {
  QOBUZ_TOKEN: 'token',
  QOBUZ_APP_ID: 'appId',
  QOBUZ_APP_SECRET: 'appSecret',
  QOBUZ_USERNAME: 'username',
  QOBUZ_PASSWORD: 'password',
  QOBUZ_API_BASE: 'apiBase',
  QOBUZ_WEB_BASE: 'webBase',
};

/** `$XDG_CONFIG_HOME/qoget/config.toml`, or `~/.config/qoget/config.toml`. */
export function qogetConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.trim() !== '' ? env.XDG_CONFIG_HOME : join(env.HOME || homedir(), '.config');
  return join(base, 'qoget', 'config.toml');
}

export interface LoadQobuzConfigOptions {
  env?: NodeJS.ProcessEnv;
  /** Default: qogetConfigPath(env). */
  configPath?: string;
  platform?: NodeJS.Platform;
}

export async function loadQobuzConfig(o: LoadQobuzConfigOptions = {}): Promise<LoadedQobuzConfig> {
  const env = o.env ?? process.env;
  const configPath = o.configPath ?? qogetConfigPath(env);
  const warnings: string[] = [];
  const fromFile = await readConfigFile(configPath, warnings, o.platform ?? process.platform);

  const fromEnv: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(ENV_KEYS)) {
    const v = env[name];
    if (v !== undefined && v.trim() !== '') fromEnv[key] = v;
  }
  const fileSettings = validate(fromFile.values, (key) => `${configPath}: ${tomlKeyFor(key)}`);
  const envSettings = validate(fromEnv, (key) => envNameFor(key));

  const settings: QobuzSettings = { ...fileSettings, ...envSettings };
  const origin: LoadedQobuzConfig['origin'] = {};
  for (const k of Object.keys(fileSettings) as (keyof QobuzSettings)[]) origin[k] = 'config';
  for (const k of Object.keys(envSettings) as (keyof QobuzSettings)[]) origin[k] = 'env';
  return { settings, origin, configPath, configFound: fromFile.found, warnings };
}

async function readConfigFile(
  path: string,
  warnings: string[],
  platform: NodeJS.Platform,
): Promise<{ found: boolean; values: Record<string, unknown> }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { found: false, values: {} };
    throw new AppError('invalid_input', `Could not read ${path}: ${code ?? (e as Error).message}`);
  }
  if (platform !== 'win32') {
    const mode = (await stat(path)).mode & 0o777;
    if (mode & 0o044) {
      warnings.push(
        `${path} is readable by other users (mode ${mode.toString(8).padStart(4, '0')}) and may hold your Qobuz token or password; run: chmod 600 ${shellQuote(path)}`,
      );
    }
  }
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (e) {
    // smol-toml quotes the offending line, which may hold a secret: report only where it is.
    const where = e instanceof TomlError ? ` at line ${e.line}, column ${e.column}` : '';
    const what = e instanceof Error ? (e.message.split('\n')[0] ?? '').replace(/^Invalid TOML document: /, '') : 'invalid TOML';
    throw new AppError('invalid_input', `${path} is not valid TOML${where}: ${what}`);
  }
  const values: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) {
    const key = FILE_KEYS[k];
    if (key) values[key] = v;
    else warnings.push(`${path}: unknown setting "${k}" ignored (known: ${Object.keys(FILE_KEYS).join(', ')})`);
  }
  return { found: true, values };
}

function validate(raw: Record<string, unknown>, where: (key: string) => string): QobuzSettings {
  const parsed = settingsSchema.safeParse(raw);
  if (parsed.success) return stripUndefined(parsed.data);
  const issue = parsed.error.issues[0];
  const key = String(issue?.path[0] ?? '');
  throw new AppError('invalid_input', `${where(key)} ${issue?.message ?? 'is invalid'}`);
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function tomlKeyFor(key: string): string {
  return Object.entries(FILE_KEYS).find(([, v]) => v === key)?.[0] ?? key;
}

function envNameFor(key: string): string {
  return Object.entries(ENV_KEYS).find(([, v]) => v === key)?.[0] ?? key;
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

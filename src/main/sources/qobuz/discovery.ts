// Finds Qobuz's app_id, signing secret candidates and OAuth private key in the web player, caches them with the
// bundle version in a small JSON file, re-scrapes when the version changes (or on demand, when signatures fail),
// and remembers which secret actually signed.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { HttpClient } from '../../net';
import { findBundleScript, parseQobuzBundle } from './bundle';
import { QobuzError } from './qobuzError';

export const QOBUZ_APP_CACHE_FILE = 'qobuz-app.json';

const cacheSchema = z.object({
  webBase: z.string(),
  version: z.string(),
  appId: z.string(),
  secrets: z.array(z.string()).min(1),
  privateKey: z.string().optional(),
  verifiedSecret: z.string().optional(),
  fetchedAt: z.string(),
});
export type DiscoveredQobuzApp = z.infer<typeof cacheSchema>;

/** 'ok' when Qobuz accepted the signature (whatever else it said), 'bad_signature' when it rejected it. */
export type SecretCheck = (appId: string, secret: string) => Promise<'ok' | 'bad_signature'>;

export interface QobuzDiscoveryOptions {
  webBase: string;
  /** Where qobuz-app.json lives; without it nothing is cached. */
  cacheDir?: string;
  timeoutMs?: number;
  retries?: number;
  backoffLimitMs?: number;
}

export class QobuzDiscovery {
  private readonly web: HttpClient;
  private current: DiscoveredQobuzApp | undefined;

  constructor(private readonly options: QobuzDiscoveryOptions) {
    this.web = new HttpClient({
      baseUrl: options.webBase,
      timeoutMs: options.timeoutMs ?? 20_000,
      retries: options.retries ?? 2,
      backoffLimitMs: options.backoffLimitMs,
    });
  }

  /**
   * The app as the web player publishes it now. One login-page fetch tells the version; the bundle is fetched
   * only when it differs from the cache (or `force`). If the web player cannot be reached, a cache is used as is.
   */
  async load(opts: { force?: boolean } = {}): Promise<DiscoveredQobuzApp> {
    if (this.current && !opts.force) return this.current;
    const cached = await this.readCache();
    let page: string;
    try {
      page = await this.fetchText('login');
    } catch (e) {
      if (cached && !opts.force) return (this.current = cached);
      throw new QobuzError('discovery_failed', `Could not load the Qobuz web player (${this.options.webBase}/login) to find the app_id: ${errMessage(e)}`);
    }
    const ref = findBundleScript(page);
    if (cached && cached.version === ref.version && !opts.force) return (this.current = cached);

    let bundle: string;
    try {
      bundle = await this.fetchText(ref.path);
    } catch (e) {
      throw new QobuzError('discovery_failed', `Could not load the Qobuz web player bundle ${ref.path}: ${errMessage(e)}`);
    }
    const parsed = parseQobuzBundle(bundle);
    const sameSecrets = cached && cached.appId === parsed.appId && cached.secrets.join() === parsed.secrets.join();
    const app: DiscoveredQobuzApp = {
      webBase: this.options.webBase,
      version: ref.version,
      appId: parsed.appId,
      secrets: parsed.secrets,
      ...(parsed.privateKey ? { privateKey: parsed.privateKey } : {}),
      // A forced re-scrape means the remembered secret failed: never trust it again blindly.
      ...(sameSecrets && !opts.force && cached.verifiedSecret ? { verifiedSecret: cached.verifiedSecret } : {}),
      fetchedAt: new Date().toISOString(),
    };
    await this.writeCache(app);
    return (this.current = app);
  }

  /** The secret that signs: the remembered one if any, else the first candidate `check` accepts (then remembered). */
  async pickSecret(app: DiscoveredQobuzApp, check: SecretCheck): Promise<string> {
    if (app.verifiedSecret) return app.verifiedSecret;
    for (const secret of app.secrets) {
      if ((await check(app.appId, secret)) === 'ok') {
        const verified = { ...app, verifiedSecret: secret };
        await this.writeCache(verified);
        this.current = verified;
        return secret;
      }
    }
    throw new QobuzError(
      'bad_signature',
      `Qobuz rejected the request signature with all ${app.secrets.length} secrets found in its web player (version ${app.version}). ` +
        'Set QOBUZ_APP_ID and QOBUZ_APP_SECRET explicitly, or try again later.',
    );
  }

  private async fetchText(path: string): Promise<string> {
    const res = await this.web.raw(path, { headers: { Accept: 'text/html,application/javascript,*/*' } });
    return res.text();
  }

  private cachePath(): string | undefined {
    return this.options.cacheDir ? join(this.options.cacheDir, QOBUZ_APP_CACHE_FILE) : undefined;
  }

  private async readCache(): Promise<DiscoveredQobuzApp | undefined> {
    const path = this.cachePath();
    if (!path) return undefined;
    try {
      const parsed = cacheSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
      return parsed.success && parsed.data.webBase === this.options.webBase ? parsed.data : undefined;
    } catch {
      return undefined; // missing or unreadable: scrape again
    }
  }

  private async writeCache(app: DiscoveredQobuzApp): Promise<void> {
    const path = this.cachePath();
    if (!path || !this.options.cacheDir) return;
    await mkdir(this.options.cacheDir, { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(app, null, 2)}\n`, { mode: 0o600 });
    await rename(tmp, path);
  }
}

function errMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

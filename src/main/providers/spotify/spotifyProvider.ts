// The app's one door to Spotify: named accounts (sign in, list, sign out) and one SpotifyApi per account, each
// with its own request queue, all sharing the lookup cache. Backups, Matched Download and Missing Tracks use it.
import type { SpotifySettings } from '../../config';
import { systemClock, type Clock, type SecretStore } from '../../base';
import type { Db } from '../../db';
import { AccessTokens, EXPIRY_MARGIN_MS } from './accessTokens';
import { isValidAccountName, SpotifyAccountStore, type AccountSummary } from './accountStore';
import { SpotifyLookupCache } from './lookupCache';
import { AccountRequestQueue, type Sleep } from './requestQueue';
import { signInWithBrowser, type BrowserSignInOptions } from './signIn';
import { SpotifyApi } from './spotifyApi';
import { SpotifyError } from './spotifyError';
import { TokenEndpoint } from './tokenEndpoint';

export const CLIENT_ID_HELP =
  'Cassette needs your own Spotify Client ID: create an app at https://developer.spotify.com/dashboard, add the redirect URI ' +
  'http://127.0.0.1/callback, add every account you will use under User Management, then set SPOTIFY_CLIENT_ID or ' +
  '[spotify] client_id in cassette.toml.';

/** Refresh tokens die 6 months after consent; warn this long before. */
export const CONSENT_LIFETIME_MS = 182 * 24 * 60 * 60_000;
export const CONSENT_WARNING_MS = 21 * 24 * 60 * 60_000;

export interface SpotifyProviderOptions {
  settings: SpotifySettings;
  secrets: SecretStore;
  db?: Db;
  clock?: Clock;
  /** Requests in flight per account. */
  concurrency?: number;
  maxWaitMs?: number;
  sleep?: Sleep;
}

export type SignInOptions = Pick<BrowserSignInOptions, 'onAuthorizeUrl' | 'openExternal' | 'timeoutMs' | 'signal'>;

export class SpotifyProvider {
  readonly accounts: SpotifyAccountStore;
  readonly cache: SpotifyLookupCache | undefined;
  private readonly clock: Clock;
  private readonly apis = new Map<string, SpotifyApi>();

  /** The settings this provider was built with (the client id, the base URLs). */
  get settings(): SpotifySettings {
    return this.o.settings;
  }

  constructor(private readonly o: SpotifyProviderOptions) {
    this.accounts = new SpotifyAccountStore(o.secrets);
    this.clock = o.clock ?? systemClock;
    this.cache = o.db ? new SpotifyLookupCache(o.db, this.clock) : undefined;
  }

  private endpoint(): TokenEndpoint {
    const clientId = this.o.settings.clientId;
    if (!clientId) throw new SpotifyError('invalid_input', CLIENT_ID_HELP);
    return new TokenEndpoint({ clientId, accountsBase: this.o.settings.accountsBase });
  }

  /** Signs `account` in through the browser and stores its tokens; returns who signed in. */
  async signIn(account: string, opts: SignInOptions = {}): Promise<AccountSummary> {
    if (!isValidAccountName(account)) throw new SpotifyError('invalid_input', `"${account}" is not a usable account name: letters, digits, - and _ (up to 40).`);
    const endpoint = this.endpoint();
    const started = this.clock.now();
    const t = await signInWithBrowser({ ...opts, clientId: this.o.settings.clientId ?? '', accountsBase: this.o.settings.accountsBase, endpoint });
    if (!t.refresh_token) throw new SpotifyError('unavailable', 'Spotify signed in without a refresh token; try again.');
    const pending = {
      userId: '',
      displayName: '',
      accessToken: t.access_token,
      expiresAt: this.clock.now() + t.expires_in * 1000 - EXPIRY_MARGIN_MS,
      refreshToken: t.refresh_token,
      scope: t.scope ?? '',
      consentedAt: started,
    };
    // Ask who this is with the fresh token before anything is stored: an account not on the allow-list fails here.
    const probe = new SpotifyAccountStore(memorySecrets());
    await probe.save(account, pending);
    const me = await this.apiFor(account, probe).me();
    const stored = { ...pending, userId: me.id, displayName: me.display_name ?? me.id };
    await this.accounts.save(account, stored);
    this.apis.delete(account);
    return { account, userId: stored.userId, displayName: stored.displayName, consentedAt: stored.consentedAt };
  }

  async signOut(account: string): Promise<boolean> {
    this.apis.delete(account);
    return this.accounts.remove(account);
  }

  list(): Promise<AccountSummary[]> {
    return this.accounts.list();
  }

  /** The Web API of a signed-in account; `auth_expired` (exit 3 in the CLI) when it is not signed in. */
  async api(account: string): Promise<SpotifyApi> {
    const existing = this.apis.get(account);
    if (existing) return existing;
    if (!(await this.accounts.get(account))) {
      throw new SpotifyError('auth_expired', `No Spotify account "${account}" is signed in: run \`cassette spotify login --account ${account}\`.`);
    }
    const api = this.apiFor(account, this.accounts);
    this.apis.set(account, api);
    return api;
  }

  /** Accounts whose refresh token dies soon (6 months after consent): scheduled backups would start failing. */
  async expiringConsents(): Promise<{ account: string; expiresAt: number }[]> {
    const now = this.clock.now();
    return (await this.list())
      .map((a) => ({ account: a.account, expiresAt: a.consentedAt + CONSENT_LIFETIME_MS }))
      .filter((a) => a.expiresAt - now < CONSENT_WARNING_MS);
  }

  private apiFor(account: string, store: SpotifyAccountStore): SpotifyApi {
    return new SpotifyApi({
      account,
      apiBase: this.o.settings.apiBase,
      tokens: new AccessTokens(account, store, this.endpoint(), this.clock),
      queue: new AccountRequestQueue(this.o.concurrency ?? 4, this.clock, this.o.sleep),
      cache: this.cache,
      clock: this.clock,
      maxWaitMs: this.o.maxWaitMs,
      sleep: this.o.sleep,
    });
  }
}

function memorySecrets(): SecretStore {
  const m = new Map<string, string>();
  return { get: async (k) => m.get(k), set: async (k, v) => void m.set(k, v), delete: async (k) => void m.delete(k) };
}

// The access token of one signed-in account. A refresh happens once per expiry however many requests notice it
// (single-flight); a refresh token that comes back replaces the stored one before anything else happens (the old
// one may already be dead); when none comes back the old one is kept.
import type { Clock } from '../../base';
import type { SpotifyAccountStore, StoredAccount } from './accountStore';
import { signInAgain, SpotifyError } from './spotifyError';
import type { TokenEndpoint } from './tokenEndpoint';

/** Treat tokens as expired this long before Spotify does, so a request never races the expiry. */
const EXPIRY_MARGIN_MS = 60_000;

export class AccessTokens {
  private refreshing: Promise<string> | undefined;
  private current: StoredAccount | undefined;
  refreshCount = 0;

  constructor(
    readonly account: string,
    private readonly store: SpotifyAccountStore,
    private readonly endpoint: TokenEndpoint,
    private readonly clock: Clock,
  ) {}

  /** A token that is valid now (refreshing first if it is not). */
  async get(): Promise<string> {
    const a = await this.load();
    if (a.expiresAt > this.clock.now()) return a.accessToken;
    return this.refresh(a.accessToken);
  }

  /**
   * The API refused `rejected`: refresh unless another request already did (then its token is the answer).
   * Called at most once per request, so a token refused twice ends in "sign in again".
   */
  async refresh(rejected: string): Promise<string> {
    const a = await this.load();
    if (a.accessToken !== rejected && a.expiresAt > this.clock.now()) return a.accessToken;
    this.refreshing ??= this.doRefresh(a).finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async doRefresh(a: StoredAccount): Promise<string> {
    this.refreshCount++;
    let t;
    try {
      t = await this.endpoint.refresh(a.refreshToken);
    } catch (e) {
      if (e instanceof SpotifyError && e.spotifyCode === 'auth_expired') throw signInAgain(this.account);
      throw e;
    }
    const next: StoredAccount = {
      ...a,
      accessToken: t.access_token,
      expiresAt: this.clock.now() + t.expires_in * 1000 - EXPIRY_MARGIN_MS,
      refreshToken: t.refresh_token ?? a.refreshToken,
      scope: t.scope ?? a.scope,
    };
    await this.store.save(this.account, next);
    this.current = next;
    return next.accessToken;
  }

  private async load(): Promise<StoredAccount> {
    if (this.current) return this.current;
    const a = await this.store.get(this.account);
    if (!a) throw new SpotifyError('auth_expired', `No Spotify account "${this.account}" is signed in: run \`cassette spotify login --account ${this.account}\`.`);
    this.current = a;
    return a;
  }
}

export { EXPIRY_MARGIN_MS };

// The accounts service's state: authorization codes bound to their PKCE challenge, access tokens with an
// expiry, refresh tokens that may rotate, be revoked (invalid_grant) or expire.
import { createHash, randomBytes } from 'node:crypto';

interface PendingCode {
  userId: string;
  clientId: string;
  redirectUri: string;
  challenge: string;
  scope: string;
}

interface AccessToken {
  userId: string;
  expiresAt: number;
  scope: string;
}

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  scope: string;
  expires_in: number;
  refresh_token?: string;
}

export type TokenResult = { ok: true; body: TokenResponse } | { ok: false; status: number; error: string; description: string };

export interface AuthOptions {
  clientId: string;
  accessTokenTtlSec: number;
  /** A refresh answers with a new refresh token (and the old one stops working) — Spotify does this sometimes. */
  rotateRefreshTokens: boolean;
}

export class AuthState {
  private readonly codes = new Map<string, PendingCode>();
  private readonly access = new Map<string, AccessToken>();
  private readonly refresh = new Map<string, { userId: string; scope: string }>();
  readonly counters = { authorizations: 0, codeExchanges: 0, refreshes: 0, invalidGrants: 0 };

  constructor(
    readonly options: AuthOptions,
    private readonly now: () => number,
  ) {}

  issueCode(c: PendingCode): string {
    this.counters.authorizations++;
    const code = token('code');
    this.codes.set(code, c);
    return code;
  }

  exchange(form: URLSearchParams): TokenResult {
    const grant = form.get('grant_type');
    const clientId = form.get('client_id');
    if (clientId !== this.options.clientId) return { ok: false, status: 400, error: 'invalid_client', description: 'Invalid client' };
    if (form.has('client_secret')) return { ok: false, status: 400, error: 'invalid_request', description: 'PKCE clients send no secret' };
    if (grant === 'authorization_code') {
      this.counters.codeExchanges++;
      const code = form.get('code') ?? '';
      const pending = this.codes.get(code);
      this.codes.delete(code); // one use, right or wrong
      if (!pending) return this.invalidGrant('Invalid authorization code');
      if (form.get('redirect_uri') !== pending.redirectUri) return this.invalidGrant('Invalid redirect URI');
      const verifier = form.get('code_verifier') ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== pending.challenge) return this.invalidGrant('code_verifier was incorrect');
      const refreshToken = token('refresh');
      this.refresh.set(refreshToken, { userId: pending.userId, scope: pending.scope });
      return { ok: true, body: { ...this.mintAccess(pending.userId, pending.scope), refresh_token: refreshToken } };
    }
    if (grant === 'refresh_token') {
      this.counters.refreshes++;
      const old = form.get('refresh_token') ?? '';
      const grantOf = this.refresh.get(old);
      if (!grantOf) return this.invalidGrant('Refresh token revoked');
      const body: TokenResponse = this.mintAccess(grantOf.userId, grantOf.scope);
      if (this.options.rotateRefreshTokens) {
        this.refresh.delete(old);
        const fresh = token('refresh');
        this.refresh.set(fresh, grantOf);
        body.refresh_token = fresh;
      }
      return { ok: true, body };
    }
    return { ok: false, status: 400, error: 'unsupported_grant_type', description: `grant_type ${grant ?? '(none)'} is not supported` };
  }

  /** The user an access token belongs to; 'expired' or undefined when it does not (any longer) work. */
  userFor(accessToken: string): string | 'expired' | undefined {
    const t = this.access.get(accessToken);
    if (!t) return undefined;
    if (t.expiresAt <= this.now()) return 'expired';
    return t.userId;
  }

  expireAccessTokens(): void {
    for (const t of this.access.values()) t.expiresAt = 0;
  }

  /** Every refresh token of the user stops working (consent withdrawn, or the 6 months ran out). */
  revokeRefreshTokens(userId?: string): void {
    for (const [k, v] of this.refresh) if (!userId || v.userId === userId) this.refresh.delete(k);
  }

  liveRefreshTokens(): number {
    return this.refresh.size;
  }

  private mintAccess(userId: string, scope: string): TokenResponse {
    const accessToken = token('access');
    this.access.set(accessToken, { userId, scope, expiresAt: this.now() + this.options.accessTokenTtlSec * 1000 });
    return { access_token: accessToken, token_type: 'Bearer', scope, expires_in: this.options.accessTokenTtlSec };
  }

  private invalidGrant(description: string): TokenResult {
    this.counters.invalidGrants++;
    return { ok: false, status: 400, error: 'invalid_grant', description };
  }
}

function token(kind: string): string {
  return `${kind}-${randomBytes(18).toString('base64url')}`;
}

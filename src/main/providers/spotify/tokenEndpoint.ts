// The accounts service's token endpoint (form body, no client secret: PKCE). invalid_grant means the grant is
// gone for good — the user must sign in again.
import { HttpClient, HttpStatusError } from '../../net';
import { tokenErrorSchema, tokenSchema, type TokenResponse } from './schemas';
import { SpotifyError } from './spotifyError';

export interface TokenEndpointConfig {
  clientId: string;
  accountsBase: string;
}

export class TokenEndpoint {
  private readonly http: HttpClient;

  constructor(private readonly config: TokenEndpointConfig) {
    this.http = new HttpClient({ baseUrl: config.accountsBase, retries: 0, timeoutMs: 30_000 });
  }

  exchangeCode(code: string, redirectUri: string, verifier: string): Promise<TokenResponse> {
    return this.post({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: this.config.clientId, code_verifier: verifier });
  }

  refresh(refreshToken: string): Promise<TokenResponse> {
    return this.post({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: this.config.clientId });
  }

  private async post(form: Record<string, string>): Promise<TokenResponse> {
    try {
      return await this.http.json('api/token', tokenSchema, {
        method: 'POST',
        body: new URLSearchParams(form).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    } catch (e) {
      if (e instanceof HttpStatusError && e.status >= 400 && e.status < 500) {
        const body = tokenErrorSchema.safeParse(safeJson(e.bodyText));
        const code = body.success ? body.data.error : `HTTP ${e.status}`;
        if (code === 'invalid_grant') throw new SpotifyError('auth_expired', 'Spotify no longer accepts this sign-in (invalid_grant): sign in again.');
        if (code === 'invalid_client') throw new SpotifyError('invalid_input', 'Spotify does not know this Client ID: check SPOTIFY_CLIENT_ID or [spotify] client_id in cassette.toml.');
        throw new SpotifyError('auth_expired', `Spotify refused the sign-in (${code}): sign in again.`);
      }
      throw new SpotifyError('unavailable', `Could not reach the Spotify accounts service: ${(e as Error).message}`);
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

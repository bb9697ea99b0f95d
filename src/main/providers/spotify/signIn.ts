// Sign-in with Authorization Code + PKCE (S256) in the system browser. A one-shot listener on
// 127.0.0.1:<random port>/callback waits for the redirect; an answer with the wrong `state` is refused and the
// wait goes on (it belongs to another attempt, or to someone else); after 5 minutes it gives up with a clear message.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPkcePair, randomState } from './pkce';
import type { TokenResponse } from './schemas';
import { SpotifyError } from './spotifyError';
import type { TokenEndpoint } from './tokenEndpoint';

export const SPOTIFY_SCOPES = [
  'user-read-private',
  'user-library-read',
  'user-library-modify',
  'playlist-read-private',
  // Without it, collaborative playlists vanish from /me/playlists.
  'playlist-read-collaborative',
  'playlist-modify-private',
  'playlist-modify-public',
  'user-follow-read',
  'user-follow-modify',
] as const;

export const SIGN_IN_TIMEOUT_MS = 5 * 60_000;

export interface BrowserSignInOptions {
  clientId: string;
  accountsBase: string;
  endpoint: TokenEndpoint;
  /** Called with the authorize URL before the browser opens (the CLI prints it). */
  onAuthorizeUrl?(url: string): void;
  /** The OpenExternal port; absent = only print the URL. */
  openExternal?(url: string): Promise<void> | void;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export async function signInWithBrowser(o: BrowserSignInOptions): Promise<TokenResponse> {
  const pkce = createPkcePair();
  const state = randomState();
  let settle: { resolve(code: string): void; reject(e: Error): void } | undefined;
  const arrived = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  arrived.catch(() => undefined);
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (u.pathname !== '/callback') return page(res, 404, 'Waiting for the Spotify sign-in.');
    if (u.searchParams.get('state') !== state) {
      return page(res, 400, 'This answer does not belong to the sign-in Cassette is waiting for; it was ignored. Use the link Cassette printed.');
    }
    const error = u.searchParams.get('error');
    if (error) {
      page(res, 200, 'Sign-in was not completed. You can close this window.');
      return settle?.reject(new SpotifyError('auth_expired', error === 'access_denied' ? 'You declined the Spotify sign-in; nothing was changed.' : `Spotify refused the sign-in (${error}).`));
    }
    const code = u.searchParams.get('code');
    if (!code) return page(res, 400, 'The answer carries no code.');
    page(res, 200, 'Signed in to Spotify. You can close this window and return to Cassette.');
    settle?.resolve(code);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
  const timeoutMs = o.timeoutMs ?? SIGN_IN_TIMEOUT_MS;
  const timer = setTimeout(
    () => settle?.reject(new SpotifyError('auth_expired', `The Spotify sign-in did not finish within ${Math.round(timeoutMs / 60_000) || 1} minutes; start it again.`)),
    timeoutMs,
  );
  const onAbort = () => settle?.reject(new SpotifyError('auth_expired', 'Spotify sign-in cancelled.'));
  o.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const url = new URL(`${o.accountsBase.replace(/\/$/, '')}/authorize`);
    url.search = new URLSearchParams({
      client_id: o.clientId,
      response_type: 'code',
      redirect_uri: redirectUri,
      code_challenge_method: 'S256',
      code_challenge: pkce.challenge,
      state,
      scope: SPOTIFY_SCOPES.join(' '),
    }).toString();
    o.onAuthorizeUrl?.(url.toString());
    if (o.openExternal) await Promise.resolve(o.openExternal(url.toString())).catch(() => undefined);
    const code = await arrived;
    return await o.endpoint.exchangeCode(code, redirectUri, pkce.verifier);
  } finally {
    clearTimeout(timer);
    o.signal?.removeEventListener('abort', onAbort);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function page(res: ServerResponse, status: number, text: string): void {
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Cassette</title></head><body><p>${text}</p></body></html>`;
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html) });
  res.end(html);
}

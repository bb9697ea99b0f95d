// Browser login for Qobuz: a one-shot loopback server on 127.0.0.1 receives the redirect, its code
// (code_autorisation, or code) is exchanged for a user token. Opening the browser is the caller's job.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { QobuzOAuthToken } from './client';
import { QobuzError } from './qobuzError';

/** The two client calls OAuth needs (QobuzClient fits). */
export interface QobuzOAuthClient {
  signinUrl(redirectUrl: string): Promise<string>;
  oauthExchange(code: string): Promise<QobuzOAuthToken>;
}

export interface QobuzOAuthOptions {
  client: QobuzOAuthClient;
  /** Opens the sign-in page (Electron shell.openExternal, `open`, or printing the URL). */
  openBrowser(url: string): Promise<void> | void;
  /** Give up after this long (default 5 min). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export async function qobuzOAuthLogin(o: QobuzOAuthOptions): Promise<QobuzOAuthToken> {
  let settle: { resolve(code: string): void; reject(e: Error): void } | undefined;
  const codeArrived = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  codeArrived.catch(() => undefined); // observed below; avoids an unhandled rejection while the browser opens
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://localhost');
    const code = u.searchParams.get('code_autorisation') ?? u.searchParams.get('code');
    if (!code) {
      // Browsers also ask for /favicon.ico and the like: not the redirect.
      return page(res, 404, 'Waiting for the Qobuz sign-in redirect.');
    }
    page(res, 200, 'Signed in to Qobuz. You can close this window and return to Cassette.');
    settle?.resolve(code);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const timeout = setTimeout(
    () => settle?.reject(new QobuzError('oauth_failed', 'The Qobuz sign-in did not finish in time; run `qoget login` again.')),
    o.timeoutMs ?? 5 * 60_000,
  );
  const onAbort = () => settle?.reject(new QobuzError('oauth_failed', 'Qobuz sign-in cancelled.'));
  o.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await o.openBrowser(await o.client.signinUrl(`http://localhost:${port}`));
    const code = await codeArrived;
    return await o.client.oauthExchange(code);
  } finally {
    clearTimeout(timeout);
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

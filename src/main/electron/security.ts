// Pure security rules for the Electron shell, with the Electron capability passed in so they test under Node.

/** Only http(s) links leave the app, and only through the system browser. */
export async function openExternalUrl(value: string, open: (url: string) => Promise<void>): Promise<boolean> {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  await open(url.toString());
  return true;
}

export const APP_ORIGIN = 'app://cassette';

/** IPC is answered only for our own renderer, loaded from the app:// protocol. */
export function isTrustedSender(senderUrl: string | undefined): boolean {
  if (!senderUrl) return false;
  try {
    return new URL(senderUrl).origin === APP_ORIGIN || senderUrl.startsWith(`${APP_ORIGIN}/`);
  } catch {
    return false;
  }
}

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

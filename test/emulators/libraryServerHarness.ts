// The HTTP plumbing the media server emulators share: a node:http server on 127.0.0.1, a request log with
// secrets redacted, and the two ways a server is unreachable — refusing connections (the listener is closed,
// the port kept) and never answering (requests are accepted and left hanging).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { LibraryServerControl } from './libraryTracks';

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Credentials were refused (Subsonic says so in a 200 body). */
  refused?: boolean;
}

export type Route = (req: IncomingMessage, url: URL) => Reply;

const SECRET_QUERY = /([?&](?:X-Plex-Token|api_key|ApiKey|t|s|p)=)[^&]*/gi;

export async function startLibraryServer(route: Route): Promise<{ url: string; control: LibraryServerControl }> {
  const requests: string[] = [];
  let unauthorized = 0;
  const sockets = new Set<Socket>();
  let hanging = false;
  const hung: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://emulator');
    requests.push(`${req.method} ${`${url.pathname}${url.search}`.replace(SECRET_QUERY, '$1***')}`);
    if (hanging) {
      hung.push(res);
      return;
    }
    let reply: Reply;
    try {
      reply = route(req, url);
    } catch (e) {
      reply = { status: 500, body: { error: e instanceof Error ? e.message : String(e) } };
    }
    if (reply.status === 401 || reply.refused) unauthorized++;
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      'content-type': typeof reply.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
      ...reply.headers,
    });
    res.end(text);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const closeListener = () =>
    new Promise<void>((resolve) => {
      for (const r of hung.splice(0)) r.destroy();
      for (const s of sockets) s.destroy();
      if (!server.listening) resolve();
      else server.close(() => resolve());
    });
  const control: LibraryServerControl = {
    requests,
    get unauthorized() {
      return unauthorized;
    },
    hang(on) {
      hanging = on;
      if (!on) for (const r of hung.splice(0)) r.destroy();
    },
    offline: closeListener,
    online: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
    close: closeListener,
  };
  return { url: `http://127.0.0.1:${port}`, control };
}

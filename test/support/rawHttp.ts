// HTTP and WebSocket requests with the exact bytes a test chooses: fetch and http.request would normalise or
// refuse odd paths (`#`, dot segments, `%2e`), which are exactly what the host must handle.
import { connect } from 'node:net';
import WebSocket from 'ws';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json: unknown;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the headers (and this much of the body) but not the rest: a stalled upload. */
  stallAfterHeaders?: boolean;
}

/** One request on a fresh connection (`Connection: close`); resolves when the server closes it. */
export function rawRequest(port: number, r: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', reject);
    socket.on('close', () => {
      try {
        resolve(parseResponse(Buffer.concat(chunks).toString('utf8')));
      } catch (e) {
        reject(e);
      }
    });
    const body = r.body === undefined ? undefined : Buffer.isBuffer(r.body) ? r.body : Buffer.from(r.body);
    const headers: Record<string, string> = { host: `127.0.0.1:${port}`, connection: 'close', ...r.headers };
    if (body && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-length')) headers['content-length'] = String(body.length);
    const head = `${r.method ?? 'GET'} ${r.path} HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
    socket.write(head);
    if (body && !r.stallAfterHeaders) socket.write(body);
  });
}

function parseResponse(text: string): RawResponse {
  const split = text.indexOf('\r\n\r\n');
  if (split < 0) throw new Error(`No HTTP response (got ${JSON.stringify(text.slice(0, 200))})`);
  const [statusLine, ...lines] = text.slice(0, split).split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1]);
  const headers: Record<string, string> = {};
  for (const l of lines) {
    const i = l.indexOf(':');
    if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  let body = text.slice(split + 4);
  if (headers['transfer-encoding'] === 'chunked') body = unchunk(body);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  return { status, headers, body, json };
}

function unchunk(body: string): string {
  let out = '';
  let rest = body;
  for (;;) {
    const nl = rest.indexOf('\r\n');
    if (nl < 0) return out;
    const size = Number.parseInt(rest.slice(0, nl), 16);
    if (!size) return out;
    out += rest.slice(nl + 2, nl + 2 + size);
    rest = rest.slice(nl + 2 + size + 2);
  }
}

export type UpgradeOutcome = { kind: 'open'; socket: WebSocket } | { kind: 'refused'; status: number; body: string };

/** Opens a WebSocket at an exact path; a refused upgrade resolves with the HTTP status instead of throwing. */
export function openSocket(port: number, path: string, headers: Record<string, string> = {}): Promise<UpgradeOutcome> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/`, {
      headers,
      // ws builds the request path from the URL (normalising it): send the exact bytes under test instead.
      finishRequest: (req) => {
        req.path = path;
        req.end();
      },
    });
    ws.once('open', () => resolve({ kind: 'open', socket: ws }));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ kind: 'refused', status: res.statusCode ?? 0, body }));
      res.on('error', () => resolve({ kind: 'refused', status: res.statusCode ?? 0, body }));
    });
    ws.once('error', (e) => reject(e));
  });
}

/** Sends one RPC call on an open socket and waits for its answer. */
export function rpcCall(socket: WebSocket, method: string, input?: unknown): Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string } }> {
  const id = Math.floor(Math.random() * 1e9);
  return new Promise((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData) => {
      const msg = JSON.parse(String(data)) as { id?: number; result?: { ok: boolean; data?: unknown; error?: { code: string; message: string } } };
      if (msg.id === id && msg.result) {
        socket.off('message', onMessage);
        resolve(msg.result);
      }
    };
    socket.on('message', onMessage);
    socket.once('close', () => reject(new Error('socket closed before the answer')));
    socket.send(JSON.stringify({ id, method, input }));
  });
}

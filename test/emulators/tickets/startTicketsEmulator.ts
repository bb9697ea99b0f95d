// A fake ticket-based download service (the Torrentino model) on 127.0.0.1: REST over node:http with bearer
// auth, tickets that move through their states on timers, real audio files with Range support, and controls for
// the faults that matter (stalls, failures, approval, truncated files, HTTP errors). See README.md for the API.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveFile } from './serveFile';
import { DEFAULT_BEHAVIOUR, TicketBook, type Ticket, type TicketBehaviour } from './ticketBook';
import { ToneFiles } from './toneFiles';
import {
  errorBody,
  TICKET_STATES,
  ticketRequestSchema,
  type AudioFormat,
  type TicketFailureView,
  type TicketRequest,
  type TicketState,
  type TicketView,
} from './wire';

export interface TicketsEmulatorOptions {
  /** Bearer token every request must carry. Default 'tickets-test-key'. */
  apiKey?: string;
  /** Folder for generated audio; default a temp folder removed on close. */
  filesDir?: string;
  /** Behaviour of every ticket unless overridden. */
  defaults?: Partial<TicketBehaviour>;
  /** Per-ticket behaviour from the request (e.g. by artist name); `seq` counts tickets from 1. */
  behaviour?: (request: TicketRequest, seq: number) => Partial<TicketBehaviour> | undefined;
  /** Honour `Idempotency-Key` (default true); off, a repeated POST files another ticket, as some services do. */
  idempotencyKeys?: boolean;
}

export interface RequestRecord {
  method: string;
  path: string;
  query: Record<string, string>;
  range?: string;
  status: number;
}

export interface TicketsEmulator {
  url: string;
  apiKey: string;
  close(): Promise<void>;
  /** Behaviours for the next tickets created, in order (after `defaults` and `behaviour`). */
  queueBehaviour(...behaviours: Array<Partial<TicketBehaviour>>): void;
  /** Every ticket as the API would show it, oldest first. */
  tickets(): TicketView[];
  ticket(id: string): TicketView | undefined;
  /** States a ticket has been through, in order. */
  history(id: string): TicketState[];
  approve(id: string): void;
  deny(id: string, reason?: string): void;
  stall(id: string): void;
  unstall(id: string): void;
  fail(id: string, failure: TicketFailureView): void;
  /**
   * The next `count` requests matching `method` and `path` are carried out, then the connection is dropped
   * without an answer: the client cannot know the ticket was filed.
   */
  dropResponses(count: number, method: string, path: RegExp): void;
  /** Answer the next `count` requests with `status` (e.g. 503 with Retry-After). */
  failNext(count: number, status?: number, retryAfterSec?: number): void;
  /** Every request received, in order. */
  requests: RequestRecord[];
  /** The file on disk behind a completed ticket's file `n`. */
  filePath(id: string, n: number): string | undefined;
  /** Generate the audio for (format, seconds) now, so no ticket waits for ffmpeg in `converting`. */
  prepare(format: AudioFormat, seconds: number): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

export async function startTicketsEmulator(options: TicketsEmulatorOptions = {}): Promise<TicketsEmulator> {
  const apiKey = options.apiKey ?? 'tickets-test-key';
  const tones = new ToneFiles(options.filesDir);
  const book = new TicketBook(tones);
  const queued: Array<Partial<TicketBehaviour>> = [];
  const requests: RequestRecord[] = [];
  const faults: Array<{ status: number; retryAfterSec?: number }> = [];
  let seq = 0;
  const drops: { count: number; method: string; path: RegExp }[] = [];
  const dropping = new WeakSet<ServerResponse>();

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (dropping.has(res)) {
      res.socket?.destroy();
      return;
    }
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  };

  const mustGet = (id: string): Ticket => {
    const t = book.get(id);
    if (!t) throw new Error(`no ticket ${id}`);
    return t;
  };

  async function readJson(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY) return { ok: false, message: 'request body too large' };
      chunks.push(chunk);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    if (!text.trim()) return { ok: false, message: 'request body is empty' };
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch {
      return { ok: false, message: 'request body is not valid JSON' };
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (parts[0] !== 'tickets') return send(res, 404, errorBody('not_found', 'no such route'));

    // /tickets
    if (parts.length === 1) {
      if (method === 'POST') {
        const body = await readJson(req);
        if (!body.ok) return send(res, 400, errorBody('invalid_json', body.message));
        const parsed = ticketRequestSchema.safeParse(body.value);
        if (!parsed.success) {
          const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
          const first = issues[0];
          return send(res, 400, errorBody('invalid_input', `${first?.path || 'body'}: ${first?.message}`, issues));
        }
        const key = options.idempotencyKeys === false ? undefined : header(req, 'idempotency-key');
        const existing = key ? book.byIdempotencyKey(key) : undefined;
        if (existing) return send(res, 200, book.view(existing));
        seq += 1;
        const behaviour: TicketBehaviour = {
          ...DEFAULT_BEHAVIOUR,
          ...options.defaults,
          ...options.behaviour?.(parsed.data, seq),
          ...queued.shift(),
        };
        const t = book.create(parsed.data, behaviour, key);
        return send(res, 201, book.view(t), { Location: `/tickets/${t.id}` });
      }
      if (method === 'GET') {
        const state = url.searchParams.get('state');
        if (state !== null && !(TICKET_STATES as readonly string[]).includes(state)) {
          return send(res, 400, errorBody('invalid_input', `state must be one of ${TICKET_STATES.join(', ')}`));
        }
        const offset = Number(url.searchParams.get('offset') ?? 0);
        const limit = Number(url.searchParams.get('limit') ?? 50);
        if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1 || limit > 200) {
          return send(res, 400, errorBody('invalid_input', 'offset must be ≥ 0 and limit 1..200'));
        }
        const clientRef = url.searchParams.get('clientRef');
        const all = book.all().filter((t) => (state === null || t.state === state) && (clientRef === null || t.request.clientRef === clientRef));
        const items = all.slice(offset, offset + limit).map((t) => book.view(t));
        return send(res, 200, { items, total: all.length, offset, limit });
      }
      return send(res, 405, errorBody('method_not_allowed', `${method} /tickets is not supported`));
    }

    const t = book.get(parts[1] ?? '');
    if (!t) return send(res, 404, errorBody('not_found', `no ticket ${parts[1]}`));

    // /tickets/{id}
    if (parts.length === 2) {
      if (method === 'GET') return send(res, 200, book.view(t));
      if (method === 'DELETE') {
        if (t.state !== 'cancelled') book.cancel(t);
        return send(res, 200, book.view(t));
      }
      return send(res, 405, errorBody('method_not_allowed', `${method} is not supported here`));
    }

    // /tickets/{id}/retry
    if (parts.length === 3 && parts[2] === 'retry') {
      if (method !== 'POST') return send(res, 405, errorBody('method_not_allowed', 'use POST'));
      if (t.state !== 'failed') {
        return send(res, 409, errorBody('conflict', `only failed tickets can be retried; this one is ${t.state}`));
      }
      book.retry(t);
      return send(res, 200, book.view(t));
    }

    // /tickets/{id}/files/{n}
    if (parts.length === 4 && parts[2] === 'files') {
      if (method !== 'GET' && method !== 'HEAD') return send(res, 405, errorBody('method_not_allowed', 'use GET'));
      if (t.state === 'cancelled') return send(res, 410, errorBody('gone', 'the ticket was cancelled'));
      if (t.state !== 'completed') {
        return send(res, 409, errorBody('not_ready', `the ticket is ${t.state}; files exist once it is completed`));
      }
      const n = Number(parts[3]);
      const file = Number.isInteger(n) ? t.files[n] : undefined;
      if (!file) return send(res, 404, errorBody('not_found', `ticket ${t.id} has no file ${parts[3]}`));
      const isFirstTransfer = file.served === 0 && !req.headers.range;
      file.served += 1;
      return serveFile(req, res, {
        path: file.path,
        sizeBytes: file.sizeBytes,
        format: file.format,
        cutInHalf: t.behaviour.truncate === 'file',
        dropHalfway: t.behaviour.truncate === 'stream' && isFirstTransfer,
        chunkDelayMs: t.behaviour.chunkDelayMs,
      });
    }
    return send(res, 404, errorBody('not_found', 'no such route'));
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const record: RequestRecord = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      range: header(req, 'range'),
      status: 0,
    };
    requests.push(record);
    res.on('finish', () => (record.status = res.statusCode));
    res.on('close', () => (record.status ||= res.statusCode));

    const auth = header(req, 'authorization');
    if (auth !== `Bearer ${apiKey}`) {
      req.resume();
      return send(res, 401, errorBody('unauthorized', 'missing or invalid bearer token'), {
        'WWW-Authenticate': 'Bearer realm="tickets"',
      });
    }
    const drop = drops.find((d) => d.count > 0 && d.method === req.method && d.path.test(url.pathname));
    if (drop) {
      drop.count--;
      dropping.add(res);
    }
    const fault = faults.shift();
    if (fault) {
      req.resume();
      const headers: Record<string, string> = fault.retryAfterSec !== undefined ? { 'Retry-After': String(fault.retryAfterSec) } : {};
      return send(res, fault.status, errorBody('unavailable', 'injected fault'), headers);
    }
    route(req, res, url).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, errorBody('internal', e instanceof Error ? e.message : String(e)));
      else res.destroy();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    async close() {
      book.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await tones.close();
    },
    queueBehaviour: (...b) => void queued.push(...b),
    tickets: () => book.all().map((t) => book.view(t)),
    ticket: (id) => {
      const t = book.get(id);
      return t && book.view(t);
    },
    history: (id) => [...mustGet(id).history],
    approve: (id) => book.approve(mustGet(id)),
    deny: (id, reason) => book.deny(mustGet(id), reason),
    stall: (id) => book.stall(mustGet(id)),
    unstall: (id) => book.unstall(mustGet(id)),
    fail: (id, failure) => book.failWith(mustGet(id), failure),
    dropResponses: (count, method, path) => void drops.push({ count, method, path }),
    failNext: (count, status = 503, retryAfterSec) => {
      for (let i = 0; i < count; i++) faults.push({ status, retryAfterSec });
    },
    filePath: (id, n) => book.get(id)?.files[n]?.path,
    prepare: async (format, seconds) => {
      await tones.path(format, seconds);
    },
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

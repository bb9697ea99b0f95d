// A faithful fake of slskd's REST API (/api/v0) over node:http, for integration tests.
// Faithful where clients go wrong: X-API-Key auth, one search POST at a time (429), two searches on the network
// (rest `Queued`), responses readable only after completion, ≤ 2 concurrent enqueue POSTs (429), GUID-keyed
// transfers, and real audio files written progressively into the downloads directory.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PeerSpec, TransferBehaviour } from './catalogue';
import { PeerBuilder } from './catalogue';
import { isComplete, SearchEngine, searchToWire, type SearchRecord, type SearchRequestBody } from './searchEngine';
import { ToneCache } from './toneCache';
import { groupByUserAndDirectory, TransferEngine, transferToWire, type TransferRecord } from './transferEngine';
import { isGuid } from './wire';

export interface SlskdEmulatorOptions {
  downloadsDir: string;
  apiKey: string;
  peers?: (PeerSpec | PeerBuilder)[];
  /** Time for responses to arrive after a search starts (the search then ends `searchTimeout` ms later). */
  searchDelayMs?: number;
  /** After a search completes, its responses stay unreadable (empty) this long. */
  storeResponsesDelayMs?: number;
  /** How long POST /searches takes to answer; overlapping POSTs get 429. */
  searchPostLatencyMs?: number;
  /** How long POST /transfers/downloads takes; more than two overlapping get 429. */
  enqueuePostLatencyMs?: number;
  /** Searches the network runs at once; the rest are `Queued`. */
  maxConcurrentSearches?: number;
  /** Delivery speed for transfers (bytes/s) unless a peer sets its own. */
  transferBytesPerSec?: number;
  /** Transfer state machine tick. */
  tickMs?: number;
  /** Time a download spends in `Requested`. */
  requestedMs?: number;
  version?: string;
  /** Reuse generated audio across emulators (the caller owns and removes the directory). */
  toneCacheDir?: string;
}

export interface SlskdEmulatorCounters {
  unauthorized: number;
  searchPosts: number;
  search429: number;
  searchGets: number;
  responseReads: number;
  /** GET /searches/{id}/responses while the search was still running: the answer is [] — a client bug. */
  responseReadsWhileIncomplete: number;
  searchDeletes: number;
  enqueuePosts: number;
  enqueue429: number;
  transferGets: number;
  transferListGets: number;
  transferDeletes: number;
}

export interface SlskdEmulator {
  /** Origin, e.g. http://127.0.0.1:43121 (the API lives under /api/v0). */
  url: string;
  close(): Promise<void>;
  counters: SlskdEmulatorCounters;
  /** Every request as "METHOD /path?query", in order. */
  requests: string[];
  /** Every search started so far, including deleted ones (see `deleted`). */
  searches(): SearchRecord[];
  transfers(): TransferRecord[];
  addPeer(peer: PeerSpec | PeerBuilder): void;
  setBehaviour(username: string, filename: string, behaviour: TransferBehaviour): void;
  setTransferSpeed(bytesPerSec: number): void;
  setSearchDelay(ms: number): void;
  /**
   * The next `count` requests matching `method` and `path` (on the part after /api/v0) are carried out, then the
   * connection is dropped without an answer: the client cannot know the server acted. With `when: 'before'`
   * the connection drops before anything is done.
   */
  dropResponses(count: number, method: string, path: RegExp, when?: 'after' | 'before'): void;
}

class HttpReply {
  constructor(
    readonly status: number,
    readonly body?: unknown,
  ) {}
}

export async function startSlskdEmulator(options: SlskdEmulatorOptions): Promise<SlskdEmulator> {
  const peers: PeerSpec[] = (options.peers ?? []).map((p) => (p instanceof PeerBuilder ? p.build() : p));
  let searchDelayMs = options.searchDelayMs ?? 100;
  let transferBytesPerSec = options.transferBytesPerSec ?? 2_000_000;
  const tones = new ToneCache(options.toneCacheDir);
  const searchEngine = new SearchEngine({
    peers: () => peers,
    tones,
    searchDelayMs: () => searchDelayMs,
    maxConcurrent: options.maxConcurrentSearches ?? 2,
    storeResponsesDelayMs: () => options.storeResponsesDelayMs ?? 0,
  });
  const transferEngine = new TransferEngine({
    downloadsDir: options.downloadsDir,
    peers: () => peers,
    tones,
    tickMs: options.tickMs ?? 20,
    requestedMs: options.requestedMs ?? 30,
    transferBytesPerSec: () => transferBytesPerSec,
  });
  const counters: SlskdEmulatorCounters = {
    unauthorized: 0,
    searchPosts: 0,
    search429: 0,
    searchGets: 0,
    responseReads: 0,
    responseReadsWhileIncomplete: 0,
    searchDeletes: 0,
    enqueuePosts: 0,
    enqueue429: 0,
    transferGets: 0,
    transferListGets: 0,
    transferDeletes: 0,
  };
  const requests: string[] = [];
  const drops: { count: number; method: string; path: RegExp; when: 'after' | 'before' }[] = [];
  /** Takes one drop for this request and moment, if one is armed. */
  const takeDrop = (req: IncomingMessage, url: URL, when: 'after' | 'before'): boolean => {
    const rest = url.pathname.replace(/^\/api\/v0/, '');
    const drop = drops.find((d) => d.count > 0 && d.when === when && d.method === req.method && d.path.test(rest));
    if (drop) drop.count--;
    return drop !== undefined;
  };
  let searchPostInFlight = false;
  let enqueuesInFlight = 0;

  async function route(req: IncomingMessage, url: URL): Promise<HttpReply> {
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/\/+$/, '');
    if (!path.startsWith('/api/v0/')) return new HttpReply(404);
    if (req.headers['x-api-key'] !== options.apiKey) {
      counters.unauthorized++;
      return new HttpReply(401);
    }
    const rest = path.slice('/api/v0'.length);
    let m: RegExpMatchArray | null;

    if (method === 'GET' && rest === '/application') {
      const v = options.version ?? '0.22.5';
      return new HttpReply(200, {
        version: { full: `${v}.0`, current: v, latest: v, isUpdateAvailable: false, isCanary: false, isDevelopment: false },
        server: { address: 'vps.slsknet.org:2271', state: 'Connected, LoggedIn', isConnected: true, isLoggedIn: true, isTransitioning: false },
        user: { username: 'cassette-test' },
      });
    }

    // ---- searches
    if (rest === '/searches' && method === 'POST') {
      counters.searchPosts++;
      if (searchPostInFlight) {
        counters.search429++;
        return new HttpReply(429, 'Only one concurrent operation is permitted. Wait until the previous request completes');
      }
      searchPostInFlight = true;
      try {
        const body = await readJson(req);
        if (!isSearchBody(body)) return new HttpReply(400, 'SearchText can not be null, empty, or consist of only whitespace');
        if (body.id !== undefined && (!isGuid(body.id) || searchEngine.searches.has(body.id))) {
          return new HttpReply(409, `A search with id ${body.id} already exists`);
        }
        await sleep(options.searchPostLatencyMs ?? 30);
        return new HttpReply(200, searchToWire(searchEngine.start(body)));
      } finally {
        searchPostInFlight = false;
      }
    }
    if (rest === '/searches' && method === 'GET') {
      return new HttpReply(200, [...searchEngine.searches.values()].map((s) => searchToWire(s)));
    }
    if ((m = rest.match(/^\/searches\/([^/]+)(\/responses)?$/))) {
      const id = decodeURIComponent(m[1] ?? '');
      if (!isGuid(id)) return new HttpReply(400, `The value '${id}' is not valid.`);
      const search = searchEngine.searches.get(id);
      if (!search) return new HttpReply(404);
      if (m[2]) {
        if (method !== 'GET') return new HttpReply(405);
        counters.responseReads++;
        if (!isComplete(search)) counters.responseReadsWhileIncomplete++;
        return new HttpReply(200, search.stored);
      }
      if (method === 'GET') {
        counters.searchGets++;
        return new HttpReply(200, searchToWire(search, url.searchParams.get('includeResponses') === 'true'));
      }
      if (method === 'PUT') {
        searchEngine.stop(search);
        return new HttpReply(200);
      }
      if (method === 'DELETE') {
        counters.searchDeletes++;
        searchEngine.delete(search);
        return new HttpReply(204);
      }
      return new HttpReply(405);
    }

    // ---- downloads
    if (rest === '/transfers/downloads' && method === 'GET') {
      counters.transferListGets++;
      const includeRemoved = url.searchParams.get('includeRemoved') === 'true';
      return new HttpReply(200, groupByUserAndDirectory(visibleTransfers(includeRemoved)));
    }
    if ((m = rest.match(/^\/transfers\/downloads\/([^/]+)$/))) {
      const username = decodeURIComponent(m[1] ?? '');
      if (method === 'POST') return enqueue(req, username);
      if (method === 'GET') {
        const mine = visibleTransfers(false).filter((t) => t.username === username);
        if (mine.length === 0) return new HttpReply(404);
        const [group] = groupByUserAndDirectory(mine);
        return new HttpReply(200, group);
      }
      return new HttpReply(405);
    }
    if ((m = rest.match(/^\/transfers\/downloads\/([^/]+)\/([^/]+)$/))) {
      const id = decodeURIComponent(m[2] ?? '');
      if (!isGuid(id)) return new HttpReply(400);
      const t = transferEngine.transfers.get(id.toLowerCase());
      if (method === 'GET') {
        counters.transferGets++;
        return t && !t.removed ? new HttpReply(200, transferToWire(t)) : new HttpReply(404);
      }
      if (method === 'DELETE') {
        counters.transferDeletes++;
        if (!t || t.removed) return new HttpReply(404);
        transferEngine.cancel(t, url.searchParams.get('remove') === 'true');
        return new HttpReply(204);
      }
      return new HttpReply(405);
    }
    return new HttpReply(404);
  }

  async function enqueue(req: IncomingMessage, username: string): Promise<HttpReply> {
    counters.enqueuePosts++;
    if (enqueuesInFlight >= 2) {
      counters.enqueue429++;
      return new HttpReply(429, 'Only one concurrent operation is permitted. Wait until the previous request completes');
    }
    enqueuesInFlight++;
    try {
      const body = await readJson(req);
      if (!Array.isArray(body) || body.length === 0 || !body.every(isQueueRequest)) {
        return new HttpReply(400, 'At least one file is required');
      }
      await sleep(options.enqueuePostLatencyMs ?? 20);
      const enqueued: ReturnType<typeof transferToWire>[] = [];
      const failed: string[] = [];
      for (const f of body) {
        const t = await transferEngine.enqueue(username, f.filename, f.size);
        if (t) enqueued.push(transferToWire(t));
        else failed.push(f.filename);
      }
      return new HttpReply(201, { enqueued, failed });
    } finally {
      enqueuesInFlight--;
    }
  }

  function visibleTransfers(includeRemoved: boolean): TransferRecord[] {
    return [...transferEngine.transfers.values()].filter((t) => includeRemoved || !t.removed);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    if (takeDrop(req, url, 'before')) {
      res.socket?.destroy();
      return;
    }
    let reply: HttpReply;
    try {
      reply = await route(req, url);
    } catch (e) {
      reply = e instanceof HttpReply ? e : new HttpReply(500, e instanceof Error ? e.message : String(e));
    }
    if (takeDrop(req, url, 'after')) {
      res.socket?.destroy();
      return;
    }
    if (reply.body === undefined) {
      res.writeHead(reply.status).end();
    } else if (typeof reply.body === 'string') {
      res.writeHead(reply.status, { 'content-type': 'text/plain; charset=utf-8' }).end(reply.body);
    } else {
      res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(reply.body));
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    counters,
    requests,
    searches: () => [...searchEngine.history],
    transfers: () => [...transferEngine.transfers.values()],
    addPeer: (p) => peers.push(p instanceof PeerBuilder ? p.build() : p),
    setBehaviour(username, filename, behaviour) {
      const file = peers.find((p) => p.username === username)?.files.find((f) => f.path === filename);
      if (!file) throw new Error(`emulator: ${username} does not share ${filename}`);
      file.behaviour = behaviour;
    },
    setTransferSpeed: (bps) => void (transferBytesPerSec = bps),
    setSearchDelay: (ms) => void (searchDelayMs = ms),
    dropResponses: (count, method, path, when = 'after') => void drops.push({ count, method, path, when }),
    async close() {
      searchEngine.close();
      transferEngine.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await tones.close();
    },
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpReply(400, 'The request body is not valid JSON.');
  }
}

function isSearchBody(b: unknown): b is SearchRequestBody {
  if (typeof b !== 'object' || b === null) return false;
  const text = (b as { searchText?: unknown }).searchText;
  return typeof text === 'string' && text.trim().length > 0;
}

function isQueueRequest(f: unknown): f is { filename: string; size: number } {
  if (typeof f !== 'object' || f === null) return false;
  const r = f as { filename?: unknown; size?: unknown };
  return typeof r.filename === 'string' && typeof r.size === 'number';
}

// The ticket source against the ticket-service emulator: tickets are created, followed, replaced when they stall,
// resumed after a crash, and their files streamed into the .part file and validated.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { validateAudioFile } from '../../src/main/library';
import { TicketsClient, TicketsSource, ticketQuarantineKey, type TicketsConfigInput } from '../../src/main/sources';
import { DownloadError, DownloadInterrupted, type FetchContext, type FetchProgress, type TrackWanted } from '../../src/main/base';
import { streamToPart } from '../../src/main/net';
import { startTicketsEmulator, type TicketsEmulator } from '../emulators/tickets';

let emu: TicketsEmulator;
let dir: string;

beforeAll(async () => {
  emu = await startTicketsEmulator({ defaults: { stepMs: 5 } });
  // Tickets whose audio is ready never sit in `converting` waiting for ffmpeg, which a short stallMs would
  // mistake for a stall.
  await emu.prepare('flac', 4);
});
afterAll(async () => {
  await emu.close();
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cassette-tickets-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const wanted = (o: Partial<TrackWanted> = {}): TrackWanted => ({
  trackId: 42,
  title: 'Hey Jude',
  artist: 'The Beatles',
  album: 'Hey Jude',
  trackNumber: 1,
  durationSec: 4,
  externalIds: {},
  ...o,
});

const source = (o: Partial<TicketsConfigInput> = {}) =>
  new TicketsSource({ baseUrl: emu.url, token: emu.apiKey, pollMs: 5, stallMs: 5_000, backoffLimitMs: 20, ...o });

interface Harness {
  ctx: FetchContext;
  /** Ticket ids the source stored, in order. */
  refs: string[];
  /** Everything it stored, the `pending:<clientRef>` written before each ticket is filed included. */
  allRefs: string[];
  progress: FetchProgress[];
  quarantined: Map<string, string>;
  abort(): void;
}

function harness(o: Partial<FetchContext> = {}, onProgress?: (p: FetchProgress, h: Harness) => void): Harness {
  const controller = new AbortController();
  const h: Harness = {
    refs: [],
    allRefs: [],
    progress: [],
    quarantined: new Map(),
    abort: () => controller.abort(),
    ctx: undefined as unknown as FetchContext,
  };
  h.ctx = {
    signal: controller.signal,
    partPath: join(dir, '01 Hey Jude.flac.part'),
    onProgress: (p) => {
      h.progress.push(p);
      onProgress?.(p, h);
    },
    setExternalRef: (ref) => {
      h.allRefs.push(ref);
      if (!ref.startsWith('pending:')) h.refs.push(ref);
    },
    validate: async (path, claim) => {
      await validateAudioFile(path, claim);
    },
    isQuarantined: (key) => h.quarantined.has(key),
    quarantine: (key, reason) => h.quarantined.set(key, reason),
    ...o,
  };
  return h;
}

const sha = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');
const exists = (path: string) => stat(path).then(() => true, () => false);
const postsSince = (n: number) => emu.requests.slice(n).filter((r) => r.method === 'POST' && r.path === '/tickets');

async function fetchError(p: Promise<unknown>): Promise<DownloadError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DownloadError);
  return e as DownloadError;
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('tickets source', () => {
  it('creates one ticket with the track metadata and streams its file into the part file', async () => {
    const h = harness();
    const before = emu.requests.length;
    const got = await source().fetch(wanted(), h.ctx);

    expect(h.refs).toHaveLength(1);
    const ticket = emu.ticket(h.refs[0]!)!;
    expect(ticket.state).toBe('completed');
    expect(ticket.request).toMatchObject({
      artist: 'The Beatles',
      album: 'Hey Jude',
      tracks: [{ title: 'Hey Jude', disc: 1, track: 1, durationSec: 4 }],
      format: { preferred: ['flac', 'mp3'] },
      destination: 'cassette/42',
    });
    expect(got).toMatchObject({ path: h.ctx.partPath, ext: 'flac', sizeBytes: ticket.files[0]!.sizeBytes });
    expect(await sha(got.path)).toBe(await sha(emu.filePath(ticket.id, 0)!));
    await expect(validateAudioFile(got.path, { ext: 'flac', durationSec: 4 })).resolves.toMatchObject({ codec: 'flac' });
    expect(postsSince(before)).toHaveLength(1);

    const details = h.progress.map((p) => p.detail);
    expect(details).toContain('ticket pending');
    expect(details.some((d) => /^ticket downloading \d+%$/.test(d ?? ''))).toBe(true);
    expect(h.progress.at(-1)).toMatchObject({ bytesDownloaded: got.sizeBytes, bytesTotal: got.sizeBytes });
  });

  it('cancels a stalled ticket and fails over to a new one', async () => {
    emu.queueBehaviour({ stallAt: 'downloading' });
    const h = harness();
    const got = await source({ stallMs: 150 }).fetch(wanted(), h.ctx);

    expect(h.refs).toHaveLength(2);
    const [stalled, replacement] = h.refs.map((id) => emu.ticket(id)!);
    expect(stalled!.state).toBe('cancelled');
    expect(stalled!.progress).toBeGreaterThan(0);
    expect(replacement!.state).toBe('completed');
    expect(got.sizeBytes).toBe(replacement!.files[0]!.sizeBytes);
  });

  it('gives up after maxTickets stalled tickets, cancelling each', async () => {
    emu.queueBehaviour({ stallAt: 'acquiring' }, { stallAt: 'acquiring' });
    const h = harness();
    const e = await fetchError(source({ maxTickets: 2, stallMs: 100 }).fetch(wanted(), h.ctx));

    expect(e.type).toBe('timeout');
    expect(e.tried).toEqual(h.refs);
    expect(h.refs.map((id) => emu.ticket(id)!.state)).toEqual(['cancelled', 'cancelled']);
  });

  it.each([
    [{ code: 'not_found', reason: 'no release matches the request' }, 'not_found'],
    [{ code: 'quality_unmet', reason: 'only 128 kbps copies exist' }, 'rejected'],
  ] as const)('types a final failure %o as %s', async (failure, type) => {
    emu.queueBehaviour({ fail: { at: 'acquiring', retryable: false, ...failure } });
    const h = harness();
    const e = await fetchError(source().fetch(wanted(), h.ctx));

    expect(e.type).toBe(type);
    expect(e.message).toContain(failure.reason);
    expect(e.tried).toEqual(h.refs);
    expect(await exists(h.ctx.partPath)).toBe(false);
  });

  it('types a denied approval as rejected', async () => {
    emu.queueBehaviour({ requireApproval: true });
    const h = harness({}, (p, self) => {
      if (p.detail === 'ticket needs approval' && emu.ticket(self.refs[0]!)?.state === 'needs_approval') {
        emu.deny(self.refs[0]!, 'not on the allow list');
      }
    });
    const e = await fetchError(source().fetch(wanted(), h.ctx));
    expect(e.type).toBe('rejected');
    expect(e.message).toContain('not on the allow list');
  });

  it('waits for an approval without failing over, however long it takes', async () => {
    emu.queueBehaviour({ requireApproval: true });
    let approvedAt = 0;
    const h = harness({}, (p, self) => {
      if (p.detail !== 'ticket needs approval') return;
      // Approve only well after stallMs has passed, to show waiting for a human is not a stall.
      approvedAt ||= Date.now() + 400;
      if (Date.now() >= approvedAt && emu.ticket(self.refs[0]!)?.state === 'needs_approval') emu.approve(self.refs[0]!);
    });
    const got = await source({ stallMs: 150 }).fetch(wanted(), h.ctx);
    expect(h.refs).toHaveLength(1);
    expect(emu.history(h.refs[0]!)).toContain('needs_approval');
    expect(got.ext).toBe('flac');
  });

  it('reports a retryable failure as a connection error, and a later attempt retries the same ticket', async () => {
    emu.queueBehaviour({ fail: { at: 'downloading', retryable: true, reason: 'tracker timed out', times: 1 } });
    const first = harness();
    const e = await fetchError(source().fetch(wanted(), first.ctx));
    expect(e.type).toBe('connection');
    expect(first.refs).toHaveLength(1);

    const before = emu.requests.length;
    const second = harness({ externalRef: first.refs[0] });
    const got = await source().fetch(wanted(), second.ctx);
    expect(postsSince(before)).toHaveLength(0);
    expect(emu.requests.slice(before).some((r) => r.method === 'POST' && r.path === `/tickets/${first.refs[0]}/retry`)).toBe(true);
    expect(second.refs).toEqual([]);
    expect(emu.ticket(first.refs[0]!)).toMatchObject({ state: 'completed', attempt: 2 });
    expect(got.sizeBytes).toBeGreaterThan(0);
  });

  it('rejects a file shorter than announced as corruption, removes it and never resumes that ticket', async () => {
    emu.queueBehaviour({ truncate: 'file' });
    const h = harness();
    const e = await fetchError(source().fetch(wanted(), h.ctx));

    expect(e.type).toBe('corruption');
    expect(await exists(h.ctx.partPath)).toBe(false);
    const id = h.refs[0]!;
    expect(h.quarantined.has(ticketQuarantineKey(id))).toBe(true);
    expect(emu.ticket(id)!.state).toBe('cancelled');

    // The queue's next attempt passes the bad ticket back: a new ticket is made instead.
    const again = harness({ externalRef: id, isQuarantined: (k) => h.quarantined.has(k) });
    const got = await source().fetch(wanted(), again.ctx);
    expect(again.refs).toHaveLength(1);
    expect(again.refs[0]).not.toBe(id);
    expect(got.ext).toBe('flac');
  });

  it('resumes a transfer that broke off with a Range request and ends with the whole file', async () => {
    emu.queueBehaviour({ truncate: 'stream', seconds: 8 });
    const h = harness();
    const before = emu.requests.length;
    const got = await source().fetch(wanted({ durationSec: 8 }), h.ctx);

    const id = h.refs[0]!;
    const fileRequests = emu.requests.slice(before).filter((r) => r.path === `/tickets/${id}/files/0`);
    expect(fileRequests).toHaveLength(2);
    expect(fileRequests[1]!.range).toMatch(/^bytes=[1-9]\d*-$/);
    expect(await sha(got.path)).toBe(await sha(emu.filePath(id, 0)!));
  });

  it('on abort while the service downloads, cancels the ticket and leaves no part file', async () => {
    emu.queueBehaviour({ stepMs: 30, downloadSteps: 50 });
    const h = harness({}, (p, self) => {
      if (p.detail?.startsWith('ticket downloading')) self.abort();
    });
    const e = await fetchError(source().fetch(wanted(), h.ctx));

    expect(e.type).toBe('cancelled');
    expect(emu.ticket(h.refs[0]!)!.state).toBe('cancelled');
    expect(await exists(h.ctx.partPath)).toBe(false);
  });

  it('when the queue pauses mid-transfer, keeps the ticket and the part file, and the next attempt resumes them', async () => {
    emu.queueBehaviour({ seconds: 30, chunkDelayMs: 20 });
    const controller = new AbortController();
    let sawBytes = false;
    const h = harness({ signal: controller.signal }, (p) => {
      if (p.bytesDownloaded > 0 && !sawBytes) {
        sawBytes = true;
        controller.abort(new DownloadInterrupted('paused'));
      }
    });
    const e = await fetchError(source().fetch(wanted({ durationSec: 30 }), h.ctx));
    expect(e.type).toBe('cancelled');
    expect(emu.ticket(h.refs[0]!)!.state).not.toBe('cancelled');
    expect(await exists(h.ctx.partPath)).toBe(true);

    const ticketsBefore = emu.tickets().length;
    const again = harness({ externalRef: h.refs[0] });
    const file = await source().fetch(wanted({ durationSec: 30 }), again.ctx);
    expect(emu.tickets().length).toBe(ticketsBefore);
    expect(again.refs.every((r) => r === h.refs[0])).toBe(true);
    await validateAudioFile(file.path, { ext: file.ext, durationSec: 30 });
  });

  it('on abort mid-transfer, removes the part file and cancels the ticket', async () => {
    emu.queueBehaviour({ seconds: 30, chunkDelayMs: 20 });
    let sawBytes = false;
    const h = harness({}, (p, self) => {
      if (p.bytesDownloaded > 0 && !sawBytes) {
        sawBytes = true;
        self.abort();
      }
    });
    const e = await fetchError(source().fetch(wanted({ durationSec: 30 }), h.ctx));

    expect(sawBytes).toBe(true);
    expect(e.type).toBe('cancelled');
    expect(await exists(h.ctx.partPath)).toBe(false);
    expect(emu.ticket(h.refs[0]!)!.state).toBe('cancelled');
  });

  it('resumes an existing ticket after a crash without creating a second one, appending to the part file', async () => {
    // An earlier run created the ticket and got part of the file before the app died: what it left is the part
    // file and its resume record, as the streamed download writes them.
    const client = new TicketsClient({ baseUrl: emu.url, token: emu.apiKey });
    emu.queueBehaviour({ chunkDelayMs: 20 });
    const ticket = await client.create(
      { artist: 'The Beatles', tracks: [{ title: 'Hey Jude', disc: 1, track: 1, durationSec: 4 }], format: { preferred: ['flac'] }, destination: 'cassette/42' },
      { idempotencyKey: 'crash-test' },
    );
    await waitFor(() => emu.ticket(ticket.id)?.state === 'completed', 'the ticket to complete');
    const full = await readFile(emu.filePath(ticket.id, 0)!);
    const h = harness({ externalRef: ticket.id });
    const died = new AbortController();
    await streamToPart({
      url: async () => client.fileUrl(ticket.id, 0),
      headers: client.fileHeaders(),
      partPath: h.ctx.partPath,
      signal: died.signal,
      onProgress: (n) => {
        if (n >= 10_000) died.abort();
      },
    }).catch(() => undefined);
    const kept = (await stat(h.ctx.partPath)).size;
    expect(kept).toBeGreaterThanOrEqual(10_000);
    expect(kept).toBeLessThan(full.length);

    const before = emu.requests.length;
    const got = await source().fetch(wanted(), h.ctx);

    expect(postsSince(before)).toHaveLength(0);
    expect(h.refs).toEqual([]);
    expect(emu.requests.slice(before).find((r) => r.path.endsWith('/files/0'))?.range).toBe(`bytes=${kept}-`);
    expect(await sha(got.path)).toBe(createHash('sha256').update(full).digest('hex'));
  });

  it('never appends to a part file it cannot prove holds this ticket’s file: it fetches the whole file', async () => {
    const client = new TicketsClient({ baseUrl: emu.url, token: emu.apiKey });
    const ticket = await client.create(
      { artist: 'The Beatles', tracks: [{ title: 'Hey Jude', disc: 1, track: 1, durationSec: 4 }], format: { preferred: ['flac'] }, destination: 'cassette/42' },
      { idempotencyKey: 'stranger-part' },
    );
    await waitFor(() => emu.ticket(ticket.id)?.state === 'completed', 'the ticket to complete');
    const h = harness({ externalRef: ticket.id });
    // Bytes of some other file under the same part name, without the record of what they are.
    await writeFile(h.ctx.partPath, Buffer.alloc(10_000, 7));

    const before = emu.requests.length;
    const got = await source().fetch(wanted(), h.ctx);

    expect(emu.requests.slice(before).find((r) => r.path.endsWith('/files/0'))?.range).toBeUndefined();
    expect(await sha(got.path)).toBe(await sha(emu.filePath(ticket.id, 0)!));
  });

  it('makes a new ticket when the remembered one is unknown to the service', async () => {
    const h = harness({ externalRef: 'tkt_forgotten' });
    await source().fetch(wanted(), h.ctx);
    expect(h.refs).toHaveLength(1);
    expect(h.refs[0]).not.toBe('tkt_forgotten');
  });

  it('rides out a 503 from the service (HttpClient retry) without a duplicate ticket', async () => {
    emu.failNext(1, 503, 0);
    const before = emu.requests.length;
    const h = harness();
    await source().fetch(wanted(), h.ctx);
    const posts = postsSince(before);
    expect(posts.map((r) => r.status)).toEqual([503, 201]);
    expect(h.refs).toHaveLength(1);
  });

  it('says the token was refused, without repeating it', async () => {
    const secret = 'wrong-token-ABC123';
    const e = await fetchError(source({ token: secret }).fetch(wanted(), harness().ctx));
    expect(e.type).toBe('rejected');
    expect(e.message).toMatch(/token/);
    expect(e.message).not.toContain(secret);
  });

  it('cancel(ref) cancels the ticket and ignores unknown ones', async () => {
    const client = new TicketsClient({ baseUrl: emu.url, token: emu.apiKey });
    emu.queueBehaviour({ stallAt: 'acquiring' });
    const t = await client.create(
      { artist: 'A', tracks: [{ title: 'T', disc: 1, track: 1 }], format: { preferred: ['mp3'] }, destination: 'x' },
      { idempotencyKey: 'cancel-test' },
    );
    await source().cancel(t.id);
    expect(emu.ticket(t.id)!.state).toBe('cancelled');
    await expect(source().cancel('tkt_unknown')).resolves.toBeUndefined();
  });
});

describe('tickets emulator', () => {
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${emu.url}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${emu.apiKey}`, 'Content-Type': 'application/json', ...init.headers },
    });
  const body = { artist: 'A', tracks: [{ title: 'T', track: 1, durationSec: 2 }], destination: 'd' };

  it('validates tickets with a JSON 400 naming the fields', async () => {
    const res = await api('/tickets', { method: 'POST', body: JSON.stringify({ artist: '', tracks: [], destination: '../x' }) });
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: { code: string; issues: Array<{ path: string }> } };
    expect(json.error.code).toBe('invalid_input');
    expect(json.error.issues.map((i) => i.path).sort()).toEqual(['artist', 'destination', 'tracks']);
    expect((await api('/tickets', { method: 'POST', body: '{oops' })).status).toBe(400);
  });

  it('wants the bearer token', async () => {
    const res = await fetch(`${emu.url}/tickets`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('returns the same ticket for a repeated Idempotency-Key', async () => {
    const post = () => api('/tickets', { method: 'POST', body: JSON.stringify(body), headers: { 'Idempotency-Key': 'k-1' } });
    const a = (await (await post()).json()) as { id: string };
    const res = await post();
    expect(res.status).toBe(200);
    expect(((await res.json()) as { id: string }).id).toBe(a.id);
  });

  it('lists by state with paging, serves Range requests, and refuses retry unless failed', async () => {
    const created = (await (await api('/tickets', { method: 'POST', body: JSON.stringify(body) })).json()) as { id: string };
    await waitFor(() => emu.ticket(created.id)?.state === 'completed', 'completion');

    const page = (await (await api('/tickets?state=completed&limit=1')).json()) as { items: unknown[]; total: number };
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThanOrEqual(1);
    expect((await api('/tickets?state=bogus')).status).toBe(400);

    const size = (await stat(emu.filePath(created.id, 0)!)).size;
    const part = await api(`/tickets/${created.id}/files/0`, { headers: { Range: 'bytes=10-19' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 10-19/${size}`);
    expect((await part.arrayBuffer()).byteLength).toBe(10);
    expect((await api(`/tickets/${created.id}/files/0`, { headers: { Range: `bytes=${size}-` } })).status).toBe(416);
    expect((await api(`/tickets/${created.id}/files/9`)).status).toBe(404);

    const client = new TicketsClient({ baseUrl: emu.url, token: emu.apiKey });
    const everyCompleted: string[] = [];
    for await (const t of client.listAll('completed', 1)) everyCompleted.push(t.id);
    expect(everyCompleted).toContain(created.id);
    expect(everyCompleted).toHaveLength(page.total);

    expect((await api(`/tickets/${created.id}/retry`, { method: 'POST' })).status).toBe(409);
    expect((await api('/tickets/tkt_nope')).status).toBe(404);
  });
});

// Filing a ticket is a POST: when its answer is lost after the service acted, or Cassette stops in between,
// the ticket is found again by the client reference stored before filing, and never filed twice.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateAudioFile } from '../../src/main/library';
import { pendingTicketRef, TicketsSource } from '../../src/main/sources';
import type { FetchContext, TrackWanted } from '../../src/main/base';
import { startTicketsEmulator, type TicketsEmulator, type TicketsEmulatorOptions } from '../emulators/tickets';

let emu: TicketsEmulator | undefined;
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cassette-tickets-safety-'));
});
afterEach(async () => {
  await emu?.close();
  emu = undefined;
  await rm(dir, { recursive: true, force: true });
});

const wanted: TrackWanted = { trackId: 42, title: 'Hey Jude', artist: 'The Beatles', album: 'Hey Jude', trackNumber: 1, durationSec: 3, externalIds: {} };

async function start(o: TicketsEmulatorOptions = {}): Promise<TicketsEmulator> {
  emu = await startTicketsEmulator({ defaults: { stepMs: 5, seconds: 3 }, ...o });
  await emu.prepare('flac', 3);
  return emu;
}

function context(externalRef?: string) {
  const refs: string[] = [];
  const ctx: FetchContext = {
    signal: new AbortController().signal,
    partPath: join(dir, '01 Hey Jude.flac.part'),
    onProgress: () => undefined,
    ...(externalRef ? { externalRef } : {}),
    setExternalRef: (r) => refs.push(r),
    validate: async (path, claim) => {
      await validateAudioFile(path, claim);
    },
    isQuarantined: () => false,
    quarantine: () => undefined,
  };
  return { ctx, refs };
}

const source = (e: TicketsEmulator) => new TicketsSource({ baseUrl: e.url, token: e.apiKey, pollMs: 5, stallMs: 5_000, backoffLimitMs: 20 });
const posts = (e: TicketsEmulator) => e.requests.filter((r) => r.method === 'POST' && r.path === '/tickets');

describe('a ticket whose filing answer is lost', () => {
  it.each([
    ['honours Idempotency-Key', true],
    ['ignores Idempotency-Key', false],
  ])('is looked up by its client reference, not filed twice (service %s)', async (_what, keys) => {
    const e = await start({ idempotencyKeys: keys });
    e.dropResponses(1, 'POST', /^\/tickets$/);
    const { ctx, refs } = context();
    const got = await source(e).fetch(wanted, ctx);
    expect(got.ext).toBe('flac');
    expect(e.tickets()).toHaveLength(1);
    expect(posts(e)).toHaveLength(1);
    const clientRef = (e.tickets()[0] as { request?: { clientRef?: string } }).request?.clientRef;
    expect(clientRef).toMatch(/^cassette-42-/);
    expect(e.requests.some((r) => r.method === 'GET' && r.path === '/tickets' && r.query.clientRef === clientRef)).toBe(true);
    // The client reference was stored before filing, the ticket id as soon as it was known.
    expect(refs).toEqual([pendingTicketRef(clientRef!), e.tickets()[0]!.id]);
  });

  it('a filing that never reached the service is sent again after the look-up finds nothing', async () => {
    const e = await start();
    e.failNext(1, 503);
    const got = await source(e).fetch(wanted, context().ctx);
    expect(got.ext).toBe('flac');
    expect(e.tickets()).toHaveLength(1);
    expect(posts(e)).toHaveLength(2);
  });
});

describe('stopped while filing (crash between POST and storing the ticket id)', () => {
  it('the next attempt follows the ticket it finds by the stored client reference', async () => {
    const e = await start();
    const res = await fetch(`${e.url}/tickets`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${e.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ artist: 'The Beatles', tracks: [{ title: 'Hey Jude', track: 1, durationSec: 3 }], destination: 'cassette/42', clientRef: 'cassette-42-crashed' }),
    });
    const filed = (await res.json()) as { id: string };
    const { ctx, refs } = context(pendingTicketRef('cassette-42-crashed'));
    const got = await source(e).fetch(wanted, ctx);
    expect(got.description).toContain(filed.id);
    expect(e.tickets()).toHaveLength(1);
    expect(refs).toEqual([filed.id]);
  });

  it('cancel() of a pending reference cancels the ticket it names, and shrugs when there is none', async () => {
    const e = await start({ defaults: { stepMs: 5, seconds: 3, requireApproval: true } });
    await fetch(`${e.url}/tickets`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${e.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ artist: 'A', tracks: [{ title: 'T', track: 1 }], destination: 'cassette/1', clientRef: 'cassette-1-x' }),
    });
    await source(e).cancel(pendingTicketRef('cassette-1-x'));
    expect(e.tickets()[0]?.state).toBe('cancelled');
    await expect(source(e).cancel(pendingTicketRef('cassette-1-nothing'))).resolves.toBeUndefined();
  });
});

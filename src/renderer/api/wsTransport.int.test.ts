// The WebSocket transport against the real headless host: calls, events, surviving a host restart, a refused token.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, pathsFor, silentLogger, type Core } from '../../main/core';
import { startHeadlessHost, type HeadlessHost } from '../../server/headlessHost';
import type { CatalogCounters } from '../../shared/contract';
import { createClient } from './createClient';
import type { ConnectionState } from './transport';
import { createWsTransport } from './wsTransport';

let dir: string;
let core: Core;
let host: HeadlessHost;
const TOKEN = 'transport-test-token';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cassette-ws-'));
  core = createCore({ paths: pathsFor(dir), logger: silentLogger }, { host: 'test', runQueue: false });
  host = await startHeadlessHost({ core, token: TOKEN, port: 0 });
});
afterAll(async () => {
  await host.close();
  await core.close();
  await rm(dir, { recursive: true, force: true });
});

const wsUrl = (token: string) => `${host.url.replace(/^http/, 'ws')}/rpc?token=${token}`;
const waitFor = async (ok: () => boolean, what: string) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!ok()) throw new Error(`timed out waiting for ${what}`);
};

describe('createWsTransport', () => {
  it('calls methods, receives events, and keeps its listeners across a host restart', async () => {
    const transport = createWsTransport({ url: wsUrl(TOKEN), WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket, baseDelayMs: 20, maxDelayMs: 100 });
    const client = createClient(transport);
    const states: ConnectionState[] = [];
    client.onConnectionChange((s) => states.push(s));
    const seen: CatalogCounters[] = [];
    client.on('catalog.status', (c) => seen.push(c));
    try {
      expect(await client.call('catalog.status')).toMatchObject({ ok: true, data: { songs: 0 } });

      const port = Number(new URL(host.url).port);
      await host.close();
      await waitFor(() => client.connectionState() === 'down', 'the transport to notice');
      const offline = await client.call('catalog.status');
      expect(offline.ok ? 'ok' : offline.error.code).toBe('unavailable');

      host = await startHeadlessHost({ core, token: TOKEN, port });
      await waitFor(() => client.connectionState() === 'open', 'the reconnect');
      core.catalog.upsertTrack({ title: 'Back Again', artist: { name: 'Band' } });
      core.events.catalogChanged();
      await waitFor(() => seen.some((c) => c.songs === 1), 'the event after reconnecting');
      expect(states[0]).toBe('open');
      expect(states).toContain('down');
      expect(states[states.length - 1]).toBe('open');
    } finally {
      client.close();
    }
  });

  it('reports a refused token as unauthorized instead of retrying', async () => {
    const transport = createWsTransport({
      url: wsUrl('wrong'),
      WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
      baseDelayMs: 20,
      probeAuthorized: async () => (await fetch(`${host.url}/status`, { headers: { authorization: 'Bearer wrong' } })).status !== 401,
    });
    try {
      await waitFor(() => transport.connectionState() === 'unauthorized', 'unauthorized');
    } finally {
      transport.close();
    }
  });
});

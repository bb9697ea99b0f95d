import { describe, expect, it } from 'vitest';
import { createClient } from './createClient';
import { createMemoryTransport } from './memoryTransport';

const counters = { songs: 3, artists: 1, albums: 1, missing: 1, queued: 1, downloading: 0, downloaded: 2, failed: 0 };

describe('createClient', () => {
  it('passes valid answers through and turns malformed ones into an error', async () => {
    let answer: unknown = counters;
    const transport = createMemoryTransport(() => ({ ok: true, data: answer }));
    const client = createClient(transport, () => {});
    expect(await client.call('catalog.status')).toEqual({ ok: true, data: counters });
    answer = { songs: 'three' };
    const bad = await client.call('catalog.status');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('internal');
  });

  it('keeps the host error code and message', async () => {
    const client = createClient(createMemoryTransport(() => ({ ok: false, error: { code: 'not_found', message: 'No queue item 9' } })));
    expect(await client.call('queue.cancel', { id: 9 })).toEqual({ ok: false, error: { code: 'not_found', message: 'No queue item 9' } });
  });

  it('delivers valid events and drops malformed ones', () => {
    const transport = createMemoryTransport(() => ({ ok: true, data: null }));
    const warnings: string[] = [];
    const client = createClient(transport, (m) => warnings.push(m));
    const seen: number[] = [];
    const off = client.on('catalog.status', (c) => seen.push(c.missing));
    transport.emit('catalog.status', counters);
    (transport.emit as (e: string, p: unknown) => void)('catalog.status', { missing: 'lots' });
    off();
    transport.emit('catalog.status', { ...counters, missing: 5 });
    expect(seen).toEqual([1]);
    expect(warnings).toHaveLength(1);
  });

  it('answers "unavailable" while the transport is down', async () => {
    const transport = createMemoryTransport(() => ({ ok: true, data: counters }), 'down');
    const result = await createClient(transport).call('catalog.status');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('unavailable');
  });
});

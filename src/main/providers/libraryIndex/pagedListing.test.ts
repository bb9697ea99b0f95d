import { describe, expect, it } from 'vitest';
import { pagedListing, type ListingPage } from './pagedListing';

/** A listing of `total` numbers served with a page cap; records every request and how many were open at once. */
function server(total: number, cap: (start: number) => number = () => Number.MAX_SAFE_INTEGER) {
  const requests: [number, number][] = [];
  const signals: AbortSignal[] = [];
  let open = 0;
  let maxOpen = 0;
  const fetchPage = async (start: number, size: number, signal: AbortSignal): Promise<ListingPage<number>> => {
    requests.push([start, size]);
    signals.push(signal);
    open++;
    maxOpen = Math.max(maxOpen, open);
    await new Promise((r) => setTimeout(r, 1));
    open--;
    const n = Math.max(0, Math.min(size, cap(start), total - start));
    return { items: Array.from({ length: n }, (_, i) => start + i), total };
  };
  return { fetchPage, requests, signals, maxOpen: () => maxOpen };
}

async function collect(pages: AsyncIterable<number[]>): Promise<number[]> {
  const out: number[] = [];
  for await (const p of pages) out.push(...p);
  return out;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('pagedListing', () => {
  it('reads every item once, in order, with the pages ahead in flight', async () => {
    const s = server(1_050);
    expect(await collect(pagedListing(s.fetchPage, { size: 100, inFlight: 3, signal: undefined }))).toEqual(range(1_050));
    expect(s.requests.map(([start]) => start)).toEqual(range(11).map((i) => i * 100));
    expect(s.maxOpen()).toBe(3);
  });

  it('one in flight is strictly one page after another', async () => {
    const s = server(500);
    expect(await collect(pagedListing(s.fetchPage, { size: 100, inFlight: 1 }))).toEqual(range(500));
    expect(s.maxOpen()).toBe(1);
  });

  it('pages the size the server hands out when it caps what was asked', async () => {
    const s = server(330, () => 60);
    expect(await collect(pagedListing(s.fetchPage, { size: 100, inFlight: 2 }))).toEqual(range(330));
    expect(s.requests.slice(1).every(([, size]) => size === 60)).toBe(true);
  });

  it('a page shorter than the others before the end loses and repeats nothing', async () => {
    const s = server(1_000, (start) => (start === 300 ? 40 : 100));
    expect(await collect(pagedListing(s.fetchPage, { size: 100, inFlight: 3 }))).toEqual(range(1_000));
    expect(s.requests.map(([start]) => start)).toContain(340);
  });

  it('a reader that stops early aborts the requests still out', async () => {
    const s = server(10_000);
    for await (const page of pagedListing(s.fetchPage, { size: 100, inFlight: 3 })) {
      if (page[0] === 200) break;
    }
    expect(s.signals.at(-1)?.aborted).toBe(true);
  });

  it('a failed page fails the listing; the pages ahead of it leave no unhandled rejection', async () => {
    const fetchPage = async (start: number): Promise<ListingPage<number>> => {
      await new Promise((r) => setTimeout(r, start === 100 ? 5 : 1));
      if (start >= 100) throw new Error(`page at ${start} failed`);
      return { items: range(100), total: 1_000 };
    };
    await expect(collect(pagedListing(fetchPage, { size: 100, inFlight: 3 }))).rejects.toThrow('page at 100 failed');
    await new Promise((r) => setTimeout(r, 20));
  });

  it('an empty listing is one request', async () => {
    const s = server(0);
    expect(await collect(pagedListing(s.fetchPage, { size: 100, inFlight: 3 }))).toEqual([]);
    expect(s.requests).toHaveLength(1);
  });
});

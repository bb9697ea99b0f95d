// A server's listing read page by page with a few pages in flight: while one page is parsed the next ones are
// already being produced and sent, so a large library costs about the server's time and the client's, not
// their sum plus one round trip per page. Pages are yielded in order. The page size is what the first answer
// held (servers may cap what was asked); when a page comes back shorter than that before the end, the requests
// after it no longer line up, so they are dropped and the listing goes on from where the short page ended.
export interface ListingPage<T> {
  items: T[];
  /** The listing's total length as the server reported it with this page. */
  total: number;
}

export interface PagedListingOptions {
  /** Items per page to ask for. */
  size: number;
  /** Pages requested ahead of the one being read (1 = strictly one after another). */
  inFlight: number;
  signal?: AbortSignal;
}

export async function* pagedListing<T>(
  fetchPage: (start: number, size: number, signal: AbortSignal) => Promise<ListingPage<T>>,
  { size, inFlight, signal }: PagedListingOptions,
): AsyncGenerator<T[]> {
  // Requests still out when the reader stops (an error, a cancel, a break) are aborted, never left running.
  const controller = new AbortController();
  const forward = () => controller.abort(signal?.reason);
  if (signal?.aborted) forward();
  signal?.addEventListener('abort', forward, { once: true });
  try {
    const first = await fetchPage(0, size, controller.signal);
    yield first.items;
    const step = first.items.length;
    let total = first.total;
    let pos = step;
    let next = step;
    const ahead: { start: number; page: Promise<ListingPage<T>> }[] = [];
    while (step > 0 && pos < total) {
      while (ahead.length < Math.max(1, inFlight) && next < total) {
        const page = fetchPage(next, step, controller.signal);
        page.catch(() => undefined); // awaited below in order; a dropped request's failure is nobody's
        ahead.push({ start: next, page });
        next += step;
      }
      const head = ahead.shift();
      if (!head) break;
      const page = await head.page;
      total = page.total;
      yield page.items;
      if (page.items.length === 0) break;
      pos = head.start + page.items.length;
      if (page.items.length < step && pos < total) {
        ahead.length = 0;
        next = pos;
      }
    }
  } finally {
    signal?.removeEventListener('abort', forward);
    controller.abort();
  }
}

// The URL the router sees. A fragment is never part of a request, and dot segments (`/./`, `/../`, `%2e`) are
// resolved the way a browser would, so `/v1/../status` is routed — and authorised — as `/status`. Percent-decoding,
// case and trailing slashes are the router's job (routerOptions); authorisation follows the matched route.

const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)/i;

export function canonicalUrl(raw: string): string {
  let url = raw;
  const hash = url.indexOf('#');
  if (hash >= 0) url = url.slice(0, hash);
  // Absolute-form request targets (`GET http://host/status`) route by their path.
  if (/^https?:\/\//i.test(url)) {
    try {
      const u = new URL(url);
      url = `${u.pathname}${u.search}`;
    } catch {
      return url;
    }
  }
  const q = url.indexOf('?');
  const path = q >= 0 ? url.slice(0, q) : url;
  const query = q >= 0 ? url.slice(q) : '';
  if (!path.startsWith('/') || !DOT_SEGMENT.test(path)) return url;
  try {
    return `${new URL(`http://host${path}`).pathname}${query}`;
  } catch {
    return url;
  }
}

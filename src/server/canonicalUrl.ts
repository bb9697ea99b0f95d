// The URL the router sees. A fragment is never part of a request, `;params` in a path segment carry nothing
// Cassette uses, and dot segments (`/./`, `/../`, `%2e`) are resolved the way a browser would, so `/status#x`,
// `/status;x` and `/v1/../status` are routed — and authorised — as `/status`. Percent-decoding, case and trailing
// slashes are the router's job (routerOptions); authorisation follows the matched route.

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
  let path = q >= 0 ? url.slice(0, q) : url;
  const query = q >= 0 ? url.slice(q) : '';
  if (!path.startsWith('/')) return url;
  path = path.replace(/;[^/]*/g, '');
  if (!DOT_SEGMENT.test(path)) return `${path}${query}`;
  try {
    return `${new URL(`http://host${path}`).pathname}${query}`;
  } catch {
    return `${path}${query}`;
  }
}

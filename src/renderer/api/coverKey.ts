// The headless host's cover key: <img> tags cannot send the access token as a header, and the token must not go
// into URLs, so it is traded here (as a header, like every other request) for a key that opens only cover images.
import { coverKeySchema, type CoverKey } from '../../shared/coverUrl';

export async function fetchCoverKey(fetchImpl: typeof fetch, token: string): Promise<CoverKey> {
  const res = await fetchImpl('/v1/covers/key', { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' });
  if (!res.ok) throw new Error(`Cassette refused the cover key (HTTP ${res.status})`);
  return coverKeySchema.parse(await res.json());
}

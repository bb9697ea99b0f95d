// The headless host hands the browser its token in the URL fragment (never sent to servers). We keep it for
// this tab in sessionStorage and take it out of the address bar so it is not bookmarked, shared or screenshotted.
const KEY = 'cassette.token';

export interface TokenLocation {
  hash: string;
  pathname: string;
  search: string;
}

export function takeAccessToken(
  location: TokenLocation,
  storage: Pick<Storage, 'getItem' | 'setItem'>,
  replaceUrl: (url: string) => void,
): string | undefined {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromUrl = fragment.get('token');
  if (fromUrl) {
    storage.setItem(KEY, fromUrl);
    replaceUrl(location.pathname + location.search);
    return fromUrl;
  }
  return storage.getItem(KEY) ?? undefined;
}

// Serves the built renderer from app://cassette/ with a strict CSP, never from file://, and the Library's album
// covers at app://cassette/v1/covers/... (the same paths the headless host serves).
import { net, protocol } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { coverResponse, isCoverRequest, type CoverSource } from './coverResponse';
import { CONTENT_SECURITY_POLICY } from './security';

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export function serveRenderer(rendererDir: string, covers: CoverSource): void {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    const { pathname } = url;
    if (isCoverRequest(pathname)) return coverResponse(url, request.headers.get('if-none-match'), covers);
    const file = normalize(join(rendererDir, decodeURIComponent(pathname)));
    if (!file.startsWith(rendererDir + sep)) return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    return new Response(res.body, { status: res.status, headers });
  });
}

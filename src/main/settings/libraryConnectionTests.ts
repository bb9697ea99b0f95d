// "Test connection" for the library servers the owned-check mirrors: one real request through the real connector
// (Plex: the music sections; Jellyfin: System/Info; Subsonic: ping with token auth), said the way the user fixes it.
import type { ConnectionTestDto } from '../../shared/contract';
import { AppError } from '../../shared/result';
import { HttpParseError, HttpStatusError } from '../net';
import { JellyfinConnector, LibraryUnreachableError, PlexConnector, SubsonicConnector } from '../providers';
import type { TestOptions } from './connectionTests';

export type LibraryServerTestInput =
  | { service: 'plex'; url?: string; token?: string }
  | { service: 'jellyfin'; url?: string; apiKey?: string }
  | { service: 'subsonic'; url?: string; user?: string; password?: string };

const LABEL = { plex: 'Plex', jellyfin: 'Jellyfin', subsonic: 'the Subsonic server' } as const;
/** A refused credential, said for the Settings page (where it was typed) and for the environment (where it may be set). */
const REFUSED = {
  plex: (url: string) => `Plex at ${url} refused the token: check the Plex token (or PLEX_TOKEN).`,
  jellyfin: (url: string) => `Jellyfin at ${url} refused the API key: check the Jellyfin API key (or JELLYFIN_API_KEY).`,
  subsonic: (url: string) => `The Subsonic server at ${url} refused the user name or password: check both (or SUBSONIC_USER and SUBSONIC_PASSWORD).`,
} as const;
const fail = (problem: NonNullable<ConnectionTestDto['problem']>, message: string): ConnectionTestDto => ({ ok: false, problem, message, detail: null });

export async function testLibraryServer(input: LibraryServerTestInput, options: TestOptions = {}): Promise<ConnectionTestDto> {
  const name = LABEL[input.service];
  if (!input.url) return fail('not_configured', `Enter the address of ${name}.`);
  const timeoutMs = options.timeoutMs ?? 5_000;
  try {
    switch (input.service) {
      case 'plex': {
        if (!input.token) return fail('not_configured', 'Enter a Plex token (X-Plex-Token).');
        const sections = await new PlexConnector({ url: input.url, token: input.token, timeoutMs }).musicSections();
        if (sections.length === 0) return fail('not_configured', `Plex at ${input.url} answered but has no music library: add one in Plex first.`);
        return { ok: true, problem: null, message: `Connected to Plex: music ${sections.length === 1 ? 'library' : 'libraries'} ${sections.map((s) => `"${s.title}"`).join(', ')}.`, detail: 'Plex' };
      }
      case 'jellyfin': {
        if (!input.apiKey) return fail('not_configured', 'Enter a Jellyfin API key (Dashboard → API Keys).');
        const info = await new JellyfinConnector({ url: input.url, apiKey: input.apiKey, timeoutMs }).info();
        return { ok: true, problem: null, message: `Connected to Jellyfin ${info.Version}${info.ServerName ? ` (${info.ServerName})` : ''}.`, detail: `Jellyfin ${info.Version}` };
      }
      case 'subsonic': {
        if (!input.user || !input.password) return fail('not_configured', 'Enter the Subsonic user name and password.');
        const version = await new SubsonicConnector({ url: input.url, user: input.user, password: input.password, timeoutMs }).ping();
        return { ok: true, problem: null, message: `Connected to the Subsonic server as ${input.user}${version ? ` (API ${version})` : ''}.`, detail: version ? `Subsonic API ${version}` : null };
      }
    }
  } catch (e) {
    if (e instanceof LibraryUnreachableError) return fail('unreachable', `Cannot reach ${name} at ${input.url}: ${e.reason}.`);
    if (e instanceof AppError && e.code === 'auth_required') return fail('bad_key', REFUSED[input.service](input.url));
    if (e instanceof HttpStatusError) return fail(e.status === 404 ? 'wrong_version' : 'unreachable', `${name} at ${input.url} answered HTTP ${e.status}: is this ${name}?`);
    if (e instanceof HttpParseError) return fail('wrong_version', `${input.url} does not answer like ${name}: ${e.message}`);
    if (e instanceof AppError) return fail('unreachable', e.message);
    throw e;
  }
}

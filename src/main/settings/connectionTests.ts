// "Test connection" for each service: one real request through the real client, and an answer that says exactly
// what is wrong — unreachable, bad key, wrong version, a downloads folder this machine cannot see — so the user
// can act on it. Secrets never appear in the messages.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import type { ConnectionTestDto } from '../../shared/contract';
import { HttpParseError, HttpStatusError } from '../net';
import { SlskdClient } from '../sources';
import { TicketsClient } from '../sources';

/** Cassette follows slskd 0.22's API (GUID-addressed transfers, stored search responses); older ones are refused. */
export const MIN_SLSKD_VERSION = '0.22.0';

export interface TestOptions {
  /** Per-request timeout; a test should answer quickly, not retry for a minute. */
  timeoutMs?: number;
}

const ok = (message: string, detail: string | null = null): ConnectionTestDto => ({ ok: true, problem: null, message, detail });
const fail = (problem: NonNullable<ConnectionTestDto['problem']>, message: string, detail: string | null = null): ConnectionTestDto => ({
  ok: false, problem, message, detail,
});

/** Compares dotted versions numerically: -1, 0 or 1. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/).map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split(/[.+-]/).map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

function networkCause(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (e as { code?: string }).code;
  if (code === 'ECONNREFUSED') return 'nothing is listening there (connection refused)';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name does not resolve';
  if (code === 'ECONNRESET') return 'the connection was reset';
  if (e instanceof Error && /timed out/i.test(e.message)) return 'it did not answer in time';
  return cause?.message ?? (e instanceof Error ? e.message : String(e));
}

/** Folder checks shared by every section: it exists, is a folder, and (when asked) this process can write there. */
export async function testFolder(path: string | undefined, what: string, needWrite: boolean): Promise<ConnectionTestDto> {
  if (!path) return fail('not_configured', `No ${what} is set.`);
  const st = await stat(path).catch(() => null);
  if (!st) return fail('folder_not_visible', `The ${what} ${path} does not exist on the machine running Cassette.`);
  if (!st.isDirectory()) return fail('folder_not_visible', `The ${what} ${path} is a file, not a folder.`);
  try {
    await access(path, needWrite ? constants.R_OK | constants.W_OK : constants.R_OK);
  } catch {
    return fail('not_writable', `Cassette cannot ${needWrite ? 'write to' : 'read'} the ${what} ${path}: check its permissions.`);
  }
  return ok(`The ${what} ${path} is ${needWrite ? 'writable' : 'readable'}.`);
}

export interface SlskdTestInput {
  url?: string;
  apiKey?: string;
  downloadsDir?: string;
}

export async function testSlskd(input: SlskdTestInput, options: TestOptions = {}): Promise<ConnectionTestDto> {
  if (!input.url) return fail('not_configured', 'Enter the address of slskd, e.g. http://localhost:5030.');
  if (!input.apiKey) return fail('not_configured', 'Enter an slskd API key (slskd settings → API keys, read-write).');
  const client = new SlskdClient({ baseUrl: input.url, apiKey: input.apiKey, http: { timeoutMs: options.timeoutMs ?? 5_000, retries: 0 } });
  let version: string | undefined;
  let serverState: string | undefined;
  let loggedIn: boolean | undefined;
  try {
    const app = await client.application();
    version = app.version?.current ?? app.version?.full;
    serverState = app.server?.state;
    loggedIn = app.server?.isLoggedIn;
  } catch (e) {
    if (e instanceof HttpStatusError) {
      if (e.status === 401 || e.status === 403) return fail('bad_key', `slskd at ${input.url} refused the API key (HTTP ${e.status}): copy a read-write key from slskd's settings.`);
      if (e.status === 404) return fail('wrong_version', `${input.url} answered but has no slskd API (/api/v0/application not found): is this slskd, and 0.22 or newer?`);
      return fail('unreachable', `slskd at ${input.url} answered HTTP ${e.status}.`);
    }
    if (e instanceof HttpParseError) return fail('wrong_version', `${input.url} does not answer like slskd: ${e.message}`);
    return fail('unreachable', `Cannot reach slskd at ${input.url}: ${networkCause(e)}.`);
  }
  if (!version) return fail('wrong_version', `${input.url} did not report an slskd version.`);
  if (compareVersions(version, MIN_SLSKD_VERSION) < 0) {
    return fail('wrong_version', `slskd ${version} is too old: Cassette needs ${MIN_SLSKD_VERSION} or newer.`, `slskd ${version}`);
  }
  const folder = await testFolder(input.downloadsDir, "slskd downloads folder", false);
  if (!folder.ok) {
    return {
      ...folder,
      problem: folder.problem === 'not_configured' ? 'not_configured' : 'folder_not_visible',
      message: `${folder.message} Cassette picks up finished downloads there, so it must be slskd's downloads folder as seen from this machine (a shared or mounted folder).`,
      detail: `slskd ${version}`,
    };
  }
  if (loggedIn === false) {
    return fail('not_connected', `slskd ${version} is running but not logged in to Soulseek (${serverState ?? 'disconnected'}): check its Soulseek username and password.`, `slskd ${version}`);
  }
  return ok(`Connected to slskd ${version}; downloads folder ${input.downloadsDir} is visible.`, `slskd ${version}`);
}

export interface TicketsTestInput {
  url?: string;
  token?: string;
}

export async function testTickets(input: TicketsTestInput, options: TestOptions = {}): Promise<ConnectionTestDto> {
  if (!input.url) return fail('not_configured', 'Enter the address of the ticket service.');
  if (!input.token) return fail('not_configured', 'Enter the ticket service token.');
  const client = new TicketsClient({ baseUrl: input.url, token: input.token, timeoutMs: options.timeoutMs ?? 5_000, retries: 0 });
  try {
    const page = await client.list({ limit: 1 });
    return ok(`Connected to the ticket service at ${input.url} (${page.total} ${page.total === 1 ? 'ticket' : 'tickets'}).`);
  } catch (e) {
    if (e instanceof HttpStatusError) {
      if (e.status === 401 || e.status === 403) return fail('bad_key', `The ticket service at ${input.url} refused the token (HTTP ${e.status}).`);
      if (e.status === 404 || e.status === 405) return fail('wrong_version', `${input.url} answered but has no /tickets API: is this the ticket service?`);
      return fail('unreachable', `The ticket service at ${input.url} answered HTTP ${e.status}.`);
    }
    if (e instanceof HttpParseError) return fail('wrong_version', `${input.url} does not answer like the ticket service: ${e.message}`);
    return fail('unreachable', `Cannot reach the ticket service at ${input.url}: ${networkCause(e)}.`);
  }
}

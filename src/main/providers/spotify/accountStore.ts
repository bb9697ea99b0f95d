// The signed-in Spotify accounts, each under a name the user chose ("main", "new", ...). Tokens and the account
// list live in the SecretStore only (safeStorage in the app, the 0600 file headless) — never logs, argv or the
// renderer; `listAccounts` hands out names and ids, never tokens.
import { z } from 'zod';
import type { SecretStore } from '../../base';

export const DEFAULT_ACCOUNT = 'main';
const INDEX_KEY = 'spotify.accounts';
const accountKey = (name: string) => `spotify.account.${name}`;

const storedSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  accessToken: z.string(),
  /** Epoch ms after which the access token is treated as expired (a minute before Spotify's expiry). */
  expiresAt: z.number(),
  refreshToken: z.string(),
  scope: z.string(),
  /** When the user consented: refresh tokens die 6 months later, so scheduled runs warn well before. */
  consentedAt: z.number(),
});
export type StoredAccount = z.infer<typeof storedSchema>;

export interface AccountSummary {
  account: string;
  userId: string;
  displayName: string;
  consentedAt: number;
}

const indexSchema = z.array(z.string());
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

export function isValidAccountName(name: string): boolean {
  return NAME.test(name);
}

export class SpotifyAccountStore {
  constructor(private readonly secrets: SecretStore) {}

  async names(): Promise<string[]> {
    const raw = await this.secrets.get(INDEX_KEY);
    if (!raw) return [];
    const parsed = indexSchema.safeParse(safeJson(raw));
    return parsed.success ? parsed.data : [];
  }

  async get(name: string): Promise<StoredAccount | undefined> {
    const raw = await this.secrets.get(accountKey(name));
    if (!raw) return undefined;
    const parsed = storedSchema.safeParse(safeJson(raw));
    return parsed.success ? parsed.data : undefined;
  }

  async save(name: string, account: StoredAccount): Promise<void> {
    await this.secrets.set(accountKey(name), JSON.stringify(storedSchema.parse(account)));
    const names = await this.names();
    if (!names.includes(name)) await this.secrets.set(INDEX_KEY, JSON.stringify([...names, name]));
  }

  async remove(name: string): Promise<boolean> {
    const had = (await this.get(name)) !== undefined;
    await this.secrets.delete(accountKey(name));
    const names = await this.names();
    if (names.includes(name)) await this.secrets.set(INDEX_KEY, JSON.stringify(names.filter((n) => n !== name)));
    return had;
  }

  async list(): Promise<AccountSummary[]> {
    const out: AccountSummary[] = [];
    for (const account of await this.names()) {
      const a = await this.get(account);
      if (a) out.push({ account, userId: a.userId, displayName: a.displayName, consentedAt: a.consentedAt });
    }
    return out;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// Pure parsing of the Qobuz web player: the login page names the bundle; the bundle holds app_id, signing
// secret candidates and the OAuth private key. No I/O here (discovery.ts fetches and caches).
import { QobuzError } from './qobuzError';

export interface QobuzBundleRef {
  /** Path of the bundle script on the web player, e.g. /resources/7.1.2-b011/bundle.js */
  path: string;
  /** The bundle version, e.g. 7.1.2-b011; a change means the secrets may have changed. */
  version: string;
}

export interface QobuzBundleSecrets {
  appId: string;
  /** Signing secret candidates, the live one (second seed) first. */
  secrets: string[];
  /** Only needed for OAuth login. */
  privateKey?: string;
}

export interface QobuzWebPlayerInfo extends QobuzBundleSecrets {
  version: string;
}

const BUNDLE_SCRIPT = /<script[^>]*\ssrc="(\/resources\/(\d+\.\d+\.\d+-[a-z]\d{3})\/bundle\.js)"/;
const APP_ID = /production:\{api:\{appId:"(\d{9})",appSecret:"\w{32}"/;
const SEED = /[a-z]\.initialSeed\("([\w=]+)",window\.utimezone\.([a-z]+)\)/g;
const PRIVATE_KEY = /privateKey:\s*"([A-Za-z0-9]{6,30})"/;
/** The concatenated base64 carries 44 characters of padding-noise at its end. */
const NOISE_CHARS = 44;

export function findBundleScript(loginHtml: string): QobuzBundleRef {
  const m = BUNDLE_SCRIPT.exec(loginHtml);
  if (!m?.[1] || !m[2]) {
    throw new QobuzError('discovery_failed', 'Could not find the bundle script on the Qobuz web player login page; its layout may have changed.');
  }
  return { path: m[1], version: m[2] };
}

export function parseQobuzBundle(bundleJs: string): QobuzBundleSecrets {
  const appId = APP_ID.exec(bundleJs)?.[1];
  if (!appId) throw new QobuzError('discovery_failed', 'Could not find the app_id in the Qobuz web player bundle.');

  // Insertion order of timezones, then the second pair moved to the front: the player's ternaries pick it.
  const seeds = new Map<string, string>();
  for (const m of bundleJs.matchAll(SEED)) {
    const [, seed, tz] = m;
    if (seed && tz && !seeds.has(tz)) seeds.set(tz, seed);
  }
  const order = [...seeds.keys()];
  if (order.length > 1) order.unshift(...order.splice(1, 1));

  const parts = new Map<string, string>(order.map((tz) => [tz, seeds.get(tz) ?? '']));
  if (order.length) {
    const names = order.map(capitalise).join('|');
    const infoExtras = new RegExp(`name:"\\w+/(${names})",info:"([\\w=]+)",extras:"([\\w=]+)"`, 'g');
    for (const m of bundleJs.matchAll(infoExtras)) {
      const [, tz, info, extras] = m;
      const key = tz?.toLowerCase();
      if (key && parts.has(key)) parts.set(key, `${parts.get(key)}${info}${extras}`);
    }
  }

  const secrets: string[] = [];
  for (const tz of order) {
    const joined = parts.get(tz) ?? '';
    if (joined.length <= NOISE_CHARS) continue;
    const secret = Buffer.from(joined.slice(0, -NOISE_CHARS), 'base64').toString('utf8');
    if (secret && !secrets.includes(secret)) secrets.push(secret);
  }
  if (!secrets.length) throw new QobuzError('discovery_failed', 'Could not derive any signing secret from the Qobuz web player bundle.');

  const privateKey = PRIVATE_KEY.exec(bundleJs)?.[1];
  return privateKey ? { appId, secrets, privateKey } : { appId, secrets };
}

export function parseQobuzWebPlayer(loginHtml: string, bundleJs: string): QobuzWebPlayerInfo {
  return { version: findBundleScript(loginHtml).version, ...parseQobuzBundle(bundleJs) };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

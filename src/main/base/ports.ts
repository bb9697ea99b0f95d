// Capabilities that differ per host (Electron, headless, tests) are injected as these small ports.
import type { EventName, EventPayload } from '../../shared/contract';

export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };

export interface Paths {
  dataDir: string;
  configDir: string;
  cacheDir: string;
}

/** Secrets (tokens, API keys) by name. Electron: safeStorage; headless: a 0600 file. */
export interface SecretStore {
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

export interface Notifier {
  /** Tray tooltip / taskbar progress over the queue and the playlist runs: fraction 0..1, or null when idle. */
  progress(fraction: number | null, summary: string): void;
  /** A desktop notification (a playlist run ended); each run's end is sent once. */
  notify(title: string, body: string): void;
}
export const silentNotifier: Notifier = { progress: () => {}, notify: () => {} };
/** A host without a desktop (the headless host): a notification is one log line; progress is the page's job. */
export function logNotifier(logger: Logger): Notifier {
  return { progress: () => {}, notify: (title, body) => logger.info(`${title} — ${body}`) };
}

export type OpenExternal = (url: string) => Promise<void>;

export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}
export const consoleLogger: Logger = {
  info: (m) => console.error(`[cassette] ${m}`),
  warn: (m) => console.error(`[cassette] warning: ${m}`),
  error: (m) => console.error(`[cassette] error: ${m}`),
};
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** The core's event stream as flows and domains see it; `core/EventHub` implements it (coalescing bursts). */
export interface CoreEvents {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** The catalog changed: the counters are pushed to every client (coalesced). */
  catalogChanged(): void;
}

/** Shows a file in the system file manager (Electron: shell.showItemInFolder). Absent on headless hosts. */
export type RevealInFolder = (path: string) => Promise<void>;

// The Qobuz download source as the sync runs it: at most 4 simultaneous CDN connections, however many queue jobs
// run. A job takes a connection once it holds a signed file URL (so the URL request's round trip overlaps other
// transfers) and gives it back as soon as the bytes are in, while the queue validates (a full decode) and tags the
// file. With a few more job slots than connections, the 4 transfers never wait for a finished file's checks.
// A URL that expires while its job waits is replaced on the retry, as after any CDN refusal.
import { QobuzSource } from './qobuzSource';
import type { QobuzFileUrlSource, QobuzTransferOptions } from './downloader';
import { DownloadError, type DownloadSource, type FetchContext, type FetchedFile, type TrackWanted } from '../../base';

export const QOBUZ_CONNECTIONS = 4;
/** Queue jobs for Qobuz: the connections plus as many again checking and tagging finished files. */
export const QOBUZ_JOB_SLOTS = 2 * QOBUZ_CONNECTIONS;

export interface LimitedQobuzSourceOptions {
  client: QobuzFileUrlSource;
  transfer?: QobuzTransferOptions;
  ffmpegPath?: string;
  connections?: number;
}

export class LimitedQobuzSource implements DownloadSource {
  readonly id = 'qobuz' as const;
  private readonly permits: Permits;

  constructor(private readonly o: LimitedQobuzSourceOptions) {
    this.permits = new Permits(o.connections ?? QOBUZ_CONNECTIONS);
  }

  async fetch(track: TrackWanted, ctx: FetchContext): Promise<FetchedFile> {
    let release: (() => void) | undefined;
    const client: QobuzFileUrlSource = {
      getFileUrl: async (trackId, formatId, intent) => {
        const url = await this.o.client.getFileUrl(trackId, formatId, intent);
        if (!release) {
          if (!this.permits.available) ctx.onProgress({ bytesDownloaded: 0, detail: 'Waiting for a free Qobuz connection' });
          release = await this.permits.acquire(ctx.signal);
        }
        return url;
      },
    };
    const source = new QobuzSource({ client, transfer: this.o.transfer, ffmpegPath: this.o.ffmpegPath });
    try {
      return await source.fetch(track, {
        ...ctx,
        // The source validates once the bytes are in: the connection is free from here on.
        validate: (path, claim) => {
          release?.();
          return ctx.validate(path, claim);
        },
      });
    } finally {
      release?.();
    }
  }
}

/** A counting semaphore with FIFO waiters; a waiter whose job is aborted leaves the line. */
class Permits {
  private readonly waiting: { grant(): void }[] = [];

  constructor(private free: number) {}

  get available(): boolean {
    return this.free > 0;
  }

  acquire(signal: AbortSignal): Promise<() => void> {
    const release = once(() => {
      const next = this.waiting.shift();
      if (next) next.grant();
      else this.free++;
    });
    if (this.free > 0) {
      this.free--;
      return Promise.resolve(release);
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const i = this.waiting.indexOf(waiter);
        if (i !== -1) this.waiting.splice(i, 1);
        reject(new DownloadError('cancelled', 'Download cancelled.'));
      };
      const waiter = {
        grant: () => {
          signal.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}

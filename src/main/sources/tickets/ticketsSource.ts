// The ticket-based download service as a DownloadSource: one ticket per wanted track, polled until it completes,
// replaced when it stalls, resumed after a crash from its id, and its file streamed into the `.part` file.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DownloadError,
  isInterruption,
  type DownloadSource,
  type FetchContext,
  type FetchedFile,
  type TrackWanted,
} from '../../base';
import { discardPart, HttpParseError, HttpStatusError, streamToPart } from '../../net';
import { downloadErrorFromFailure, downloadErrorFromRequest } from './ticketDownloadError';
import { TicketsClient } from './ticketsClient';
import { ticketsConfigSchema, type TicketsConfig, type TicketsConfigInput } from './ticketsConfig';
import type { NewTicket, Ticket, TicketFailure, TicketFile } from './ticketSchemas';

type WatchOutcome =
  | { kind: 'completed'; ticket: Ticket }
  | { kind: 'failed'; failure: TicketFailure }
  | { kind: 'cancelled' }
  | { kind: 'stalled' }
  | { kind: 'vanished' };

/** Per-fetch bookkeeping: which tickets were used, and which one is live now. */
interface FetchRun {
  tried: string[];
  current?: string;
}

/**
 * The external reference while a ticket is being filed: our client reference, stored before the POST so that a
 * crash or a lost answer finds the ticket again instead of filing a second one. Replaced by the ticket id.
 */
const PENDING = 'pending:';
export const pendingTicketRef = (clientRef: string): string => `${PENDING}${clientRef}`;
const clientRefOf = (externalRef: string): string | undefined =>
  externalRef.startsWith(PENDING) ? externalRef.slice(PENDING.length) : undefined;
/** Filing attempts of one ticket whose answers were lost. */
const CREATE_ATTEMPTS = 3;

/** Quarantine key of a ticket whose file proved bad: never resumed again. */
export const ticketQuarantineKey = (ticketId: string): string => `ticket:${ticketId}`;

/** "ticket downloading 45%", "ticket needs approval": what a queue row shows while the service works. */
export function describeTicket(t: Pick<Ticket, 'state' | 'progress'>): string {
  const pct = t.state === 'downloading' && t.progress !== undefined ? ` ${Math.round(t.progress * 100)}%` : '';
  return `ticket ${t.state.replace(/_/g, ' ')}${pct}`;
}

export class TicketsSource implements DownloadSource {
  readonly id = 'tickets' as const;
  /** The next attempt resumes the same ticket's file with a Range request from the part file's length. */
  readonly resumesPartFiles = true;
  readonly config: TicketsConfig;
  readonly client: TicketsClient;

  constructor(config: TicketsConfigInput) {
    this.config = ticketsConfigSchema.parse(config);
    this.client = new TicketsClient({
      baseUrl: this.config.baseUrl,
      token: this.config.token,
      timeoutMs: this.config.requestTimeoutMs,
      retries: this.config.retries,
      backoffLimitMs: this.config.backoffLimitMs,
    });
  }

  async fetch(track: TrackWanted, ctx: FetchContext): Promise<FetchedFile> {
    const run: FetchRun = { tried: [] };
    try {
      ctx.signal.throwIfAborted();
      let ticket = (await this.resume(ctx, run)) ?? (await this.open(track, ctx, run));
      for (;;) {
        const outcome = await this.watch(ticket, ctx);
        switch (outcome.kind) {
          case 'completed':
            return await this.download(track, outcome.ticket, ctx, run);
          case 'failed':
            throw downloadErrorFromFailure(ticket.id, outcome.failure, run.tried);
          case 'cancelled':
            throw new DownloadError('cancelled', `Ticket ${ticket.id} was cancelled on the ticket service.`, run.tried);
          case 'stalled':
          case 'vanished':
            await this.client.cancel(ticket.id).catch(() => undefined);
            if (run.tried.length >= this.config.maxTickets) {
              throw new DownloadError(
                'timeout',
                `The ticket service made no progress on ${run.tried.length} ticket(s) in a row ` +
                  `(each quiet for ${Math.round(this.config.stallMs / 1000)} s); will try again later.`,
                run.tried,
              );
            }
            ticket = await this.open(track, ctx, run);
        }
      }
    } catch (e) {
      if (ctx.signal.aborted) {
        // Paused or shutting down: the ticket and the part file stay for the resume.
        if (isInterruption(ctx.signal)) throw new DownloadError('cancelled', 'Interrupted; will resume.', run.tried);
        await this.abandon(run.current, ctx.partPath);
        throw new DownloadError('cancelled', 'Download cancelled.', run.tried);
      }
      throw downloadErrorFromRequest(e, run.tried);
    }
  }

  /** Cancels a ticket on the service; unknown tickets are fine. */
  async cancel(externalRef: string): Promise<void> {
    try {
      const clientRef = clientRefOf(externalRef);
      const id = clientRef ? (await this.client.findByClientRef(clientRef))?.id : externalRef;
      if (id) await this.client.cancel(id);
    } catch (e) {
      throw downloadErrorFromRequest(e);
    }
  }

  /** Picks up the ticket of an earlier attempt, if it is still worth following. */
  private async resume(ctx: FetchContext, run: FetchRun): Promise<Ticket | undefined> {
    let ref = ctx.externalRef;
    const clientRef = ref ? clientRefOf(ref) : undefined;
    if (clientRef) {
      // An earlier attempt stopped while filing: the ticket may exist although its id never arrived.
      const filed = await this.client.findByClientRef(clientRef, ctx.signal);
      if (!filed) return undefined;
      ctx.setExternalRef(filed.id);
      ref = filed.id;
    }
    if (!ref || ctx.isQuarantined(ticketQuarantineKey(ref))) return undefined;
    const ticket = await this.client.get(ref, ctx.signal);
    if (!ticket || ticket.state === 'cancelled') return undefined;
    // A final failure asked for again (the user pressed retry) gets a fresh ticket.
    if (ticket.state === 'failed' && !ticket.failure?.retryable) return undefined;
    run.current = ref;
    run.tried.push(ref);
    return ticket.state === 'failed' ? this.client.retry(ref, ctx.signal) : ticket;
  }

  private async open(track: TrackWanted, ctx: FetchContext, run: FetchRun): Promise<Ticket> {
    const clientRef = `cassette-${track.trackId}-${randomUUID()}`;
    ctx.setExternalRef(pendingTicketRef(clientRef));
    const ticket = await this.file(this.ticketFor(track, clientRef), clientRef, ctx);
    ctx.setExternalRef(ticket.id);
    run.current = ticket.id;
    run.tried.push(ticket.id);
    return ticket;
  }

  /** POST /tickets, safe to repeat: after a failure that may have come after the service acted, look it up first. */
  private async file(ticket: NewTicket, clientRef: string, ctx: FetchContext): Promise<Ticket> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.client.create(ticket, { idempotencyKey: clientRef, signal: ctx.signal });
      } catch (e) {
        if (attempt >= CREATE_ATTEMPTS || ctx.signal.aborted || !mayHaveActed(e)) throw e;
        const filed = await this.client.findByClientRef(clientRef, ctx.signal);
        if (filed) return filed;
        const retryAfter = e instanceof HttpStatusError ? e.retryAfterMs : undefined;
        await sleep(Math.min(retryAfter ?? 250 * attempt, 5_000), undefined, { signal: ctx.signal });
      }
    }
  }

  private ticketFor(track: TrackWanted, clientRef: string): NewTicket {
    return {
      artist: track.artist,
      ...(track.album ? { album: track.album } : {}),
      tracks: [
        {
          title: track.title,
          disc: track.discNumber ?? 1,
          track: track.trackNumber ?? 1,
          ...(track.durationSec ? { durationSec: track.durationSec } : {}),
        },
      ],
      format: {
        preferred: this.config.formats,
        ...(this.config.minBitrateKbps ? { minBitrateKbps: this.config.minBitrateKbps } : {}),
      },
      destination: `${this.config.destinationPrefix}/${track.trackId}`,
      clientRef,
    };
  }

  /** Polls until the ticket ends or goes quiet for `stallMs` (waiting for approval is not quiet). */
  private async watch(first: Ticket, ctx: FetchContext): Promise<WatchOutcome> {
    let ticket = first;
    let signature = `${ticket.state}|${ticket.progress ?? ''}`;
    let lastChange = Date.now();
    let approvalSince: number | undefined;
    for (;;) {
      ctx.onProgress({ bytesDownloaded: 0, detail: describeTicket(ticket) });
      switch (ticket.state) {
        case 'completed':
          return { kind: 'completed', ticket };
        case 'failed':
          return { kind: 'failed', failure: ticket.failure ?? { retryable: true, reason: 'no reason given' } };
        case 'cancelled':
          return { kind: 'cancelled' };
      }
      const now = Date.now();
      if (ticket.state === 'needs_approval') {
        approvalSince ??= now;
        lastChange = now;
        if (now - approvalSince >= this.config.approvalTimeoutMs) {
          // The ticket is kept: a later attempt resumes it, approved or not, instead of asking twice.
          throw new DownloadError(
            'timeout',
            `Ticket ${ticket.id} is still waiting for approval on the ticket service.`,
            [ticket.id],
          );
        }
      } else {
        approvalSince = undefined;
        if (now - lastChange >= this.config.stallMs) return { kind: 'stalled' };
      }
      await sleep(this.config.pollMs, undefined, { signal: ctx.signal });
      const next = await this.client.get(ticket.id, ctx.signal);
      if (!next) return { kind: 'vanished' };
      const nextSignature = `${next.state}|${next.progress ?? ''}`;
      if (nextSignature !== signature) {
        signature = nextSignature;
        lastChange = Date.now();
      }
      ticket = next;
    }
  }

  /** Longest pause between two transfer attempts. */
  private get backoffLimitMs(): number {
    return this.config.backoffLimitMs ?? 5_000;
  }

  private async download(track: TrackWanted, ticket: Ticket, ctx: FetchContext, run: FetchRun): Promise<FetchedFile> {
    const file = pickFile(ticket.files, track);
    if (!file) throw new DownloadError('parse', `Ticket ${ticket.id} completed without listing a file.`, run.tried);
    const ext = extensionOf(file);
    const total = file.sizeBytes;
    ctx.onProgress({ bytesDownloaded: 0, bytesTotal: total, detail: 'ticket completed, transferring' });
    let size: number;
    try {
      // The ticket's one URL serves every attempt; the part is resumed only if it holds this ticket's file.
      const fileUrl = this.client.fileUrl(ticket.id, file.index);
      ({ bytes: size } = await streamToPart({
        url: async () => fileUrl,
        headers: this.client.fileHeaders(),
        partPath: ctx.partPath,
        expectedBytes: total,
        server: 'The ticket service',
        signal: ctx.signal,
        maxAttempts: this.config.resumeAttempts + 1,
        backoff: { baseMs: Math.min(250, this.backoffLimitMs), maxMs: this.backoffLimitMs },
        onProgress: (n) => ctx.onProgress({ bytesDownloaded: n, bytesTotal: total, detail: 'ticket completed, transferring' }),
      }));
    } catch (e) {
      if (e instanceof DownloadError && e.type === 'corruption') {
        await this.discard(ticket.id, ctx, e.message);
        throw new DownloadError('corruption', `The file of ticket ${ticket.id} is not the one announced: ${e.message}`, run.tried);
      }
      throw e;
    }
    try {
      await ctx.validate(ctx.partPath, { ext, expectedSize: total, durationSec: track.durationSec ?? file.durationSec });
    } catch (e) {
      if (e instanceof DownloadError && e.type === 'corruption') await this.discard(ticket.id, ctx, e.message);
      throw e;
    }
    const preferred = this.config.formats[0];
    return {
      path: ctx.partPath,
      ext,
      sizeBytes: size,
      description: `${ext.toUpperCase()} from ticket ${ticket.id}`,
      ...(preferred && preferred !== ext ? { note: `Delivered as ${ext.toUpperCase()}; ${preferred.toUpperCase()} was preferred.` } : {}),
    };
  }

  /** A bad file: drop the bytes, never resume this ticket, and tell the service to let it go. */
  private async discard(ticketId: string, ctx: FetchContext, reason: string): Promise<void> {
    await discardPart(ctx.partPath);
    ctx.quarantine(ticketQuarantineKey(ticketId), reason);
    await this.client.cancel(ticketId).catch(() => undefined);
  }

  /** After an abort: cancel the live ticket (with a fresh signal, the fetch's is spent) and drop the part file. */
  private async abandon(ticketId: string | undefined, partPath: string): Promise<void> {
    await Promise.allSettled([
      ticketId ? this.client.cancel(ticketId, AbortSignal.timeout(5_000)) : Promise.resolve(),
      discardPart(partPath),
    ]);
  }
}

export function createTicketsSource(config: TicketsConfigInput): TicketsSource {
  return new TicketsSource(config);
}

/**
 * Worth another try: a dropped connection, a timeout or a gateway error (the service may have filed the ticket,
 * so it is looked up first), or a 429 (it did not).
 */
function mayHaveActed(e: unknown): boolean {
  if (e instanceof HttpStatusError) return [408, 429, 502, 503, 504].includes(e.status);
  return !(e instanceof HttpParseError);
}

/** The file of the wanted track in a (possibly multi-track) ticket. */
function pickFile(files: TicketFile[], track: TrackWanted): TicketFile | undefined {
  if (files.length <= 1 || track.trackNumber === undefined) return files[0];
  const disc = track.discNumber ?? 1;
  return files.find((f) => f.track === track.trackNumber && (f.disc ?? 1) === disc) ?? files[0];
}

function extensionOf(file: TicketFile): string {
  const fromName = /\.([a-z0-9]{2,5})$/i.exec(file.name ?? '')?.[1];
  return (fromName ?? file.format).toLowerCase();
}

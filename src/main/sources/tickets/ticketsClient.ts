// REST client of the ticket-based download service: create, read, list, cancel and retry tickets (through the
// shared HttpClient, parsed with zod), and say where a completed ticket's file is served.
import { HttpClient, HttpStatusError } from '../../net';
import {
  TicketPageSchema,
  TicketSchema,
  type KnownTicketState,
  type NewTicket,
  type Ticket,
  type TicketPage,
} from './ticketSchemas';

export interface TicketsClientOptions {
  baseUrl: string;
  token: string;
  timeoutMs?: number;
  retries?: number;
  backoffLimitMs?: number;
}

export class TicketsClient {
  private readonly http: HttpClient;
  private readonly base: string;
  /**
   * Sent with every request rather than as HttpClient instance headers: HttpClient.raw passes
   * `headers: undefined` to ky when a call has none of its own, which drops the instance headers.
   */
  private readonly auth: Record<string, string>;

  constructor(options: TicketsClientOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.auth = { Authorization: `Bearer ${options.token}`, Accept: 'application/json' };
    this.http = new HttpClient({
      baseUrl: this.base,
      headers: this.auth,
      timeoutMs: options.timeoutMs,
      retries: options.retries,
      backoffLimitMs: options.backoffLimitMs,
    });
  }

  /**
   * `POST /tickets`, sent once: its answer may be lost after the ticket was filed. The caller looks the ticket
   * up by its `clientRef` before sending it again, with the same idempotency key (a service that honours it
   * returns the first ticket even when the look-up was too early).
   */
  create(ticket: NewTicket, opts: { idempotencyKey: string; signal?: AbortSignal }): Promise<Ticket> {
    return this.http.json('tickets', TicketSchema, {
      method: 'POST',
      json: ticket,
      headers: { ...this.auth, 'Idempotency-Key': opts.idempotencyKey },
      signal: opts.signal,
    });
  }

  /** `GET /tickets/{id}`; undefined when the service does not know the ticket. */
  async get(id: string, signal?: AbortSignal): Promise<Ticket | undefined> {
    try {
      return await this.http.json(`tickets/${encodeURIComponent(id)}`, TicketSchema, { headers: this.auth, signal });
    } catch (e) {
      if (e instanceof HttpStatusError && e.status === 404) return undefined;
      throw e;
    }
  }

  /** The ticket filed with this client reference, if any (`GET /tickets?clientRef=`). */
  async findByClientRef(clientRef: string, signal?: AbortSignal): Promise<Ticket | undefined> {
    const page = await this.list({ clientRef, limit: 1, signal });
    return page.items[0];
  }

  /** `GET /tickets?state=&clientRef=&offset=&limit=` — one page. */
  list(opts: { state?: KnownTicketState; clientRef?: string; offset?: number; limit?: number; signal?: AbortSignal } = {}): Promise<TicketPage> {
    return this.http.json('tickets', TicketPageSchema, {
      query: { state: opts.state, clientRef: opts.clientRef, offset: opts.offset, limit: opts.limit },
      headers: this.auth,
      signal: opts.signal,
    });
  }

  /** Every ticket in a state, page by page. */
  async *listAll(state?: KnownTicketState, pageSize = 100): AsyncGenerator<Ticket> {
    let offset = 0;
    for (;;) {
      const page = await this.list({ state, offset, limit: pageSize });
      yield* page.items;
      offset += page.items.length;
      if (page.items.length === 0 || offset >= page.total) return;
    }
  }

  /** `DELETE /tickets/{id}`. Unknown or already finished tickets are not an error. */
  async cancel(id: string, signal?: AbortSignal): Promise<void> {
    try {
      await this.http.raw(`tickets/${encodeURIComponent(id)}`, { method: 'DELETE', headers: this.auth, signal, retries: 1 });
    } catch (e) {
      if (e instanceof HttpStatusError && (e.status === 404 || e.status === 409 || e.status === 410)) return;
      throw e;
    }
  }

  /** `POST /tickets/{id}/retry` — only for failed tickets. */
  retry(id: string, signal?: AbortSignal): Promise<Ticket> {
    return this.http.json(`tickets/${encodeURIComponent(id)}/retry`, TicketSchema, {
      method: 'POST',
      headers: this.auth,
      signal,
    });
  }

  /** Where `GET /tickets/{id}/files/{n}` serves a completed ticket's file (Range-aware), for `net/streamToPart`. */
  fileUrl(id: string, n: number): string {
    return `${this.base}/tickets/${encodeURIComponent(id)}/files/${n}`;
  }

  /** The headers a file request needs (the token travels only here). */
  fileHeaders(): Record<string, string> {
    return { Authorization: this.auth.Authorization ?? '' };
  }
}

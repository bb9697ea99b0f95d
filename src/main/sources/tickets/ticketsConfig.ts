// Settings of the ticket-service source, validated where they enter (settings file, UI, tests).
import { z } from 'zod';

export const ticketsConfigSchema = z.object({
  baseUrl: z.url({ protocol: /^https?$/ }),
  /** Bearer token; travels only in the Authorization header. */
  token: z.string().min(1),
  /** How often a ticket is polled. */
  pollMs: z.number().int().min(5).default(5_000),
  /** A ticket whose state and progress do not change for this long is cancelled and replaced. */
  stallMs: z.number().int().min(10).default(15 * 60_000),
  /** Most tickets one fetch may use (the first plus fail-overs). */
  maxTickets: z.number().int().min(1).max(10).default(3),
  /** How long a ticket may wait for a human approval before the fetch gives up (the ticket is kept). */
  approvalTimeoutMs: z.number().int().min(10).default(24 * 3600_000),
  /** Acceptable formats, best first. */
  formats: z.array(z.enum(['flac', 'mp3', 'm4a', 'ogg'])).min(1).default(['flac', 'mp3']),
  minBitrateKbps: z.number().int().positive().optional(),
  /** Folder on the service side, under which each track gets its own sub-folder. */
  destinationPrefix: z.string().min(1).default('cassette'),
  /** Times a broken-off file transfer is resumed with a Range request. */
  resumeAttempts: z.number().int().min(0).max(10).default(3),
  requestTimeoutMs: z.number().int().positive().default(30_000),
  /** Retries of one API call on 429/5xx (HttpClient backoff). */
  retries: z.number().int().min(0).max(10).default(4),
  /** Upper bound of HttpClient's backoff; tests shrink it. */
  backoffLimitMs: z.number().int().positive().optional(),
});

export type TicketsConfig = z.output<typeof ticketsConfigSchema>;
export type TicketsConfigInput = z.input<typeof ticketsConfigSchema>;

// What the ticket service accepts and returns on the wire: the request schema it validates and the JSON view
// of a ticket. Kept separate from the client's schemas on purpose, so a mistake in one cannot hide in both.
import { z } from 'zod';

export const TICKET_STATES = [
  'pending',
  'acquiring',
  'needs_approval',
  'auto_approved',
  'downloading',
  'converting',
  'placing',
  'completed',
  'failed',
  'cancelled',
] as const;
export type TicketState = (typeof TICKET_STATES)[number];

export const TERMINAL_STATES: ReadonlySet<TicketState> = new Set(['completed', 'failed', 'cancelled']);

export const AUDIO_FORMATS = ['flac', 'mp3', 'm4a', 'ogg'] as const;
export type AudioFormat = (typeof AUDIO_FORMATS)[number];

export const ticketRequestSchema = z.object({
  artist: z.string().trim().min(1, 'artist is required'),
  album: z.string().trim().min(1).optional(),
  tracks: z
    .array(
      z.object({
        title: z.string().trim().min(1, 'title is required'),
        disc: z.number().int().min(1).default(1),
        track: z.number().int().min(1),
        durationSec: z.number().positive().max(6 * 3600).optional(),
      }),
    )
    .min(1, 'at least one track is required')
    .max(200),
  format: z
    .object({
      /** Acceptable formats, best first. */
      preferred: z.array(z.enum(AUDIO_FORMATS)).min(1),
      minBitrateKbps: z.number().int().positive().optional(),
      lossless: z.boolean().optional(),
    })
    .default({ preferred: ['flac', 'mp3'] }),
  /** Where the service places the result, relative to its library root. */
  destination: z
    .string()
    .trim()
    .min(1, 'destination is required')
    .refine((d) => !d.split(/[\\/]/).includes('..') && !d.startsWith('/'), 'destination must be a relative path'),
  /** The client's own name for the ticket; `GET /tickets?clientRef=` finds it (e.g. after a lost answer). */
  clientRef: z.string().trim().min(1).max(200).optional(),
});
export type TicketRequest = z.infer<typeof ticketRequestSchema>;

export interface TicketFileView {
  index: number;
  disc: number;
  track: number;
  title: string;
  name: string;
  format: AudioFormat;
  sizeBytes: number;
  durationSec: number;
}

export interface TicketFailureView {
  retryable: boolean;
  /** Machine-readable: not_found, quality_unmet, rejected, source_error, conversion_failed. */
  code: string;
  reason: string;
}

export interface TicketView {
  id: string;
  state: TicketState;
  progress: number;
  attempt: number;
  createdAt: string;
  updatedAt: string;
  request: TicketRequest;
  failure?: TicketFailureView;
  files: TicketFileView[];
}

export function errorBody(code: string, message: string, issues?: Array<{ path: string; message: string }>) {
  return { error: { code, message, ...(issues ? { issues } : {}) } };
}

// zod schemas for what the ticket service sends us, and the shape of what we ask of it. Unknown fields pass;
// the ticket state is kept as a string so a state added by a newer service reads as "still working".
import { z } from 'zod';

export const KNOWN_TICKET_STATES = [
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
export type KnownTicketState = (typeof KNOWN_TICKET_STATES)[number];

export const TicketFileSchema = z.looseObject({
  index: z.number().int().nonnegative(),
  disc: z.number().int().optional(),
  track: z.number().int().optional(),
  title: z.string().optional(),
  name: z.string().optional(),
  format: z.string().min(1),
  sizeBytes: z.number().int().nonnegative(),
  durationSec: z.number().optional(),
});
export type TicketFile = z.infer<typeof TicketFileSchema>;

export const TicketFailureSchema = z.looseObject({
  retryable: z.boolean(),
  code: z.string().optional(),
  reason: z.string().default(''),
});
export type TicketFailure = z.infer<typeof TicketFailureSchema>;

export const TicketSchema = z.looseObject({
  id: z.string().min(1),
  state: z.string().min(1),
  progress: z.number().min(0).max(1).optional(),
  attempt: z.number().int().optional(),
  updatedAt: z.string().optional(),
  failure: TicketFailureSchema.optional(),
  files: z.array(TicketFileSchema).default([]),
});
export type Ticket = z.infer<typeof TicketSchema>;

export const TicketPageSchema = z.looseObject({
  items: z.array(TicketSchema),
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().positive().optional(),
});
export type TicketPage = z.infer<typeof TicketPageSchema>;

export type TicketAudioFormat = 'flac' | 'mp3' | 'm4a' | 'ogg';

/** Body of `POST /tickets`. */
export interface NewTicket {
  artist: string;
  album?: string;
  tracks: Array<{ title: string; disc: number; track: number; durationSec?: number }>;
  format: { preferred: TicketAudioFormat[]; minBitrateKbps?: number };
  destination: string;
  /** Our name for the ticket, chosen before it is filed, so it can be found again after a lost answer. */
  clientRef?: string;
}

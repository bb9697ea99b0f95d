// Public face of the ticket-service source.
export { TicketsSource, createTicketsSource, describeTicket, pendingTicketRef, ticketQuarantineKey } from './ticketsSource';
export { TicketsClient, type TicketsClientOptions } from './ticketsClient';
export { ticketsConfigSchema, type TicketsConfig, type TicketsConfigInput } from './ticketsConfig';
export { downloadErrorFromFailure, downloadErrorFromRequest } from './ticketDownloadError';
export {
  KNOWN_TICKET_STATES,
  TicketSchema,
  TicketPageSchema,
  type KnownTicketState,
  type NewTicket,
  type Ticket,
  type TicketFailure,
  type TicketFile,
  type TicketPage,
  type TicketAudioFormat,
} from './ticketSchemas';

// Public face of the ticket-service emulator.
export { startTicketsEmulator } from './startTicketsEmulator';
export type { RequestRecord, TicketsEmulator, TicketsEmulatorOptions } from './startTicketsEmulator';
export { DEFAULT_BEHAVIOUR } from './ticketBook';
export type { TicketBehaviour, TicketFailureSpec } from './ticketBook';
export { TICKET_STATES } from './wire';
export type { AudioFormat, TicketFailureView, TicketFileView, TicketRequest, TicketState, TicketView } from './wire';

import type { TicketStatus } from './ticket.entity.ts';

/**
 * The ticket workflow: which statuses each status may move to. RESOLVED may go
 * back to IN_PROGRESS (reopen); CLOSED is final. Staying put is not a change.
 */
export const NEXT_STATUSES: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  OPEN: ['IN_PROGRESS', 'WAITING_CUSTOMER', 'RESOLVED'],
  IN_PROGRESS: ['WAITING_CUSTOMER', 'RESOLVED'],
  WAITING_CUSTOMER: ['IN_PROGRESS', 'RESOLVED'],
  RESOLVED: ['CLOSED', 'IN_PROGRESS'],
  CLOSED: [],
};

export const canChangeStatus = (from: TicketStatus, to: TicketStatus): boolean => NEXT_STATUSES[from].includes(to);

/** RESOLVED and CLOSED tickets carry a resolution time; active ones do not. */
export const isDone = (status: TicketStatus): boolean => status === 'RESOLVED' || status === 'CLOSED';

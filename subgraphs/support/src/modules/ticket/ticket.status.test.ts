import { describe, expect, it } from 'vitest';
import { TICKET_STATUSES } from './ticket.entity.ts';
import { canChangeStatus, NEXT_STATUSES } from './ticket.status.ts';

describe('ticket workflow', () => {
  it('allows exactly the documented changes', () => {
    const allowed = TICKET_STATUSES.flatMap((from) => TICKET_STATUSES.filter((to) => canChangeStatus(from, to)).map((to) => `${from}->${to}`));
    expect(allowed).toEqual([
      'OPEN->IN_PROGRESS', 'OPEN->WAITING_CUSTOMER', 'OPEN->RESOLVED',
      'IN_PROGRESS->WAITING_CUSTOMER', 'IN_PROGRESS->RESOLVED',
      'WAITING_CUSTOMER->IN_PROGRESS', 'WAITING_CUSTOMER->RESOLVED',
      'RESOLVED->IN_PROGRESS', 'RESOLVED->CLOSED',
    ]);
  });

  it('never allows staying put, and CLOSED is final', () => {
    for (const status of TICKET_STATUSES) expect(canChangeStatus(status, status)).toBe(false);
    expect(NEXT_STATUSES.CLOSED).toEqual([]);
  });
});

import type { DispatchStatus } from './dispatch.entity.ts';

/**
 * The life of a field visit. A technician may go straight on site (already
 * nearby); once on site the visit can only finish. DONE and CANCELLED are final;
 * cancelling frees the technicians' window.
 */
export const NEXT_DISPATCH_STATUSES: Readonly<Record<DispatchStatus, readonly DispatchStatus[]>> = {
  SCHEDULED: ['EN_ROUTE', 'ON_SITE', 'CANCELLED'],
  EN_ROUTE: ['ON_SITE', 'CANCELLED'],
  ON_SITE: ['DONE'],
  DONE: [],
  CANCELLED: [],
};

export const canChangeDispatchStatus = (from: DispatchStatus, to: DispatchStatus): boolean => NEXT_DISPATCH_STATUSES[from].includes(to);

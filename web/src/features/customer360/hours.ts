import type { WorkOrderFieldsFragment } from '../../generated/graphql.ts';

/** Hours of all the visits of a work order (two technicians for two hours make four), to the hundredth. */
export function workOrderHours(order: Pick<WorkOrderFieldsFragment, 'visits'>): number {
  // In hundredths, so that 0.1 + 0.2 adds up to 0.3.
  return order.visits.reduce((total, visit) => total + Math.round(visit.hours * 100), 0) / 100;
}

const hours = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/** `1.5 h` */
export const formatHours = (value: number): string => `${hours.format(value)} h`;

import type { ArrangementFieldsFragment } from '../../generated/graphql.ts';
import type { Tone } from '../../shared/labels.ts';

const days = (count: number) => `${count} day${count === 1 ? '' : 's'}`;

/**
 * The countdown of a live payment arrangement to its cutoff date (service is
 * cut after it if unpaid): urgent in the last three days, past once it is gone.
 */
export function cutoffCountdown(arrangement: Pick<ArrangementFieldsFragment, 'daysToCutoff' | 'status'>): { text: string; tone: Tone } {
  const left = arrangement.daysToCutoff;
  const what = arrangement.status === 'PENDING' ? 'Proposed arrangement' : 'Payment arrangement';
  if (left < 0) return { text: `${what}: cutoff passed ${days(-left)} ago`, tone: 'bad' };
  if (left === 0) return { text: `${what}: cutoff today`, tone: 'bad' };
  return { text: `${what}: ${days(left)} to cutoff`, tone: left <= 3 ? 'bad' : 'warn' };
}

import { skipToken, useQuery } from '@apollo/client/react';
import type { TimelinePageFragment } from '../../generated/graphql.ts';
import { CUSTOMER_TIMELINE_QUERY, PAGE_SIZE } from './operations.ts';
import { timelineTypes, type ActivityKind } from './timeline.ts';

/**
 * The customer's activity timeline as its section shows it. The whole timeline
 * comes with the 360 query (`whole`, growing with `moreOfWhole`); narrowed to
 * some kinds of activity it is a query of its own, sent when the kinds change,
 * whose pages grow in place too. While a new kind loads, the previous entries stay.
 */
export function useTimeline(customerId: string, kinds: readonly ActivityKind[], whole: TimelinePageFragment, moreOfWhole: () => Promise<unknown>) {
  const types = timelineTypes(kinds);
  const narrowed = useQuery(CUSTOMER_TIMELINE_QUERY, types
    ? { variables: { id: customerId, first: PAGE_SIZE, types }, notifyOnNetworkStatusChange: true }
    : skipToken);
  if (!types) return { timeline: whole, loading: false, error: undefined, retry: undefined, more: moreOfWhole };
  const timeline = (narrowed.data ?? (narrowed.error ? undefined : narrowed.previousData))?.customer?.timeline;
  return {
    timeline,
    loading: narrowed.loading,
    error: narrowed.error,
    retry: () => void narrowed.refetch(),
    more: () => narrowed.fetchMore({ variables: { after: timeline?.pageInfo.endCursor ?? null } }),
  };
}

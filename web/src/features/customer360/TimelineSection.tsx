import { useState } from 'react';
import type { TimelinePageFragment } from '../../generated/graphql.ts';
import { CheckboxGroup } from '../../shared/CheckboxGroup.tsx';
import { ConnectionTable } from '../../shared/ConnectionTable.tsx';
import { ErrorBox } from '../../shared/ErrorBox.tsx';
import { Section } from '../../shared/Section.tsx';
import { TIMELINE_COLUMNS } from './record-columns.tsx';
import { ACTIVITY_KIND_KEYS, activityKindLabel, type ActivityKind } from './timeline.ts';
import { useTimeline } from './useTimeline.ts';

interface TimelineSectionProps {
  customerId: string;
  /** The whole timeline's first pages, as the 360 query read them. */
  timeline: TimelinePageFragment;
  /** The next page of the whole timeline. */
  load: () => Promise<unknown>;
}

/** Everything that happened to the customer in every subgraph, newest first, narrowed to some kinds of activity on demand. */
export function TimelineSection({ customerId, timeline: whole, load }: TimelineSectionProps) {
  const [kinds, setKinds] = useState<ActivityKind[]>([]);
  const { timeline, loading, error, retry, more } = useTimeline(customerId, kinds, whole, load);
  return (
    <Section title="Activity timeline" summary={timeline?.totalCount}>
      <div className="toolbar">
        <CheckboxGroup legend="Show only" options={ACTIVITY_KIND_KEYS} optionLabel={activityKindLabel} checked={kinds} onChange={setKinds} />
        <p className="search-state" aria-live="polite">{loading ? 'Loading…' : ''}</p>
      </div>
      {error && <ErrorBox error={error} onRetry={retry} />}
      {timeline && (
        // A list per choice of kinds: its "show more" starts afresh.
        <ConnectionTable key={kinds.join()} caption="Activity, newest first" columns={TIMELINE_COLUMNS} connection={timeline} noun="entries"
          load={more} empty={kinds.length > 0 ? 'No activity of these kinds.' : 'No activity recorded yet.'} />
      )}
    </Section>
  );
}

import type { VoipLineFieldsFragment } from '../../generated/graphql.ts';
import { e911Badge } from './e911.ts';

/** The 911 state of a VoIP line; the word says it, the colour repeats it. */
export function E911Badge({ record }: { record: VoipLineFieldsFragment['e911'] }) {
  const { text, tone } = e911Badge(record);
  return <span className={`badge badge-${tone}`} title={record?.lastSyncError ?? undefined}>{text}</span>;
}

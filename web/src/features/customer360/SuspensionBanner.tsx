import type { SuspensionFieldsFragment } from '../../generated/graphql.ts';
import { formatDate } from '../../shared/dates.ts';
import { label } from '../../shared/labels.ts';

/** The red banner of a suspended customer: why, since when, until when. */
export function SuspensionBanner({ suspension }: { suspension: SuspensionFieldsFragment | null }) {
  return (
    <div className="banner banner-bad" role="status">
      <strong>Suspended.</strong>{' '}
      {suspension ? (
        <>
          {label(suspension.reason)} since {formatDate(suspension.startsOn)}
          {suspension.plannedEndOn ? `, planned to end ${formatDate(suspension.plannedEndOn)}` : ', no end date planned'}
          {suspension.note && <> — {suspension.note}</>}
        </>
      ) : 'This customer’s account is suspended.'}
    </div>
  );
}

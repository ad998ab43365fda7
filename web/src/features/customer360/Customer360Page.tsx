import { useLocation } from '../../app/useLocation.ts';
import { ErrorBox } from '../../shared/ErrorBox.tsx';
import { usePageTitle } from '../../shared/usePageTitle.ts';
import { ContactCard } from './ContactCard.tsx';
import { CustomerHeader } from './CustomerHeader.tsx';
import { ListSection } from './ListSection.tsx';
import { LocationsSection } from './LocationsSection.tsx';
import { MoneySection } from './MoneySection.tsx';
import { NotesSection } from './NotesSection.tsx';
import { PeopleSection } from './PeopleSection.tsx';
import { CHANGE_COLUMNS, EMAIL_COLUMNS, LIFE_EVENT_COLUMNS } from './record-columns.tsx';
import type { SectionKey } from './sections.ts';
import { SupportSection } from './SupportSection.tsx';
import { TimelineSection } from './TimelineSection.tsx';
import { useCustomer360 } from './useCustomer360.ts';

/** What a section says when its subgraph failed; the rest of the page still works. */
const UNAVAILABLE: Record<SectionKey, string> = {
  profile: 'Some contact details could not be loaded right now.',
  money: 'Billing is not answering right now: balance, invoices, payments and the other money records cannot be shown. Try again in a moment.',
  locations: 'Service is not answering right now: locations, equipment and phone lines cannot be shown. Try again in a moment.',
  locationTickets: 'Support is not answering right now: tickets cannot be shown.',
  locationSubscriptions: 'Billing is not answering right now: subscriptions cannot be shown.',
  support: 'Support is not answering right now: tickets and work orders cannot be shown. Try again in a moment.',
};

/** A notice handed over by the page that led here, e.g. after saving the customer. */
function noticeOf(state: unknown): string | undefined {
  return typeof state === 'object' && state !== null && 'notice' in state && typeof state.notice === 'string' ? state.notice : undefined;
}

export function Customer360Page({ id }: { id: string }) {
  const { customer, loading, error, requestError, failures, retry, more, moreAtLocation, addNote } = useCustomer360(id);
  const notice = noticeOf(useLocation().state);
  usePageTitle(customer?.name ?? 'Customer');
  const unavailable = (section: SectionKey) => (failures.sections.has(section) ? UNAVAILABLE[section] : undefined);

  if (loading) return <p aria-live="polite">Loading customer…</p>;
  if (requestError || failures.customer) return <ErrorBox error={error} onRetry={retry} />;
  if (!customer) return <p className="empty">There is no such customer in this tenant.</p>;
  return (
    <>
      {notice && <p className="notice" role="status">{notice}</p>}
      <CustomerHeader customer={customer} />
      <div className="sections">
        {/* The left column: how to reach them and what colleagues wrote down; the right: the people and places. */}
        <div className="stack">
          <ContactCard customer={customer} unavailable={unavailable('profile')} />
          <NotesSection notes={customer.notes} load={more('notes')} onAdd={addNote} />
        </div>
        <PeopleSection customer={customer} />
        <MoneySection customer={customer} unavailable={unavailable('money')} more={more} />
        <LocationsSection customer={customer} unavailable={unavailable('locations')} ticketsUnavailable={unavailable('locationTickets')}
          subscriptionsUnavailable={unavailable('locationSubscriptions')} liveStatusNote={failures.liveStatus} moreAtLocation={moreAtLocation} />
        <SupportSection customer={customer} unavailable={unavailable('support')} more={more} />
        <TimelineSection customerId={customer.id} timeline={customer.timeline} load={more('timeline')} />
        <ListSection level={2} title="Life events" caption="Life events, latest first" columns={LIFE_EVENT_COLUMNS} connection={customer.lifeEvents}
          noun="life events" load={more('lifeEvents')} empty="No life events recorded." />
        <ListSection level={2} title="E-mails" caption="E-mails exchanged, newest first" columns={EMAIL_COLUMNS} connection={customer.emails}
          noun="e-mails" load={more('emails')} empty="No e-mails logged." />
        <ListSection level={2} title="Change history" caption="Changes, newest first" columns={CHANGE_COLUMNS} connection={customer.changes}
          noun="changes" load={more('changes')} empty="No changes recorded." />
      </div>
    </>
  );
}

import { useLocation } from '../../app/useLocation.ts';
import { ErrorBox } from '../../shared/ErrorBox.tsx';
import { usePageTitle } from '../../shared/usePageTitle.ts';
import { ContactCard } from './ContactCard.tsx';
import { CustomerHeader } from './CustomerHeader.tsx';
import { LocationsSection } from './LocationsSection.tsx';
import { MoneySection } from './MoneySection.tsx';
import type { SectionKey } from './sections.ts';
import { SupportSection } from './SupportSection.tsx';
import { useCustomer360 } from './useCustomer360.ts';

/** What a section says when its subgraph failed; the rest of the page still works. */
const UNAVAILABLE: Record<SectionKey, string> = {
  profile: 'Some contact details could not be loaded right now.',
  money: 'Billing is not answering right now: balance, invoices and payments cannot be shown. Try again in a moment.',
  locations: 'Service locations cannot be shown right now. Try again in a moment.',
  locationTickets: 'Support is not answering right now: tickets cannot be shown.',
  support: 'Support is not answering right now: tickets cannot be shown. Try again in a moment.',
};

/** A notice handed over by the page that led here, e.g. after saving the customer. */
function noticeOf(state: unknown): string | undefined {
  return typeof state === 'object' && state !== null && 'notice' in state && typeof state.notice === 'string' ? state.notice : undefined;
}

export function Customer360Page({ id }: { id: string }) {
  const { customer, loading, error, requestError, failures, retry, more } = useCustomer360(id);
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
        <ContactCard customer={customer} unavailable={unavailable('profile')} />
        <MoneySection customer={customer} unavailable={unavailable('money')} more={more} />
        <LocationsSection customer={customer} unavailable={unavailable('locations')} ticketsUnavailable={unavailable('locationTickets')} more={more} />
        <SupportSection customer={customer} unavailable={unavailable('support')} more={more} />
      </div>
    </>
  );
}

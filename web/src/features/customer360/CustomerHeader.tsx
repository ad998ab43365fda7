import { Link } from '../../app/Link.tsx';
import { paths } from '../../app/routes.ts';
import { formatDate } from '../../shared/dates.ts';
import { label } from '../../shared/labels.ts';
import { StatusBadge } from '../../shared/StatusBadge.tsx';
import { cutoffCountdown } from './arrangement.ts';
import { SuspensionBanner } from './SuspensionBanner.tsx';
import type { Customer360 } from './operations.ts';

/** Name, status, group and flags, with what needs attention first: suspension, arrangement, auto-pay. */
export function CustomerHeader({ customer }: { customer: Customer360 }) {
  const arrangement = customer.activeArrangement;
  const countdown = arrangement && cutoffCountdown(arrangement);
  const autoPayMethod = customer.paymentMethods?.find((method) => method.autoPay);
  return (
    <header className="customer-header">
      {customer.status === 'SUSPENDED' && <SuspensionBanner suspension={customer.currentSuspension} />}
      <div className="page-header">
        <div>
          <h1>{customer.name}</h1>
          <p className="subtitle">
            {label(customer.kind)} · {label(customer.category)}
            {customer.group && <> · group {customer.group}</>} · <StatusBadge value={customer.status} />
          </p>
          {(countdown || customer.autoPay || customer.tags.length > 0) && <ul className="flags" aria-label="Flags">
            {countdown && arrangement && (
              <li className={`badge badge-${countdown.tone}`} title={`Cutoff date ${formatDate(arrangement.cutoffDate)}`}>{countdown.text}</li>
            )}
            {customer.autoPay && <li className="badge badge-good">Auto-pay{autoPayMethod && `: ${autoPayMethod.label}`}</li>}
            {customer.tags.map((tag) => <li key={tag} className="badge badge-tag">{tag}</li>)}
          </ul>}
        </div>
        <Link className="button" to={paths.editCustomer(customer.id)}>Edit</Link>
      </div>
    </header>
  );
}

import { MoneyText } from '../../shared/MoneyText.tsx';
import { Section } from '../../shared/Section.tsx';
import { InvoicesTable } from './InvoicesTable.tsx';
import type { Customer360 } from './operations.ts';
import { PaymentsTable } from './PaymentsTable.tsx';
import type { Customer360State } from './useCustomer360.ts';

interface MoneySectionProps {
  customer: Customer360;
  unavailable: string | undefined;
  more: Customer360State['more'];
}

export function MoneySection({ customer, unavailable, more }: MoneySectionProps) {
  const { balance, invoices, payments } = customer;
  return (
    <Section title="Money" summary={balance && <>Balance <MoneyText money={balance} credit /></>} unavailable={unavailable}>
      {balance && (
        <p className="balance">
          <span className="balance-label">Balance</span> <MoneyText money={balance} credit />
        </p>
      )}
      <h3>Invoices</h3>
      {invoices && <InvoicesTable invoices={invoices} load={more.invoices} />}
      <h3>Payments</h3>
      {payments && <PaymentsTable payments={payments} load={more.payments} />}
    </Section>
  );
}

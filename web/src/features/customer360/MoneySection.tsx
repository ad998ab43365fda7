import type { MoneyPartsFragment } from '../../generated/graphql.ts';
import { DataTable } from '../../shared/DataTable.tsx';
import { MoneyText } from '../../shared/MoneyText.tsx';
import { Section } from '../../shared/Section.tsx';
import { ListSection } from './ListSection.tsx';
import {
  ARRANGEMENT_COLUMNS, CONTRACT_COLUMNS, INVOICE_COLUMNS, PAYMENT_COLUMNS, PAYMENT_METHOD_COLUMNS, QUOTE_COLUMNS, REMINDER_COLUMNS,
  SUBSCRIPTION_COLUMNS, VOUCHER_COLUMNS,
} from './money-columns.tsx';
import type { Customer360 } from './operations.ts';
import type { LoadMore } from './useCustomer360.ts';

interface MoneySectionProps {
  customer: Customer360;
  unavailable: string | undefined;
  more: LoadMore;
}

function Figure({ name, money, credit = false }: { name: string; money: MoneyPartsFragment | null; credit?: boolean }) {
  return (
    <div className="figure">
      <dt>{name}</dt>
      <dd>{money ? <MoneyText money={money} credit={credit} /> : '—'}</dd>
    </div>
  );
}

const byId = (row: { id: string }) => row.id;

/** Billing's picture of the customer: what they owe and can still buy, and every document behind it. */
export function MoneySection({ customer, unavailable, more }: MoneySectionProps) {
  const { balance } = customer;
  return (
    <Section title="Money" summary={balance && <>Balance <MoneyText money={balance} credit /></>} unavailable={unavailable}>
      <dl className="figures">
        <Figure name="Balance" money={balance} credit />
        <Figure name="Open amount" money={customer.openAmount} />
        <Figure name="Credit limit" money={customer.creditLimit} />
        <Figure name="Available credit" money={customer.availableCredit} />
      </dl>
      <ListSection title="Invoices" caption="Invoices, newest first" columns={INVOICE_COLUMNS} connection={customer.invoices}
        noun="invoices" load={more('invoices')} empty="No invoices yet." />
      <ListSection title="Payments" caption="Payments, newest first" columns={PAYMENT_COLUMNS} connection={customer.payments}
        noun="payments" load={more('payments')} empty="No payments yet." />
      <ListSection title="Payment arrangements" caption="Payment arrangements, newest first" columns={ARRANGEMENT_COLUMNS}
        connection={customer.arrangements} noun="arrangements" load={more('arrangements')} empty="No payment arrangements." />
      <ListSection title="Reminders" caption="Reminders, newest first" columns={REMINDER_COLUMNS} connection={customer.reminders}
        noun="reminders" load={more('reminders')} empty="No reminders." />
      <ListSection title="Quotes" caption="Quotes, newest first" columns={QUOTE_COLUMNS} connection={customer.quotes}
        noun="quotes" load={more('quotes')} empty="No quotes." />
      <ListSection title="Contracts" caption="Contracts, newest first" columns={CONTRACT_COLUMNS} connection={customer.contracts}
        noun="contracts" load={more('contracts')} empty="No contracts." />
      <ListSection title="Subscriptions" caption="Subscriptions, newest first" columns={SUBSCRIPTION_COLUMNS} connection={customer.subscriptions}
        noun="subscriptions" load={more('subscriptions')} empty="No subscriptions." />
      <Section title="Vouchers" level={3} summary={customer.vouchers?.length}>
        <DataTable caption="Vouchers" columns={VOUCHER_COLUMNS} rows={customer.vouchers ?? []} rowKey={byId} empty="No vouchers." />
      </Section>
      <Section title="Payment methods" level={3} summary={customer.autoPay ? 'auto-pay on' : customer.paymentMethods?.length}>
        <DataTable caption="Saved payment methods" columns={PAYMENT_METHOD_COLUMNS} rows={customer.paymentMethods ?? []} rowKey={byId}
          empty="No saved payment methods." />
      </Section>
    </Section>
  );
}

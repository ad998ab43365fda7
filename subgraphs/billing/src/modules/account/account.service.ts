import {
  RequestScopedService, amount, badInput, conflict, money, newId, pageRequest, recordEvents, requireRole, requireUuid, roundToCents,
  type Amount, type Caller, type Connection, type DomainEvent, type EntityManager, type MoneyValue, type PageArgs, type RequestScope,
} from '@c360/kit';
import { customerRef, type CustomerRef } from '../customer/customer.ref.ts';
import { BILLING_ADMIN_ROLES, authorOf } from '../shared/access.ts';
import { checkVersion, parseMoney, requiredText } from '../shared/values.ts';
import { DEFAULT_TAX_PROFILE } from '../tax/tax.calculation.ts';
import { customerMoney, type AccountLoaders, type CustomerMoneyRow } from './account.loader.ts';
import { CreditLedgerEntry, type CreditEntryKind } from './credit-ledger.entity.ts';

export interface RecordCreditEntryInput {
  customerId: string;
  kind: CreditEntryKind;
  amount: string;
  description: string;
  /** The entry this one corrects (of the same customer, of the other kind). */
  correctsEntryId?: string | null;
}

export interface SetCreditLimitInput {
  customerId: string;
  creditLimit: string;
  version?: number | null;
}

/** A customer's money, derived from one `CustomerMoneyRow` (see the SDL for each definition). */
export interface CustomerMoney {
  currency: string;
  openAmount: Amount;
  unallocated: Amount;
  creditBalance: Amount;
  balance: Amount;
  totalPurchases: Amount;
  salesCount: number;
  lastPurchaseDate: string | null;
  creditLimit: Amount;
  availableCredit: Amount;
}

export function moneyOf(row: CustomerMoneyRow | null): CustomerMoney {
  const openAmount = amount(row?.open_amount ?? 0);
  const unallocated = amount(row?.unallocated ?? 0);
  const creditBalance = amount(row?.credits ?? 0).minus(row?.debits ?? 0);
  // What the customer owes: open invoices, less money paid ahead, less their ledger credit.
  const balance = openAmount.minus(unallocated).minus(creditBalance);
  const creditLimit = amount(row?.credit_limit ?? 0);
  const headroom = creditLimit.minus(balance);
  return {
    currency: row?.currency ?? DEFAULT_TAX_PROFILE.currency,
    openAmount,
    unallocated,
    creditBalance,
    balance,
    totalPurchases: amount(row?.total_purchases ?? 0),
    salesCount: row?.sales_count ?? 0,
    lastPurchaseDate: row?.last_purchase_date ?? null,
    creditLimit,
    availableCredit: headroom.isNegative() ? amount(0) : headroom,
  };
}

/** A customer's account: balance and purchase figures, credit limit, and the credit ledger. */
export class AccountService extends RequestScopedService<AccountLoaders> {
  private readonly caller: Caller;

  constructor(deps: RequestScope<AccountLoaders> & { caller: Caller }) {
    super(deps);
    this.caller = deps.caller;
  }

  async of(customerId: string): Promise<CustomerMoney> {
    return moneyOf(await this.loaders.customerMoney.load(customerId.toLowerCase()));
  }

  async field(customerId: string, pick: (money: CustomerMoney) => Amount): Promise<MoneyValue> {
    const account = await this.of(customerId);
    return money(pick(account), account.currency);
  }

  /** Total of the sales divided by their number, to the cent; null without sales. */
  async averagePurchase(customerId: string): Promise<MoneyValue | null> {
    const account = await this.of(customerId);
    if (account.salesCount === 0) return null;
    return money(roundToCents(account.totalPurchases.dividedBy(account.salesCount)), account.currency);
  }

  async canPurchase(customerId: string, raw: string): Promise<boolean> {
    const wanted = parseMoney(raw, 'amount');
    return wanted.lessThanOrEqualTo((await this.of(customerId)).availableCredit);
  }

  ledger(customerId: string, args: PageArgs): Promise<Connection<CreditLedgerEntry>> {
    return this.loaders.customerCreditLedger.load({ key: customerId.toLowerCase(), args: pageRequest(args) });
  }

  /**
   * Appends an entry to the customer's ledger. A debit may not take the customer
   * past their available credit, unless it corrects a credit. The customer's
   * account is locked for the check, so concurrent debits cannot both pass it.
   */
  async recordEntry(input: RecordCreditEntryInput): Promise<{ entry: CreditLedgerEntry }> {
    const customerId = requireUuid(input.customerId, 'input.customerId').toLowerCase();
    const value = parseMoney(input.amount, 'input.amount');
    const description = requiredText(input.description, 'input.description', 500);
    const correctsId = input.correctsEntryId == null ? null : requireUuid(input.correctsEntryId, 'input.correctsEntryId').toLowerCase();
    return this.em.transactional(async (tx) => {
      await lockAccount(tx, this.tenantId, customerId);
      const account = moneyOf((await customerMoney(tx, this.tenantId, [customerId]))[0] ?? null);
      if (correctsId) await this.checkCorrection(tx, customerId, correctsId, input.kind);
      else if (input.kind === 'DEBIT' && value.greaterThan(account.availableCredit)) {
        throw conflict(`${value.toFixed(2)} exceeds the customer's available credit of ${account.availableCredit.toFixed(2)}`, 'input.amount');
      }
      const [row] = await tx.execute<Record<string, unknown>[]>(
        `INSERT INTO billing.credit_ledger_entry (id, tenant_id, customer_id, kind, amount, currency, description, author, corrects_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
        [newId(), this.tenantId, customerId, input.kind, value.toFixed(2), account.currency, description, authorOf(this.caller), correctsId],
      );
      const entry = tx.map(CreditLedgerEntry, row!);
      await recordEvents(tx, 'billing', this.tenantId, [ledgerEntryEvent(entry)]);
      return { entry };
    });
  }

  async setCreditLimit(input: SetCreditLimitInput): Promise<{ customer: CustomerRef }> {
    requireRole(this.caller, BILLING_ADMIN_ROLES, 'change a credit limit');
    const customerId = requireUuid(input.customerId, 'input.customerId').toLowerCase();
    const limit = parseMoney(input.creditLimit, 'input.creditLimit', { allowZero: true });
    await this.em.transactional(async (tx) => {
      await lockAccount(tx, this.tenantId, customerId);
      const [current] = await tx.execute<{ version: number; credit_limit: string }[]>(
        'SELECT version, credit_limit FROM billing.customer_account WHERE tenant_id = ? AND customer_id = ?', [this.tenantId, customerId]);
      checkVersion(current?.version ?? 0, input.version, 'credit limit');
      await tx.execute(
        `INSERT INTO billing.customer_account AS a (tenant_id, customer_id, credit_limit) VALUES (?, ?, ?)
         ON CONFLICT (tenant_id, customer_id) DO UPDATE SET credit_limit = excluded.credit_limit, updated_at = now(), version = a.version + 1`,
        [this.tenantId, customerId, limit.toFixed(2)],
      );
      await recordEvents(tx, 'billing', this.tenantId, [{
        type: 'customer_account.credit_limit_changed',
        subject: customerId,
        data: { customerId, before: current?.credit_limit ?? '0.00', after: limit.toFixed(2), by: authorOf(this.caller) },
      }]);
    });
    // The customer's money fields are then read after the change.
    return { customer: customerRef(customerId) };
  }

  private async checkCorrection(tx: EntityManager, customerId: string, correctsId: string, kind: CreditEntryKind): Promise<void> {
    const [corrected] = await tx.execute<{ kind: CreditEntryKind }[]>(
      'SELECT kind FROM billing.credit_ledger_entry WHERE tenant_id = ? AND customer_id = ? AND id = ?', [this.tenantId, customerId, correctsId]);
    if (!corrected) throw badInput('input.correctsEntryId', 'is not an entry of this customer\'s ledger');
    if (corrected.kind === kind) throw badInput('input.kind', `a correction of a ${corrected.kind} must be a ${corrected.kind === 'CREDIT' ? 'DEBIT' : 'CREDIT'}`);
  }
}

/** Serialises changes to one customer's account (ledger entries, credit limit) without needing a row to exist. */
export async function lockAccount(tx: EntityManager, tenantId: string, customerId: string): Promise<void> {
  await tx.execute('SELECT pg_advisory_xact_lock(hashtextextended(?, 0))', [`billing.account:${tenantId}:${customerId}`]);
}

/** `credit_ledger.entry_recorded` (the demo data records it too, for its past). */
export function ledgerEntryEvent(entry: CreditLedgerEntry): DomainEvent {
  return {
    type: 'credit_ledger.entry_recorded',
    subject: entry.customerId,
    data: { customerId: entry.customerId, entryId: entry.id, kind: entry.kind, amount: entry.amount, currency: entry.currency, correctsId: entry.correctsId ?? null },
  };
}

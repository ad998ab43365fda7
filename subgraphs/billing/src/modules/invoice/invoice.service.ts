import {
  RequestScopedService, amount, badInput, money, pageRequest, recordEvents, requireUuid,
  type Caller, type Connection, type MoneyValue, type PageArgs, type RequestScope,
} from '@c360/kit';
import type { CustomerByPhone, CustomerDirectory } from '../customer/customer-directory.ts';
import { nextInvoiceNumber } from '../numbering/document-number.ts';
import { addDays, dateArg, isoDate } from '../shared/dates.ts';
import { checkTotals, validateLines, type LineInput } from '../shared/lines.ts';
import { checkTransition, checkVersion, requiredText } from '../shared/values.ts';
import { priceInvoice } from '../tax/tax.calculation.ts';
import type { TaxProfiles } from '../tax/tax-profile.service.ts';
import type { AutoPayService } from '../payment-method/autopay.service.ts';
import { INVOICE_WORKFLOW, Invoice } from './invoice.entity.ts';
import type { InvoiceLoaders } from './invoice.loader.ts';
import { lockInvoice, repriceInvoice, writeInvoice } from './invoice.writer.ts';

export type InvoiceLineInput = LineInput;

// Numbering lives in its own module; the bulk loaders (scale.ts) import these from here.
export { formatInvoiceNumber, invoiceNumberSql } from '../numbering/document-number.ts';

export interface CreateInvoiceInput {
  customerId?: string | null;
  /** Instead of `customerId`: the customer with this phone, created when there is none. */
  customer?: CustomerByPhone | null;
  /** Parsed by the `Date` scalar: midnight UTC of the date. */
  dueDate?: Date | null;
  lines: InvoiceLineInput[];
  draft?: boolean | null;
}

export interface IssueInvoiceInput {
  id: string;
  dueDate?: Date | null;
  version?: number | null;
}

export interface VoidInvoiceInput {
  id: string;
  reason: string;
  version?: number | null;
}

export interface InvoiceLineView {
  description: string;
  quantity: string;
  unitPrice: MoneyValue;
  amount: MoneyValue;
}

export interface TaxAmountView {
  code: string;
  name: string;
  rate: string;
  amount: MoneyValue;
}

/** Days between issue and the default due date. */
export const DEFAULT_PAYMENT_TERM_DAYS = 30;

export class InvoiceService extends RequestScopedService<InvoiceLoaders> {
  private readonly taxProfiles: TaxProfiles;
  private readonly caller: Caller;
  private readonly directory: CustomerDirectory;
  private readonly autoPay: AutoPayService;

  constructor(deps: RequestScope<InvoiceLoaders> & { taxProfiles: TaxProfiles; caller: Caller; directory: CustomerDirectory; autoPay: AutoPayService }) {
    super(deps);
    this.taxProfiles = deps.taxProfiles;
    this.caller = deps.caller;
    this.directory = deps.directory;
    this.autoPay = deps.autoPay;
  }

  get(id: string, field = 'id'): Promise<Invoice | null> {
    return this.loaders.invoiceById.load(requireUuid(id, field).toLowerCase());
  }

  forCustomer(customerId: string, args: PageArgs): Promise<Connection<Invoice>> {
    return this.loaders.customerInvoices.load({ key: customerId.toLowerCase(), args: pageRequest(args) });
  }

  async lines(invoice: Invoice): Promise<InvoiceLineView[]> {
    const rows = await this.loaders.invoiceLines.load(invoice.id);
    return rows.map((row) => ({
      description: row.description,
      quantity: amount(row.quantity).toFixed(),
      unitPrice: money(row.unit_price, invoice.currency),
      amount: money(row.amount, invoice.currency),
    }));
  }

  async taxes(invoice: Invoice): Promise<TaxAmountView[]> {
    const rows = await this.loaders.invoiceTaxes.load(invoice.id);
    return rows.map((row) => ({ code: row.code, name: row.name, rate: amount(row.rate).toFixed(), amount: money(row.amount, invoice.currency) }));
  }

  /**
   * Makes an invoice, ISSUED (numbered) or as a DRAFT. Everything the caller sent
   * is checked before anything is written or asked of the customers subgraph.
   * For `customer` (a phone number), the customers subgraph finds or creates the
   * customer first; then, in one transaction, the number, the header with totals
   * computed from the lines, the lines, the taxes and `invoice.created`. An issued
   * invoice of a customer on auto-pay is then charged (see AutoPayService).
   */
  async create(input: CreateInvoiceInput): Promise<{ invoice: Invoice; customerCreated: boolean }> {
    const customerId = input.customerId == null ? null : requireUuid(input.customerId, 'input.customerId').toLowerCase();
    if (customerId && input.customer) throw badInput('input.customer', 'give either customerId or customer (a phone number), not both');
    if (!customerId && !input.customer) throw badInput('input.customerId', 'is required, unless customer (a phone number) is given');
    const issuedAt = new Date();
    const dueDate = dueDateOf(input.dueDate, issuedAt, 'input.dueDate');
    const priced = priceInvoice(validateLines(input.lines, 'input.lines'), await this.taxProfiles.get());
    checkTotals(priced, 'input.lines');
    const customer = customerId ? { id: customerId, isNew: false } : await this.directory.findOrCreateByPhone(this.caller, input.customer!, 'input.customer');

    const invoice = await this.em.transactional((tx) =>
      writeInvoice(tx, this.tenantId, { customerId: customer.id.toLowerCase(), draft: input.draft ?? false, issuedAt, dueDate, priced }));
    return { invoice: await this.autoPay.afterIssue(invoice), customerCreated: customer.isNew };
  }

  /**
   * DRAFT → ISSUED: takes the tenant's next number and prices the lines with the
   * tax profile of today (`invoice.issued`). The due date is the one given, the
   * draft's if still ahead, or 30 days from today.
   */
  async issue(input: IssueInvoiceInput): Promise<{ invoice: Invoice }> {
    const id = requireUuid(input.id, 'input.id').toLowerCase();
    const profile = await this.taxProfiles.get();
    const issuedAt = new Date();
    const requested = input.dueDate ? dueDateOf(input.dueDate, issuedAt, 'input.dueDate') : null;
    const invoice = await this.em.transactional(async (tx) => {
      const draft = await lockInvoice(tx, this.tenantId, id);
      checkVersion(draft.version, input.version, 'invoice');
      checkTransition(INVOICE_WORKFLOW, 'invoice', draft.status, 'ISSUED');
      const priced = await repriceInvoice(tx, this.tenantId, id, profile, 'input.id');
      const number = await nextInvoiceNumber(tx, this.tenantId);
      const dueDate = requested ?? (String(draft.dueDate) >= isoDate(issuedAt) ? String(draft.dueDate) : addDays(isoDate(issuedAt), DEFAULT_PAYMENT_TERM_DAYS));
      const [row] = await tx.execute<Record<string, unknown>[]>(
        `UPDATE billing.invoice SET number = ?, status = ?, issued_at = ?, due_date = ?, updated_at = now(), version = version + 1
         WHERE tenant_id = ? AND id = ? RETURNING *`,
        [number, priced.total.isZero() ? 'PAID' : 'ISSUED', issuedAt, dueDate, this.tenantId, id],
      );
      const issued = tx.map(Invoice, row!);
      await recordEvents(tx, 'billing', this.tenantId, [{
        type: 'invoice.issued',
        subject: id,
        data: { customerId: issued.customerId, invoiceId: id, number, total: issued.total, currency: issued.currency, dueDate },
      }]);
      return issued;
    });
    return { invoice: await this.autoPay.afterIssue(invoice) };
  }

  /**
   * Cancels an invoice that nobody paid anything on: a DRAFT, or an ISSUED or
   * OVERDUE one (which keeps its number). Its pending reminders are cancelled and
   * a voucher applied to it can be used again.
   */
  async void(input: VoidInvoiceInput): Promise<{ invoice: Invoice }> {
    const id = requireUuid(input.id, 'input.id').toLowerCase();
    const reason = requiredText(input.reason, 'input.reason', 500);
    return this.em.transactional(async (tx) => {
      const current = await lockInvoice(tx, this.tenantId, id);
      checkVersion(current.version, input.version, 'invoice');
      checkTransition(INVOICE_WORKFLOW, 'invoice', current.status, 'VOID');
      const [row] = await tx.execute<Record<string, unknown>[]>(
        `WITH released AS (
           DELETE FROM billing.voucher_redemption WHERE tenant_id = ? AND invoice_id = ?
         ), reminders AS (
           UPDATE billing.reminder SET status = 'CANCELLED', cancelled_at = now(), updated_at = now(), version = version + 1
           WHERE tenant_id = ? AND invoice_id = ? AND status = 'PENDING'
         )
         UPDATE billing.invoice SET status = 'VOID', voided_at = now(), void_reason = ?, updated_at = now(), version = version + 1
         WHERE tenant_id = ? AND id = ? RETURNING *`,
        [this.tenantId, id, this.tenantId, id, reason, this.tenantId, id],
      );
      const invoice = tx.map(Invoice, row!);
      await recordEvents(tx, 'billing', this.tenantId, [
        { type: 'invoice.voided', subject: id, data: { customerId: invoice.customerId, invoiceId: id, number: invoice.number, reason } },
      ]);
      return { invoice };
    });
  }
}

/** Net 30 by default; a given due date cannot be in the past. */
function dueDateOf(requested: Date | null | undefined, issuedAt: Date, field: string): string {
  const today = isoDate(issuedAt);
  const dueDate = dateArg(requested, field);
  if (!dueDate) return addDays(today, DEFAULT_PAYMENT_TERM_DAYS);
  if (dueDate < today) throw badInput(field, `must not be before today (${today})`);
  return dueDate;
}

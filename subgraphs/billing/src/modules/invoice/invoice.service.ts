import {
  RequestScopedService, type RequestScope, amount, badInput, money, newId, pageRequest, recordEvents, requireUuid,
  type Connection, type EntityManager, type MoneyValue, type PageArgs,
} from '@c360/kit';
import { Invoice, type InvoiceStatus } from './invoice.entity.ts';
import type { InvoiceLoaders } from './invoice.loader.ts';
import { priceInvoice, type LineToPrice, type PricedInvoice } from '../tax/tax.calculation.ts';
import type { TaxProfiles } from '../tax/tax-profile.service.ts';

export interface InvoiceLineInput {
  description: string;
  quantity: string;
  unitPrice: string;
}

export interface CreateInvoiceInput {
  customerId: string;
  /** Parsed by the `Date` scalar: midnight UTC of the date. */
  dueDate?: Date | null;
  lines: InvoiceLineInput[];
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

export const MAX_INVOICE_LINES = 500;
/** Days between issue and the default due date. */
export const DEFAULT_PAYMENT_TERM_DAYS = 30;
/** numeric(14,2) holds amounts below this. */
const MONEY_LIMIT = amount('1e12');
const QUANTITY = /^\d{1,9}(\.\d{1,3})?$/;
const UNIT_PRICE = /^-?\d{1,12}(\.\d{1,2})?$/;

export class InvoiceService extends RequestScopedService<InvoiceLoaders> {
  private readonly taxProfiles: TaxProfiles;

  constructor(deps: RequestScope<InvoiceLoaders> & { taxProfiles: TaxProfiles }) {
    super(deps);
    this.taxProfiles = deps.taxProfiles;
  }

  get(id: string, field = 'id'): Promise<Invoice | null> {
    return this.loaders.invoiceById.load(requireUuid(id, field));
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
   * Issues an invoice: validates everything first, then in one transaction takes
   * the tenant's next number, writes the header with totals computed from the
   * lines, the lines, the taxes and the `invoice.created` event.
   */
  async create(input: CreateInvoiceInput): Promise<{ invoice: Invoice }> {
    const customerId = requireUuid(input.customerId, 'input.customerId').toLowerCase();
    const issuedAt = new Date();
    const dueDate = dueDateOf(input.dueDate, issuedAt);
    const priced = priceInvoice(validateLines(input.lines), await this.taxProfiles.get());
    checkTotals(priced);
    const status: InvoiceStatus = priced.total.isZero() ? 'PAID' : 'ISSUED';

    return this.em.transactional(async (tx) => {
      const number = await nextInvoiceNumber(tx, this.tenantId);
      const id = newId();
      const [row] = await tx.execute<Record<string, unknown>[]>(
        `WITH invoice AS (
           INSERT INTO billing.invoice (id, tenant_id, customer_id, number, status, currency, issued_at, due_date, subtotal, tax_total, total)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           RETURNING *
         ), lines AS (
           INSERT INTO billing.invoice_line (invoice_id, line_no, tenant_id, description, quantity, unit_price)
           SELECT invoice.id, r.line_no, invoice.tenant_id, r.description, r.quantity, r.unit_price
           FROM invoice, jsonb_to_recordset(?::jsonb) AS r(line_no int, description text, quantity numeric, unit_price numeric)
         ), taxes AS (
           INSERT INTO billing.invoice_tax (invoice_id, position, tenant_id, code, name, rate, amount)
           SELECT invoice.id, r.position, invoice.tenant_id, r.code, r.name, r.rate, r.amount
           FROM invoice, jsonb_to_recordset(?::jsonb) AS r(position int, code text, name text, rate numeric, amount numeric)
         )
         SELECT * FROM invoice`,
        [
          id, this.tenantId, customerId, number, status, priced.currency, issuedAt, dueDate,
          priced.subtotal.toFixed(2), priced.taxTotal.toFixed(2), priced.total.toFixed(2),
          JSON.stringify(lineRows(priced)), JSON.stringify(taxRows(priced)),
        ],
      );
      const invoice = tx.map(Invoice, row!);
      await recordEvents(tx, 'billing', this.tenantId, [
        { type: 'invoice.created', subject: invoice.id, data: { customerId, invoiceId: invoice.id, number, total: invoice.total, currency: invoice.currency } },
      ]);
      return { invoice };
    });
  }
}

/**
 * Bumps the tenant's counter and returns the formatted number. The row lock is
 * held until commit, so numbers follow commit order, and a rollback returns the
 * number: no gaps. The first invoice of a tenant creates the row.
 */
export async function nextInvoiceNumber(tx: EntityManager, tenantId: string): Promise<string> {
  const [counter] = await tx.execute<{ last_number: string }[]>(
    `INSERT INTO billing.invoice_counter AS c (tenant_id, last_number) VALUES (?, 1)
     ON CONFLICT (tenant_id) DO UPDATE SET last_number = c.last_number + 1
     RETURNING last_number`,
    [tenantId],
  );
  return formatInvoiceNumber(Number(counter!.last_number));
}

export const formatInvoiceNumber = (n: number): string => `INV-${String(n).padStart(6, '0')}`;

/** Rows for `jsonb_to_recordset`; the line amount is generated by PostgreSQL. */
export function lineRows(priced: PricedInvoice) {
  return priced.lines.map((line, lineNo) => ({ line_no: lineNo, description: line.description, quantity: line.quantity, unit_price: line.unitPrice }));
}

export function taxRows(priced: PricedInvoice) {
  return priced.taxes.map((tax, position) => ({ position, code: tax.code, name: tax.name, rate: tax.rate, amount: tax.amount.toFixed(2) }));
}

function validateLines(lines: InvoiceLineInput[]): LineToPrice[] {
  if (lines.length === 0) throw badInput('input.lines', 'must have at least one line');
  if (lines.length > MAX_INVOICE_LINES) throw badInput('input.lines', `must have at most ${MAX_INVOICE_LINES} lines`);
  return lines.map((line, index) => {
    const field = `input.lines[${index}]`;
    const description = line.description.trim();
    if (!description) throw badInput(`${field}.description`, 'must not be empty');
    const quantity = line.quantity.trim();
    if (!QUANTITY.test(quantity) || amount(quantity).isZero()) {
      throw badInput(`${field}.quantity`, `"${line.quantity}" is not a number greater than zero with at most 3 decimals`);
    }
    const unitPrice = line.unitPrice.trim();
    if (!UNIT_PRICE.test(unitPrice)) throw badInput(`${field}.unitPrice`, `"${line.unitPrice}" is not an amount with at most 2 decimals, e.g. 19.99`);
    if (amount(quantity).times(unitPrice).abs().greaterThanOrEqualTo(MONEY_LIMIT)) throw badInput(field, 'the line amount is too large');
    return { description, quantity, unitPrice };
  });
}

function checkTotals(priced: PricedInvoice): void {
  if (priced.subtotal.isNegative()) throw badInput('input.lines', 'the subtotal must not be negative; discounts cannot exceed the billed items');
  if (priced.total.greaterThanOrEqualTo(MONEY_LIMIT)) throw badInput('input.lines', 'the invoice total is too large');
}

function dueDateOf(requested: Date | null | undefined, issuedAt: Date): string {
  const today = isoDate(issuedAt);
  if (!requested) return isoDate(new Date(issuedAt.getTime() + DEFAULT_PAYMENT_TERM_DAYS * 86_400_000));
  const dueDate = isoDate(requested);
  if (dueDate < today) throw badInput('input.dueDate', `must not be before today (${today})`);
  return dueDate;
}

const isoDate = (date: Date): string => date.toISOString().slice(0, 10);

import {
  RequestScopedService, amount, badInput, conflict, newId, recordEvents, requireUuid, roundToCents,
  type EntityManager, type RequestScope,
} from '@c360/kit';
import { Invoice } from '../invoice/invoice.entity.ts';
import { appendInvoiceLine, lockInvoice, repriceInvoice } from '../invoice/invoice.writer.ts';
import { dateArg, today } from '../shared/dates.ts';
import { parseMoney, parseText } from '../shared/values.ts';
import type { TaxProfiles } from '../tax/tax-profile.service.ts';
import { Voucher, type VoucherKind } from './voucher.entity.ts';
import type { VoucherLoaders } from './voucher.loader.ts';

export interface CreateVoucherInput {
  code: string;
  kind: VoucherKind;
  amount?: string | null;
  percent?: string | null;
  validFrom?: Date | null;
  validUntil?: Date | null;
  description?: string | null;
  customerId?: string | null;
}

export type VoucherState = 'ACTIVE' | 'NOT_YET_VALID' | 'EXPIRED' | 'REDEEMED';

const CODE = /^[A-Z0-9][A-Z0-9-]{2,31}$/;
const PERCENT = /^\d{1,3}(\.\d{1,2})?$/;

export class VoucherService extends RequestScopedService<VoucherLoaders> {
  private readonly taxProfiles: TaxProfiles;

  constructor(deps: RequestScope<VoucherLoaders> & { taxProfiles: TaxProfiles }) {
    super(deps);
    this.taxProfiles = deps.taxProfiles;
  }

  byCode(code: string): Promise<Voucher | null> {
    return this.em.findOne(Voucher, { code: code.trim().toUpperCase() });
  }

  forCustomer(customerId: string): Promise<Voucher[]> {
    return this.loaders.customerVouchers.load(customerId.toLowerCase());
  }

  async state(voucher: Voucher): Promise<VoucherState> {
    return stateOf(voucher, (await this.loaders.voucherRedemption.load(voucher.id)) !== null);
  }

  async redeemedOn(voucher: Voucher): Promise<string | null> {
    return (await this.loaders.voucherRedemption.load(voucher.id))?.invoice_id ?? null;
  }

  async create(input: CreateVoucherInput): Promise<{ voucher: Voucher }> {
    const code = input.code.trim().toUpperCase();
    if (!CODE.test(code)) throw badInput('input.code', `"${input.code}" is not a code of 3 to 32 letters, digits or dashes`);
    const value = input.kind === 'AMOUNT'
      ? { amount: parseMoney(input.amount ?? '', 'input.amount').toFixed(2), percent: null }
      : { amount: null, percent: percent(input.percent) };
    const validFrom = dateArg(input.validFrom, 'input.validFrom');
    const validUntil = dateArg(input.validUntil, 'input.validUntil');
    if (validFrom && validUntil && validUntil < validFrom) throw badInput('input.validUntil', `must not be before validFrom (${validFrom})`);
    const customerId = input.customerId == null ? null : requireUuid(input.customerId, 'input.customerId').toLowerCase();
    const description = parseText(input.description, 'input.description', { max: 500 });
    const { currency } = await this.taxProfiles.get();
    return this.em.transactional(async (tx) => {
      const [row] = await tx.execute<Record<string, unknown>[]>(
        `INSERT INTO billing.voucher (id, tenant_id, code, kind, amount, percent, currency, description, valid_from, valid_until, customer_id, attached_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CASE WHEN ?::uuid IS NULL THEN NULL ELSE now() END)
         ON CONFLICT (tenant_id, code) DO NOTHING RETURNING *`,
        [newId(), this.tenantId, code, input.kind, value.amount, value.percent, currency, description, validFrom, validUntil, customerId, customerId],
      );
      if (!row) throw conflict(`The tenant already has a voucher ${code}`, 'input.code');
      const voucher = tx.map(Voucher, row);
      await recordEvents(tx, 'billing', this.tenantId, [voucherEvent('voucher.created', voucher)]);
      return { voucher };
    });
  }

  /** Attaches the voucher to a customer (only their invoices may then use it), or detaches it with `customerId` null. */
  async attach(input: { code: string; customerId: string | null }): Promise<{ voucher: Voucher }> {
    const customerId = input.customerId == null ? null : requireUuid(input.customerId, 'input.customerId').toLowerCase();
    return this.em.transactional(async (tx) => {
      const current = await lockVoucher(tx, this.tenantId, input.code);
      // Read before the update: mapping the updated row refreshes the same managed entity.
      const previousCustomerId = current.customerId;
      if (customerId && current.customerId && current.customerId !== customerId) {
        throw conflict('The voucher is attached to another customer; detach it first', 'input.code');
      }
      const [row] = await tx.execute<Record<string, unknown>[]>(
        `UPDATE billing.voucher SET customer_id = ?, attached_at = CASE WHEN ?::uuid IS NULL THEN NULL ELSE coalesce(attached_at, now()) END,
           updated_at = now(), version = version + 1
         WHERE tenant_id = ? AND id = ? RETURNING *`,
        [customerId, customerId, this.tenantId, current.id],
      );
      const voucher = tx.map(Voucher, row!);
      await recordEvents(tx, 'billing', this.tenantId, [
        customerId ? voucherEvent('voucher.attached', voucher) : { ...voucherEvent('voucher.detached', voucher), data: { voucherId: voucher.id, code: voucher.code, customerId: previousCustomerId } },
      ]);
      return { voucher };
    });
  }

  /**
   * Uses the voucher on a DRAFT invoice: a discount line (the amount, at most the
   * subtotal, or the percentage of the subtotal, to the cent) is added and the
   * taxes and totals are computed again from the lines. The voucher row is
   * locked, so two invoices can never both use it.
   */
  async apply(input: { invoiceId: string; code: string }): Promise<{ invoice: Invoice; voucher: Voucher }> {
    const invoiceId = requireUuid(input.invoiceId, 'input.invoiceId').toLowerCase();
    const profile = await this.taxProfiles.get();
    return this.em.transactional(async (tx) => {
      const invoice = await lockInvoice(tx, this.tenantId, invoiceId);
      if (invoice.status !== 'DRAFT') throw conflict(`Vouchers apply to DRAFT invoices; this one is ${invoice.status}`, 'input.invoiceId');
      const voucher = await lockVoucher(tx, this.tenantId, input.code);
      const [used] = await tx.execute<{ n: number }[]>('SELECT count(*)::int AS n FROM billing.voucher_redemption WHERE voucher_id = ?', [voucher.id]);
      const state = stateOf(voucher, used!.n > 0);
      if (state !== 'ACTIVE') throw conflict(`The voucher is ${state}`, 'input.code');
      if (voucher.customerId && voucher.customerId !== invoice.customerId) throw conflict('The voucher belongs to another customer', 'input.code');
      if (voucher.currency !== invoice.currency) throw conflict(`The voucher is in ${voucher.currency}, the invoice in ${invoice.currency}`, 'input.code');
      const subtotal = amount(invoice.subtotal);
      const discount = voucher.kind === 'AMOUNT'
        ? amount(voucher.amount!).greaterThan(subtotal) ? subtotal : amount(voucher.amount!)
        : roundToCents(subtotal.times(voucher.percent!).dividedBy(100));
      if (!discount.greaterThan(0)) throw conflict('The invoice has nothing to discount', 'input.invoiceId');
      const label = voucher.kind === 'PERCENT' ? `Bon ${voucher.code} (−${amount(voucher.percent!).toFixed()} %)` : `Bon ${voucher.code}`;
      await appendInvoiceLine(tx, this.tenantId, invoiceId, { description: label, quantity: '1', unitPrice: discount.negated().toFixed(2) });
      await repriceInvoice(tx, this.tenantId, invoiceId, profile, 'input.code');
      await tx.execute('INSERT INTO billing.voucher_redemption (voucher_id, invoice_id, tenant_id, amount) VALUES (?, ?, ?, ?)',
        [voucher.id, invoiceId, this.tenantId, discount.toFixed(2)]);
      await recordEvents(tx, 'billing', this.tenantId, [{
        ...voucherEvent('voucher.redeemed', voucher),
        data: { voucherId: voucher.id, code: voucher.code, customerId: invoice.customerId, invoiceId, amount: discount.toFixed(2) },
      }]);
      const [row] = await tx.execute<Record<string, unknown>[]>('SELECT * FROM billing.invoice WHERE tenant_id = ? AND id = ?', [this.tenantId, invoiceId]);
      return { invoice: tx.map(Invoice, row!), voucher };
    });
  }
}

function stateOf(voucher: Voucher, redeemed: boolean): VoucherState {
  const day = today();
  if (redeemed) return 'REDEEMED';
  if (voucher.validFrom && String(voucher.validFrom) > day) return 'NOT_YET_VALID';
  if (voucher.validUntil && String(voucher.validUntil) < day) return 'EXPIRED';
  return 'ACTIVE';
}

async function lockVoucher(tx: EntityManager, tenantId: string, rawCode: string): Promise<Voucher> {
  const [row] = await tx.execute<Record<string, unknown>[]>(
    'SELECT * FROM billing.voucher WHERE tenant_id = ? AND code = ? FOR UPDATE', [tenantId, rawCode.trim().toUpperCase()]);
  if (!row) throw badInput('input.code', `"${rawCode}" is not a voucher of this tenant`);
  return tx.map(Voucher, row);
}

function percent(raw: string | null | undefined): string {
  const value = raw?.trim() ?? '';
  if (!PERCENT.test(value) || amount(value).lessThanOrEqualTo(0) || amount(value).greaterThan(100)) {
    throw badInput('input.percent', `"${raw ?? ''}" is not a percentage above 0 and at most 100, e.g. 10 or 12.5`);
  }
  return amount(value).toFixed();
}

/** A voucher's event (the demo data records `voucher.created` too, for its past). */
export function voucherEvent(type: string, voucher: Voucher) {
  return { type, subject: voucher.id, data: { voucherId: voucher.id, code: voucher.code, customerId: voucher.customerId, kind: voucher.kind } };
}

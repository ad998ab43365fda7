import { z } from 'zod';
import { DomainError, type ConsumerDefinition } from '@c360/kit';
import { addDays, isoDate } from '../shared/dates.ts';
import { checkTotals, validateLines } from '../shared/lines.ts';
import { priceInvoice, type TaxProfileValue } from '../tax/tax.calculation.ts';
import { TaxProfiles } from '../tax/tax-profile.service.ts';
import { DEFAULT_PAYMENT_TERM_DAYS } from './invoice.service.ts';
import { writeInvoice } from './invoice.writer.ts';

const decimal = z.union([z.string(), z.number()]).transform(String);
const line = z.object({ description: z.string(), quantity: decimal, unitPrice: decimal });

/** `work_order.completed` as the support subgraph publishes it; extra fields are ignored. */
const workOrderCompleted = z.object({
  customerId: z.uuid(),
  workOrderId: z.uuid(),
  billable: z.boolean().optional(),
  lines: z.array(line).optional(),
  billableLines: z.array(line).optional(),
  /** The currency and taxes the work order was priced with, and its total: the invoice must come to the same. */
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  taxes: z.array(z.object({ code: z.string(), name: z.string(), rate: z.string().regex(/^0(\.\d{1,6})?$/) })).optional(),
  total: z.string().regex(/^\d{1,12}\.\d{2}$/).optional(),
});

/**
 * Bills a completed work order: an ISSUED invoice of its billable lines, in the
 * currency and with the taxes the work order was priced with (support takes them
 * from billing's tax profile when the work order is written; the tenant may have
 * changed its profile since), so that the invoice's total is the work order's.
 * An invoice that would come to another total is not made: the event is logged.
 * An event without taxes is priced with the tenant's tax profile. Made once per
 * work order: the kit's inbox skips a replayed event, and `source` (unique per
 * tenant) skips a second event for the same work order. An event that cannot be
 * billed (no billable lines, bad data) is logged and skipped, never retried forever.
 * Auto-pay customers are charged by the auto-pay job, outside this transaction.
 */
export const workOrderInvoiceConsumer: ConsumerDefinition = {
  name: 'billing-work-order-invoices',
  types: ['work_order.completed'],
  async handle(em, event) {
    const parsed = workOrderCompleted.safeParse(event.data);
    if (!parsed.success) {
      console.error(`[billing] work_order.completed ${event.id} not billed: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
      return;
    }
    const { customerId, workOrderId, billable, currency, taxes, total } = parsed.data;
    const lines = parsed.data.billableLines ?? parsed.data.lines ?? [];
    if (billable === false || lines.length === 0) return;
    const source = `work_order:${workOrderId.toLowerCase()}`;
    const [existing] = await em.execute<{ id: string }[]>('SELECT id FROM billing.invoice WHERE tenant_id = ? AND source = ?', [event.tenantid, source]);
    if (existing) return;
    try {
      const profile: TaxProfileValue = currency && taxes ? { currency, taxes } : await new TaxProfiles(em, event.tenantid).get();
      const priced = priceInvoice(validateLines(lines, 'data.lines'), profile);
      checkTotals(priced, 'data.lines');
      if (total !== undefined && !priced.total.equals(total)) {
        console.error(`[billing] work_order.completed ${event.id} not billed: its lines come to ${priced.total.toFixed(2)}, the work order's total is ${total}`);
        return;
      }
      const issuedAt = new Date();
      await writeInvoice(em, event.tenantid, {
        customerId: customerId.toLowerCase(), draft: false, issuedAt, dueDate: addDays(isoDate(issuedAt), DEFAULT_PAYMENT_TERM_DAYS), priced, source,
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      console.error(`[billing] work_order.completed ${event.id} not billed: ${error.field ?? ''} ${error.message}`);
    }
  },
};

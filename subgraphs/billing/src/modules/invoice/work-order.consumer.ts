import { z } from 'zod';
import { DomainError, type ConsumerDefinition } from '@c360/kit';
import { addDays, isoDate } from '../shared/dates.ts';
import { checkTotals, validateLines } from '../shared/lines.ts';
import { priceInvoice } from '../tax/tax.calculation.ts';
import { TaxProfiles } from '../tax/tax-profile.service.ts';
import { DEFAULT_PAYMENT_TERM_DAYS } from './invoice.service.ts';
import { writeInvoice } from './invoice.writer.ts';

const decimal = z.union([z.string(), z.number()]).transform(String);

/** `work_order.completed` as the support subgraph publishes it; extra fields are ignored. */
const workOrderCompleted = z.object({
  customerId: z.uuid(),
  workOrderId: z.uuid(),
  billable: z.boolean().optional(),
  lines: z.array(z.object({ description: z.string(), quantity: decimal, unitPrice: decimal })).optional(),
  billableLines: z.array(z.object({ description: z.string(), quantity: decimal, unitPrice: decimal })).optional(),
});

/**
 * Bills a completed work order: an ISSUED invoice of its billable lines, priced
 * with billing's tax profile (billing's document, billing's taxes). Made once per
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
    const { customerId, workOrderId, billable } = parsed.data;
    const lines = parsed.data.billableLines ?? parsed.data.lines ?? [];
    if (billable === false || lines.length === 0) return;
    const source = `work_order:${workOrderId.toLowerCase()}`;
    const [existing] = await em.execute<{ id: string }[]>('SELECT id FROM billing.invoice WHERE tenant_id = ? AND source = ?', [event.tenantid, source]);
    if (existing) return;
    try {
      const priced = priceInvoice(validateLines(lines, 'data.lines'), await new TaxProfiles(em, event.tenantid).get());
      checkTotals(priced, 'data.lines');
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

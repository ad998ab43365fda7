import {
  amount, badInput, conflict, newId, notFound, recordEvents, requireUuid,
  type Caller, type EntityManager,
} from '@c360/kit';
import { Invoice, OPEN_INVOICE_STATUSES } from '../invoice/invoice.entity.ts';
import { insertPayment } from '../payment/payment.service.ts';
import { PAYMENT_METHOD_COLUMNS, SavedPaymentMethod, type PaymentAttemptRow } from './payment-method.entity.ts';
import { readSealedReferences } from './payment-method.loader.ts';
import type { PaymentProcessor } from './processor.ts';
import type { ReferenceCipher } from './reference-cipher.ts';

/** What charging needs besides the database: the processor, the key, and who is charging (for the audit). */
export interface ChargeDeps {
  processor: PaymentProcessor;
  cipher: ReferenceCipher;
  actor: Caller;
}

export interface ChargeInvoiceInput {
  invoiceId: string;
  /** A saved method of the invoice's customer; the customer's auto-pay method when omitted. */
  paymentMethodId?: string | null;
}

type InvoiceToCharge = { id: string; customer_id: string; number: string | null; status: string; total: string; paid_amount: string; currency: string };

const OPEN = new Set<string>(OPEN_INVOICE_STATUSES);

/**
 * Charges what an invoice still owes to a saved payment method through the
 * processor, outside any transaction (the processor may take seconds), then
 * records the outcome in one transaction: on success a payment allocated to the
 * invoice and a SUCCEEDED attempt; on failure a FAILED attempt with the
 * processor's reason and `payment.failed`. The Idempotency-Key is the invoice
 * and the attempt's number, so a retry of the same attempt (after a crash or a
 * timeout) is charged once by the processor, and the unique "one success per
 * invoice" index stops a second recording.
 *
 * `automatic` charges (after issue, and the job) skip invoices that owe nothing
 * or customers without auto-pay, and respect the method's auto-pay limit.
 */
export async function chargeInvoice(
  em: EntityManager, tenantId: string, deps: ChargeDeps, invoiceId: string,
  options: { paymentMethodId?: string | null; automatic: boolean },
): Promise<PaymentAttemptRow | null> {
  const [invoice] = await em.execute<InvoiceToCharge[]>(
    'SELECT id, customer_id, number, status, total, paid_amount, currency FROM billing.invoice WHERE tenant_id = ? AND id = ?', [tenantId, invoiceId]);
  if (!invoice) throw notFound('Invoice');
  const outstanding = amount(invoice.total).minus(invoice.paid_amount);
  if (!OPEN.has(invoice.status) || outstanding.lessThanOrEqualTo(0)) {
    if (options.automatic) return null;
    throw conflict(`Invoice is ${invoice.status} and owes nothing`, 'input.invoiceId');
  }
  const method = await methodFor(em, tenantId, invoice.customer_id, options.paymentMethodId ?? null);
  if (!method) {
    if (options.automatic) return null;
    throw badInput(options.paymentMethodId ? 'input.paymentMethodId' : 'input.invoiceId',
      options.paymentMethodId ? 'is not an active payment method of the invoice\'s customer' : 'the customer has no auto-pay payment method');
  }

  const [previous] = await em.execute<{ n: number }[]>('SELECT count(*)::int AS n FROM billing.payment_attempt WHERE tenant_id = ? AND invoice_id = ?', [tenantId, invoiceId]);
  const attemptNumber = (previous?.n ?? 0) + 1;
  const overLimit = options.automatic && method.autoPayLimit != null && outstanding.greaterThan(method.autoPayLimit);
  const result = overLimit
    ? { ok: false as const, code: 'over_limit', reason: `${outstanding.toFixed(2)} is above the auto-pay limit of ${amount(method.autoPayLimit!).toFixed(2)}`, reference: null }
    : await deps.processor.charge({
      ...(await openReferences(em, tenantId, deps, method.id)),
      amount: outstanding,
      currency: invoice.currency,
      idempotencyKey: `c360-invoice-${invoiceId}-attempt-${attemptNumber}`,
      description: `Invoice ${invoice.number ?? invoiceId}`,
      metadata: { tenant_id: tenantId, invoice_id: invoiceId, ...(invoice.number ? { invoice_number: invoice.number } : {}) },
    });

  return em.transactional(async (tx) => {
    const payment = result.ok
      ? await insertPayment(tx, tenantId, {
        customerId: invoice.customer_id, amount: outstanding, currency: invoice.currency,
        method: method.kind === 'BANK_DEBIT' ? 'DIRECT_DEBIT' : 'CARD', reference: result.reference, invoiceIds: [invoiceId],
      })
      : null;
    const [attempt] = await tx.execute<PaymentAttemptRow[]>(
      `INSERT INTO billing.payment_attempt (id, tenant_id, invoice_id, payment_method_id, amount, currency, status, processor_reference,
         failure_code, failure_reason, payment_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      [newId(), tenantId, invoiceId, method.id, outstanding.toFixed(2), invoice.currency, result.ok ? 'SUCCEEDED' : 'FAILED', result.reference,
        result.ok ? null : result.code, result.ok ? null : result.reason, payment?.id ?? null],
    );
    if (!result.ok) {
      await recordEvents(tx, 'billing', tenantId, [{
        type: 'payment.failed',
        subject: invoiceId,
        data: { customerId: invoice.customer_id, invoiceId, paymentMethodId: method.id, amount: outstanding.toFixed(2), code: result.code, reason: result.reason },
      }]);
    }
    return attempt!;
  });
}

async function methodFor(em: EntityManager, tenantId: string, customerId: string, methodId: string | null): Promise<SavedPaymentMethod | null> {
  const [row] = await em.execute<Record<string, unknown>[]>(
    `SELECT ${PAYMENT_METHOD_COLUMNS} FROM billing.payment_method
     WHERE tenant_id = ? AND customer_id = ? AND active AND (CASE WHEN ?::uuid IS NULL THEN auto_pay ELSE id = ?::uuid END)`,
    [tenantId, customerId, methodId, methodId],
  );
  return row ? em.map(SavedPaymentMethod, row) : null;
}

async function openReferences(em: EntityManager, tenantId: string, deps: ChargeDeps, methodId: string) {
  const [sealed] = await readSealedReferences(em, tenantId, [methodId], deps.actor, 'CHARGE');
  return deps.cipher.open(sealed!.reference_sealed, sealed!.key_id, { tenantId, id: methodId });
}

/** Auto-pay within a request: after an invoice is issued, and the manual `chargeInvoice`. */
export class AutoPayService {
  private readonly em: EntityManager;
  private readonly tenantId: string;
  private readonly deps: ChargeDeps;

  constructor(options: { em: EntityManager; tenantId: string } & ChargeDeps) {
    this.em = options.em;
    this.tenantId = options.tenantId;
    this.deps = { processor: options.processor, cipher: options.cipher, actor: options.actor };
  }

  /** Charges a just-issued invoice when its customer is on auto-pay; returns the invoice as it is now. */
  async afterIssue(invoice: Invoice): Promise<Invoice> {
    if (invoice.status !== 'ISSUED') return invoice;
    const attempt = await chargeInvoice(this.em, this.tenantId, this.deps, invoice.id, { automatic: true });
    return attempt?.status === 'SUCCEEDED' ? this.reload(invoice.id) : invoice;
  }

  async charge(input: ChargeInvoiceInput): Promise<{ invoice: Invoice; attempt: PaymentAttemptRow }> {
    const invoiceId = requireUuid(input.invoiceId, 'input.invoiceId').toLowerCase();
    const paymentMethodId = input.paymentMethodId == null ? null : requireUuid(input.paymentMethodId, 'input.paymentMethodId').toLowerCase();
    const attempt = await chargeInvoice(this.em, this.tenantId, this.deps, invoiceId, { paymentMethodId, automatic: false });
    return { invoice: await this.reload(invoiceId), attempt: attempt! };
  }

  private async reload(id: string): Promise<Invoice> {
    const [row] = await this.em.execute<Record<string, unknown>[]>('SELECT * FROM billing.invoice WHERE tenant_id = ? AND id = ?', [this.tenantId, id]);
    return this.em.map(Invoice, row!);
  }
}

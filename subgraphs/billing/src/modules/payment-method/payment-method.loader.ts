import { groupedLoader, isUuid, keyedLoader, uuidArray, type Caller, type EntityManager } from '@c360/kit';
import { PAYMENT_METHOD_COLUMNS, SavedPaymentMethod, type PaymentAttemptRow } from './payment-method.entity.ts';

/** A method's sealed references, read together with the audit row of that read. */
export type SealedReferenceRow = { id: string; tenant_id: string; reference_sealed: Buffer; key_id: string };

export interface PaymentMethodLoaders {
  paymentMethodById: ReturnType<typeof keyedLoader<string, SavedPaymentMethod>>;
  /** Each customer's active payment methods, oldest first (and so `Customer.autoPay`). */
  customerPaymentMethods: ReturnType<typeof groupedLoader<string, SavedPaymentMethod>>;
  /** Each invoice's charge attempts, oldest first. */
  invoicePaymentAttempts: ReturnType<typeof groupedLoader<string, PaymentAttemptRow>>;
}

export function createPaymentMethodLoaders(em: EntityManager, tenantId: string): PaymentMethodLoaders {
  return {
    paymentMethodById: keyedLoader((ids) => em.find(SavedPaymentMethod, { id: { $in: ids.filter(isUuid) } }), (method) => method.id),
    customerPaymentMethods: groupedLoader(
      async (customerIds) => {
        const rows = await em.execute<Record<string, unknown>[]>(
          `SELECT ${PAYMENT_METHOD_COLUMNS} FROM billing.payment_method
           WHERE tenant_id = ? AND customer_id = ANY(?::uuid[]) AND active ORDER BY created_at, id`,
          [tenantId, uuidArray(customerIds)],
        );
        return rows.map((row) => em.map(SavedPaymentMethod, row));
      },
      (method) => method.customerId,
    ),
    invoicePaymentAttempts: groupedLoader(
      (invoiceIds) => em.execute<PaymentAttemptRow[]>(
        `SELECT id, invoice_id, payment_method_id, amount, currency, status, processor_reference, failure_code, failure_reason, payment_id, attempted_at
         FROM billing.payment_attempt WHERE tenant_id = ? AND invoice_id = ANY(?::uuid[]) ORDER BY invoice_id, attempted_at, id`,
        [tenantId, uuidArray(invoiceIds)],
      ),
      (attempt) => attempt.invoice_id,
    ),
  };
}

/**
 * Reads sealed references and writes the audit of the read in one statement:
 * a reference is never read without its audit row, whoever asks (a person
 * through the API, or auto-pay charging a card).
 */
export function readSealedReferences(em: EntityManager, tenantId: string, ids: readonly string[], caller: Caller, purpose: 'READ' | 'CHARGE'): Promise<SealedReferenceRow[]> {
  return em.execute<SealedReferenceRow[]>(
    `WITH methods AS (
       SELECT id, tenant_id, reference_sealed, key_id FROM billing.payment_method WHERE tenant_id = ? AND id = ANY(?::uuid[])
     ), audit AS (
       INSERT INTO billing.payment_method_access (tenant_id, payment_method_id, subject, roles, purpose)
       SELECT tenant_id, id, ?, ?::text[], ? FROM methods
     )
     SELECT * FROM methods`,
    [tenantId, uuidArray(ids.filter(isUuid)), caller.subject, `{${caller.roles.map((role) => JSON.stringify(role)).join(',')}}`, purpose],
  );
}

/** Batches the reads of one request: N references shown → one statement (and N audit rows). */
export function createSecretLoader(em: EntityManager, tenantId: string, caller: Caller) {
  return keyedLoader((ids: readonly string[]) => readSealedReferences(em, tenantId, ids, caller, 'READ'), (row) => row.id);
}

import {
  RequestScopedService, badInput, conflict, newId, notFound, recordEvents, requireRole, requireUuid,
  type Caller, type DomainEvent, type EntityManager, type RequestScope,
} from '@c360/kit';
import { BILLING_ADMIN_ROLES } from '../shared/access.ts';
import { checkVersion, parseMoney, parseText, requiredText } from '../shared/values.ts';
import type { TaxProfiles } from '../tax/tax-profile.service.ts';
import { PAYMENT_METHOD_COLUMNS, SavedPaymentMethod, type PaymentMethodKind, type PaymentProcessorName } from './payment-method.entity.ts';
import { createSecretLoader, type PaymentMethodLoaders } from './payment-method.loader.ts';
import type { ProcessorReferences, ReferenceCipher } from './reference-cipher.ts';

export interface AddPaymentMethodInput {
  customerId: string;
  kind: PaymentMethodKind;
  processor: PaymentProcessorName;
  customerReference?: string | null;
  methodReference: string;
  label: string;
  maskedNumber?: string | null;
  expiry?: string | null;
  autoPay?: boolean | null;
  autoPayLimit?: string | null;
}

export interface UpdatePaymentMethodInput {
  id: string;
  version?: number | null;
  label?: string | null;
  autoPay?: boolean | null;
  /** A decimal string; an empty string removes the limit. */
  autoPayLimit?: string | null;
}

const REFERENCE = /^[A-Za-z0-9_:.\-]{3,200}$/;
const EXPIRY = /^(0[1-9]|1[0-2])\/\d{2}$/;

/** Saved payment methods, their sealed processor references (for allowed roles, audited) and the auto-pay flag. */
export class PaymentMethodService extends RequestScopedService<PaymentMethodLoaders> {
  private readonly caller: Caller;
  private readonly cipher: ReferenceCipher;
  private readonly taxProfiles: TaxProfiles;
  private readonly secrets: ReturnType<typeof createSecretLoader>;

  constructor(deps: RequestScope<PaymentMethodLoaders> & { caller: Caller; cipher: ReferenceCipher; taxProfiles: TaxProfiles }) {
    super(deps);
    this.caller = deps.caller;
    this.cipher = deps.cipher;
    this.taxProfiles = deps.taxProfiles;
    this.secrets = createSecretLoader(this.em, this.tenantId, this.caller);
  }

  forCustomer(customerId: string): Promise<SavedPaymentMethod[]> {
    return this.loaders.customerPaymentMethods.load(customerId.toLowerCase());
  }

  async autoPay(customerId: string): Promise<boolean> {
    return (await this.forCustomer(customerId)).some((method) => method.autoPay);
  }

  /**
   * The processor's references, for billing administrators only; every read
   * writes an audit row (who, roles, when, which method) in the same statement.
   */
  async references(method: SavedPaymentMethod): Promise<ProcessorReferences> {
    requireRole(this.caller, BILLING_ADMIN_ROLES, 'read payment-method references');
    const sealed = await this.secrets.load(method.id);
    if (!sealed) throw notFound('Payment method');
    return this.cipher.open(sealed.reference_sealed, sealed.key_id, { tenantId: this.tenantId, id: method.id });
  }

  /**
   * Saves a method. Full card or account numbers are refused: only the last four
   * digits may be shown. Turning auto-pay on moves it from the customer's other
   * method, in the same transaction (one auto-pay method per customer).
   */
  async add(input: AddPaymentMethodInput): Promise<{ paymentMethod: SavedPaymentMethod }> {
    const customerId = requireUuid(input.customerId, 'input.customerId').toLowerCase();
    const references: ProcessorReferences = {
      customerReference: input.customerReference == null || !input.customerReference.trim() ? null : reference(input.customerReference, 'input.customerReference'),
      methodReference: reference(input.methodReference, 'input.methodReference'),
    };
    const label = requiredText(input.label, 'input.label', 100);
    const maskedNumber = masked(input.maskedNumber);
    const expiry = parseText(input.expiry, 'input.expiry', { max: 5 });
    if (expiry && !EXPIRY.test(expiry)) throw badInput('input.expiry', `"${input.expiry}" is not a card expiry such as 08/29`);
    const autoPayLimit = input.autoPayLimit == null ? null : parseMoney(input.autoPayLimit, 'input.autoPayLimit').toFixed(2);
    const { currency } = await this.taxProfiles.get();
    const id = newId();
    const sealed = this.cipher.seal(references, { tenantId: this.tenantId, id });
    return this.em.transactional(async (tx) => {
      if (input.autoPay) await clearAutoPay(tx, this.tenantId, customerId);
      const [row] = await tx.execute<Record<string, unknown>[]>(
        `INSERT INTO billing.payment_method (id, tenant_id, customer_id, kind, processor, label, masked_number, expiry, auto_pay, auto_pay_limit,
           currency, reference_sealed, key_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${PAYMENT_METHOD_COLUMNS}`,
        [id, this.tenantId, customerId, input.kind, input.processor, label, maskedNumber, expiry, input.autoPay ?? false, autoPayLimit, currency, sealed, this.cipher.keyId],
      );
      const paymentMethod = tx.map(SavedPaymentMethod, row!);
      await recordEvents(tx, 'billing', this.tenantId, [paymentMethodAddedEvent(paymentMethod)]);
      return { paymentMethod };
    });
  }

  async update(input: UpdatePaymentMethodInput): Promise<{ paymentMethod: SavedPaymentMethod }> {
    const id = requireUuid(input.id, 'input.id').toLowerCase();
    const label = input.label == null ? null : requiredText(input.label, 'input.label', 100);
    const limit = input.autoPayLimit == null ? undefined : input.autoPayLimit.trim() === '' ? null : parseMoney(input.autoPayLimit, 'input.autoPayLimit').toFixed(2);
    return this.em.transactional(async (tx) => {
      const current = await lockMethod(tx, this.tenantId, id);
      checkVersion(current.version, input.version, 'payment method');
      if (!current.active) throw conflict('The payment method was removed', 'input.id');
      if (input.autoPay) await clearAutoPay(tx, this.tenantId, current.customerId, id);
      const [row] = await tx.execute<Record<string, unknown>[]>(
        `UPDATE billing.payment_method SET label = coalesce(?, label), auto_pay = coalesce(?, auto_pay),
           auto_pay_limit = CASE WHEN ? THEN ? ELSE auto_pay_limit END, updated_at = now(), version = version + 1
         WHERE tenant_id = ? AND id = ? RETURNING ${PAYMENT_METHOD_COLUMNS}`,
        [label, input.autoPay ?? null, limit !== undefined, limit ?? null, this.tenantId, id],
      );
      const paymentMethod = tx.map(SavedPaymentMethod, row!);
      await recordEvents(tx, 'billing', this.tenantId, [{
        type: 'payment_method.updated',
        subject: id,
        data: { customerId: paymentMethod.customerId, paymentMethodId: id, autoPay: paymentMethod.autoPay, autoPayLimit: paymentMethod.autoPayLimit },
      }]);
      return { paymentMethod };
    });
  }

  /** Deactivates the method (kept for the history of its charge attempts); auto-pay stops with it. */
  async remove(input: { id: string }): Promise<{ paymentMethod: SavedPaymentMethod }> {
    const id = requireUuid(input.id, 'input.id').toLowerCase();
    return this.em.transactional(async (tx) => {
      await lockMethod(tx, this.tenantId, id);
      const [row] = await tx.execute<Record<string, unknown>[]>(
        `UPDATE billing.payment_method SET active = false, auto_pay = false, updated_at = now(), version = version + 1
         WHERE tenant_id = ? AND id = ? RETURNING ${PAYMENT_METHOD_COLUMNS}`,
        [this.tenantId, id],
      );
      const paymentMethod = tx.map(SavedPaymentMethod, row!);
      await recordEvents(tx, 'billing', this.tenantId, [
        { type: 'payment_method.removed', subject: id, data: { customerId: paymentMethod.customerId, paymentMethodId: id } },
      ]);
      return { paymentMethod };
    });
  }
}

async function lockMethod(tx: EntityManager, tenantId: string, id: string): Promise<SavedPaymentMethod> {
  const [row] = await tx.execute<Record<string, unknown>[]>(
    `SELECT ${PAYMENT_METHOD_COLUMNS} FROM billing.payment_method WHERE tenant_id = ? AND id = ? FOR UPDATE`, [tenantId, id]);
  if (!row) throw notFound('Payment method');
  return tx.map(SavedPaymentMethod, row);
}

/** Auto-pay is one method per customer: turning it on elsewhere turns it off here first, with that method's event. */
async function clearAutoPay(tx: EntityManager, tenantId: string, customerId: string, except: string | null = null): Promise<void> {
  const cleared = await tx.execute<{ id: string; auto_pay_limit: string | null }[]>(
    `UPDATE billing.payment_method SET auto_pay = false, updated_at = now(), version = version + 1
     WHERE tenant_id = ? AND customer_id = ? AND auto_pay AND id IS DISTINCT FROM ?::uuid
     RETURNING id, auto_pay_limit`,
    [tenantId, customerId, except],
  );
  await recordEvents(tx, 'billing', tenantId, cleared.map((row) => ({
    type: 'payment_method.updated',
    subject: row.id,
    data: { customerId, paymentMethodId: row.id, autoPay: false, autoPayLimit: row.auto_pay_limit },
  })));
}

function reference(raw: string, field: string): string {
  const value = raw.trim();
  if (!REFERENCE.test(value)) throw badInput(field, 'is not a processor reference (3 to 200 letters, digits, _ : . -), e.g. pm_1Nv0K2...');
  return value;
}

/** At most the last four digits: a full card or account number is never accepted. */
function masked(raw: string | null | undefined): string | null {
  const value = parseText(raw, 'input.maskedNumber', { max: 30 });
  if (value && !/^[^0-9]*[0-9]{0,4}$/.test(value)) {
    throw badInput('input.maskedNumber', 'must show at most the last 4 digits (e.g. •••• 4242); full card or account numbers are never stored');
  }
  return value;
}

/** `payment_method.added` (the demo data records it too, for its past). */
export function paymentMethodAddedEvent(paymentMethod: SavedPaymentMethod): DomainEvent {
  return {
    type: 'payment_method.added',
    subject: paymentMethod.id,
    data: {
      customerId: paymentMethod.customerId, paymentMethodId: paymentMethod.id, kind: paymentMethod.kind, processor: paymentMethod.processor,
      label: paymentMethod.label, autoPay: paymentMethod.autoPay,
    },
  };
}

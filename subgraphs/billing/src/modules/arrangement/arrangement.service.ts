import {
  RequestScopedService, badInput, conflict, newId, notFound, pageRequest, recordEvents, requireUuid,
  type Caller, type Connection, type DomainEvent, type EntityManager, type PageArgs, type RequestScope,
} from '@c360/kit';
import { authorOf } from '../shared/access.ts';
import { dateArg, daysBetween, today } from '../shared/dates.ts';
import { checkTransition, checkVersion, parseMoney, parseText, requiredText } from '../shared/values.ts';
import type { TaxProfiles } from '../tax/tax-profile.service.ts';
import { ARRANGEMENT_WORKFLOW, PaymentArrangement, type ArrangementMethod, type ArrangementStatus } from './arrangement.entity.ts';
import type { ArrangementLoaders } from './arrangement.loader.ts';

export interface CreateArrangementInput {
  customerId: string;
  amount: string;
  agreedOn?: Date | null;
  dueDate: Date;
  cutoffDate: Date;
  method?: ArrangementMethod | null;
  staffNote?: string | null;
  /** PENDING (proposed, to be confirmed) or OPEN (agreed); OPEN by default. */
  status?: 'PENDING' | 'OPEN' | null;
}

export interface UpdateArrangementInput {
  id: string;
  version?: number | null;
  status?: ArrangementStatus | null;
  amount?: string | null;
  dueDate?: Date | null;
  cutoffDate?: Date | null;
  method?: ArrangementMethod | null;
  staffNote?: string | null;
  /** Why it changed; required for every change. */
  changeReason: string;
}

const EVENT_OF: Partial<Record<ArrangementStatus, string>> = {
  COMPLETED: 'arrangement.completed', BROKEN: 'arrangement.broken', CANCELLED: 'arrangement.cancelled', OPEN: 'arrangement.opened',
};

export class ArrangementService extends RequestScopedService<ArrangementLoaders> {
  private readonly caller: Caller;
  private readonly taxProfiles: TaxProfiles;

  constructor(deps: RequestScope<ArrangementLoaders> & { caller: Caller; taxProfiles: TaxProfiles }) {
    super(deps);
    this.caller = deps.caller;
    this.taxProfiles = deps.taxProfiles;
  }

  get(id: string, field = 'id'): Promise<PaymentArrangement | null> {
    return this.loaders.arrangementById.load(requireUuid(id, field).toLowerCase());
  }

  active(customerId: string): Promise<PaymentArrangement | null> {
    return this.loaders.liveArrangement.load(customerId.toLowerCase());
  }

  forCustomer(customerId: string, args: PageArgs): Promise<Connection<PaymentArrangement>> {
    return this.loaders.customerArrangements.load({ key: customerId.toLowerCase(), args: pageRequest(args) });
  }

  /** Days from today (UTC) to the cutoff date: 0 on the day, negative once it has passed. */
  daysToCutoff(arrangement: PaymentArrangement): number {
    return daysBetween(today(), String(arrangement.cutoffDate));
  }

  /** A new arrangement; a customer has at most one live (PENDING or OPEN) arrangement at a time. */
  async create(input: CreateArrangementInput): Promise<{ arrangement: PaymentArrangement }> {
    const customerId = requireUuid(input.customerId, 'input.customerId').toLowerCase();
    const value = parseMoney(input.amount, 'input.amount');
    const agreedOn = dateArg(input.agreedOn, 'input.agreedOn') ?? today();
    const { dueDate, cutoffDate } = checkDates(agreedOn, dateArg(input.dueDate, 'input.dueDate')!, dateArg(input.cutoffDate, 'input.cutoffDate')!);
    const staffNote = parseText(input.staffNote, 'input.staffNote', { max: 2000 });
    const { currency } = await this.taxProfiles.get();
    return this.em.transactional(async (tx) => {
      // Inserted only if the customer has no live arrangement: the unique partial index decides between concurrent calls.
      const [row] = await tx.execute<Record<string, unknown>[]>(
        `INSERT INTO billing.payment_arrangement (id, tenant_id, customer_id, amount, currency, agreed_on, due_date, cutoff_date, method, status, staff_note, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (tenant_id, customer_id) WHERE status IN ('PENDING', 'OPEN') DO NOTHING
         RETURNING *`,
        [newId(), this.tenantId, customerId, value.toFixed(2), currency, agreedOn, dueDate, cutoffDate, input.method ?? null, input.status ?? 'OPEN', staffNote, authorOf(this.caller)],
      );
      if (!row) throw conflict('The customer already has a live (PENDING or OPEN) payment arrangement; change or cancel it first', 'input.customerId');
      const arrangement = tx.map(PaymentArrangement, row);
      await recordEvents(tx, 'billing', this.tenantId, [arrangementCreatedEvent(arrangement)]);
      return { arrangement };
    });
  }

  /** Changes the terms of a live arrangement or its status, always with a reason (kept on the row and in the event). */
  async update(input: UpdateArrangementInput): Promise<{ arrangement: PaymentArrangement }> {
    const id = requireUuid(input.id, 'input.id').toLowerCase();
    const changeReason = requiredText(input.changeReason, 'input.changeReason', 2000);
    const amount = input.amount == null ? null : parseMoney(input.amount, 'input.amount').toFixed(2);
    return this.em.transactional(async (tx) => {
      const current = await lockArrangement(tx, this.tenantId, id);
      // Read before the update: mapping the updated row refreshes the same managed entity.
      const from = current.status;
      checkVersion(current.version, input.version, 'payment arrangement');
      const status = input.status ?? current.status;
      if (status !== current.status) checkTransition(ARRANGEMENT_WORKFLOW, 'payment arrangement', current.status, status);
      else if (!ARRANGEMENT_WORKFLOW[current.status].length) throw conflict(`A ${current.status} payment arrangement cannot be changed`, 'input.id');
      const { dueDate, cutoffDate } = checkDates(String(current.agreedOn),
        dateArg(input.dueDate, 'input.dueDate') ?? String(current.dueDate), dateArg(input.cutoffDate, 'input.cutoffDate') ?? String(current.cutoffDate),
        input.cutoffDate != null);
      const closing = status !== 'PENDING' && status !== 'OPEN';
      const [row] = await tx.execute<Record<string, unknown>[]>(
        `UPDATE billing.payment_arrangement SET status = ?, amount = coalesce(?, amount), due_date = ?, cutoff_date = ?,
           method = coalesce(?, method), staff_note = coalesce(?, staff_note), change_reason = ?,
           closed_at = CASE WHEN ? THEN now() END, updated_at = now(), version = version + 1
         WHERE tenant_id = ? AND id = ? RETURNING *`,
        [status, amount, dueDate, cutoffDate, input.method ?? null, parseText(input.staffNote, 'input.staffNote', { max: 2000 }), changeReason, closing, this.tenantId, id],
      );
      const arrangement = tx.map(PaymentArrangement, row!);
      await recordEvents(tx, 'billing', this.tenantId, [{
        type: (status !== from && EVENT_OF[status]) || 'arrangement.updated',
        subject: id,
        data: { customerId: arrangement.customerId, arrangementId: id, from, to: status, changeReason, by: authorOf(this.caller) },
      }]);
      return { arrangement };
    });
  }
}

/** `arrangement.created` (the demo data records it too, for its past). */
export function arrangementCreatedEvent(arrangement: PaymentArrangement): DomainEvent {
  return {
    type: 'arrangement.created',
    subject: arrangement.id,
    data: {
      customerId: arrangement.customerId, arrangementId: arrangement.id, amount: arrangement.amount, dueDate: String(arrangement.dueDate),
      cutoffDate: String(arrangement.cutoffDate), status: arrangement.status,
    },
  };
}

async function lockArrangement(tx: EntityManager, tenantId: string, id: string): Promise<PaymentArrangement> {
  const [row] = await tx.execute<Record<string, unknown>[]>('SELECT * FROM billing.payment_arrangement WHERE tenant_id = ? AND id = ? FOR UPDATE', [tenantId, id]);
  if (!row) throw notFound('Payment arrangement');
  return tx.map(PaymentArrangement, row);
}

/** agreed ≤ due ≤ cutoff, and a (new) cutoff not already past. */
function checkDates(agreedOn: string, dueDate: string, cutoffDate: string, cutoffChanged = true): { dueDate: string; cutoffDate: string } {
  if (dueDate < agreedOn) throw badInput('input.dueDate', `must not be before the day it was agreed (${agreedOn})`);
  if (cutoffDate < dueDate) throw badInput('input.cutoffDate', `must not be before the due date (${dueDate})`);
  if (cutoffChanged && cutoffDate < today()) throw badInput('input.cutoffDate', `must not be in the past (${today()})`);
  return { dueDate, cutoffDate };
}

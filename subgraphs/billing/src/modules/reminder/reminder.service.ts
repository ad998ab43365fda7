import {
  RequestScopedService, badInput, newId, notFound, pageRequest, recordEvents, requireUuid,
  type Caller, type Connection, type PageArgs, type RequestScope,
} from '@c360/kit';
import type { ReminderChannel } from '../settings/settings.entity.ts';
import { authorOf } from '../shared/access.ts';
import { dateArg, today } from '../shared/dates.ts';
import { checkTransition, checkVersion, parseMoney, parseText } from '../shared/values.ts';
import { REMINDER_WORKFLOW, Reminder, type ReminderStatus } from './reminder.entity.ts';
import type { ReminderLoaders } from './reminder.loader.ts';

export interface CreateReminderInput {
  invoiceId?: string | null;
  contractId?: string | null;
  channel: ReminderChannel;
  subject?: string | null;
  scheduledOn?: Date | null;
  penalty?: string | null;
}

export interface ChangeReminderStatusInput {
  id: string;
  status: ReminderStatus;
  version?: number | null;
}

const STATUS_TIME: Record<ReminderStatus, string | null> = { PENDING: null, SENT: 'sent_at', PROCESSED: 'processed_at', CANCELLED: 'cancelled_at' };

/** Reminders: a customer's full history, reminders made by hand, and their follow-up. */
export class ReminderService extends RequestScopedService<ReminderLoaders> {
  private readonly caller: Caller;

  constructor(deps: RequestScope<ReminderLoaders> & { caller: Caller }) {
    super(deps);
    this.caller = deps.caller;
  }

  get(id: string): Promise<Reminder | null> {
    return this.em.findOne(Reminder, { id: requireUuid(id, 'id').toLowerCase() });
  }

  forCustomer(customerId: string, args: PageArgs): Promise<Connection<Reminder>> {
    return this.loaders.customerReminders.load({ key: customerId.toLowerCase(), args: pageRequest(args) });
  }

  /** A reminder made by a person, for an invoice or a contract of the tenant; its level follows the previous ones. */
  async create(input: CreateReminderInput): Promise<{ reminder: Reminder }> {
    if ((input.invoiceId == null) === (input.contractId == null)) throw badInput('input.invoiceId', 'give either invoiceId or contractId');
    const invoiceId = input.invoiceId == null ? null : requireUuid(input.invoiceId, 'input.invoiceId').toLowerCase();
    const contractId = input.contractId == null ? null : requireUuid(input.contractId, 'input.contractId').toLowerCase();
    const subject = parseText(input.subject, 'input.subject', { max: 300 });
    const scheduledOn = dateArg(input.scheduledOn, 'input.scheduledOn') ?? today();
    const penalty = input.penalty == null ? '0.00' : parseMoney(input.penalty, 'input.penalty', { allowZero: true }).toFixed(2);
    const [table, id, field] = invoiceId ? ['invoice', invoiceId, 'input.invoiceId'] : ['contract', contractId!, 'input.contractId'];
    return this.em.transactional(async (tx) => {
      const [target] = await tx.execute<{ customer_id: string; number: string | null; currency: string; level: number }[]>(
        `SELECT t.customer_id, t.number, t.currency,
           (SELECT coalesce(max(r.level), 0) + 1 FROM billing.reminder r WHERE r.${table}_id = t.id)::int AS level
         FROM billing.${table} t WHERE t.tenant_id = ? AND t.id = ? FOR UPDATE`,
        [this.tenantId, id],
      );
      if (!target) throw badInput(field, `is not a ${table} of this tenant`);
      const [row] = await tx.execute<Record<string, unknown>[]>(
        `INSERT INTO billing.reminder (id, tenant_id, customer_id, kind, invoice_id, contract_id, level, channel, status, subject, scheduled_on,
           penalty, currency, automatic, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, false, ?) RETURNING *`,
        [newId(), this.tenantId, target.customer_id, invoiceId ? 'PAYMENT' : 'CONTRACT_END', invoiceId, contractId, target.level, input.channel,
          subject ?? `${invoiceId ? 'Invoice' : 'Contract'} ${target.number ?? id}: reminder ${target.level}`, scheduledOn, penalty, target.currency, authorOf(this.caller)],
      );
      const reminder = tx.map(Reminder, row!);
      await recordEvents(tx, 'billing', this.tenantId, [reminderEvent('reminder.created', reminder)]);
      return { reminder };
    });
  }

  /** PENDING → SENT → PROCESSED, or CANCELLED before it is processed. */
  async changeStatus(input: ChangeReminderStatusInput): Promise<{ reminder: Reminder }> {
    const id = requireUuid(input.id, 'input.id').toLowerCase();
    return this.em.transactional(async (tx) => {
      const [current] = await tx.execute<Record<string, unknown>[]>('SELECT * FROM billing.reminder WHERE tenant_id = ? AND id = ? FOR UPDATE', [this.tenantId, id]);
      if (!current) throw notFound('Reminder');
      const before = tx.map(Reminder, current);
      checkVersion(before.version, input.version, 'reminder');
      checkTransition(REMINDER_WORKFLOW, 'reminder', before.status, input.status);
      const [row] = await tx.execute<Record<string, unknown>[]>(
        `UPDATE billing.reminder SET status = ?, ${STATUS_TIME[input.status]} = now(), updated_at = now(), version = version + 1
         WHERE tenant_id = ? AND id = ? RETURNING *`,
        [input.status, this.tenantId, id],
      );
      const reminder = tx.map(Reminder, row!);
      await recordEvents(tx, 'billing', this.tenantId, [reminderEvent(`reminder.${input.status.toLowerCase()}`, reminder)]);
      return { reminder };
    });
  }
}

export function reminderEvent(type: string, reminder: Pick<Reminder, 'id' | 'customerId' | 'kind' | 'invoiceId' | 'contractId' | 'level' | 'channel' | 'penalty'>) {
  return {
    type,
    subject: reminder.id,
    data: {
      customerId: reminder.customerId, reminderId: reminder.id, kind: reminder.kind, invoiceId: reminder.invoiceId,
      contractId: reminder.contractId, level: reminder.level, channel: reminder.channel, penalty: reminder.penalty,
    },
  };
}

import { badInput, conflict, newId, type AutomationCause, type DomainEvent } from '@c360/kit';
import { Suspension, type SuspensionReason } from './suspension.entity.ts';
import type { Customer, CustomerStatus } from '../customer/customer.entity.ts';
import { customerFields } from '../customer/customer.fields.ts';
import { CustomersService } from '../shared/customers-service.ts';
import { checkVersion, type CustomerWrite } from '../shared/customer-write.ts';
import { isoDay, text, todayIn } from '../shared/input.ts';
import { RECORD_KINDS, type Snapshot } from '../shared/record-kinds.ts';

export interface SuspendCustomerInput {
  customerId: string;
  reason: SuspensionReason;
  note?: string | null;
  /** Defaults to today (the tenant's time zone); cannot be in the future. */
  startsOn?: Date | null;
  /** When the suspension is expected to end; reactivation is still an explicit step. */
  plannedEndOn?: Date | null;
  version?: number | null;
  /** Set when an automation rule suspends (never from the API): its event says why. */
  automation?: AutomationCause;
}

export interface StatusChangeInput {
  customerId: string;
  note?: string | null;
  version?: number | null;
  /** Set when an automation rule reactivates (never from the API): its event says why. */
  automation?: AutomationCause;
}

/**
 * A customer's lifecycle: ACTIVE ⇄ SUSPENDED (with a suspension record each
 * time), and INACTIVE (deactivated; customers are never deleted). Each change
 * writes its change records and one event — `customer.suspended`,
 * `customer.reactivated` or `customer.deactivated` — in its transaction.
 */
export class StatusService extends CustomersService {
  /** The suspension in force, or null. */
  current(customerId: string): Promise<Suspension | null> {
    return this.loaders.currentSuspension.load(customerId);
  }

  /** Every suspension of the customer, newest first. */
  history(customerId: string): Promise<Suspension[]> {
    return this.loaders.suspensionsByCustomer.load(customerId);
  }

  async suspend(input: SuspendCustomerInput): Promise<{ customer: Customer; suspension: Suspension }> {
    const today = todayIn((await this.settings.get()).timeZone);
    const startsOn = input.startsOn ? isoDay(input.startsOn) : today;
    if (startsOn > today) throw badInput('input.startsOn', 'cannot be in the future: suspend on the day it starts');
    const plannedEndOn = input.plannedEndOn ? isoDay(input.plannedEndOn) : null;
    if (plannedEndOn && plannedEndOn < startsOn) throw badInput('input.plannedEndOn', 'must not be before startsOn');
    const note = text(input.note, 'input.note');
    return this.write(async (write) => {
      const customer = await this.lock(write, input);
      if (customer.status !== 'ACTIVE') throw conflict(`Customer ${customer.id} is ${customer.status}; only an ACTIVE customer can be suspended`, 'input.customerId');
      const suspension = write.tx.create(Suspension, {
        id: newId(), tenantId: write.tenantId, customerId: customer.id, reason: input.reason, note, startsOn, plannedEndOn, suspendedBy: write.who,
      });
      await write.tx.flush();
      write.record(RECORD_KINDS.suspension, customer.id, suspension.id, 'CREATED', {}, suspensionSnapshot(suspension));
      await this.setStatus(write, customer, 'SUSPENDED');
      write.add(suspendedEvent(customer, suspension, input.automation));
      return { customer, suspension };
    });
  }

  /**
   * Makes a SUSPENDED customer (its suspension is lifted) or an INACTIVE one
   * ACTIVE again. `customer.reactivated` says which with `previousStatus`, and
   * carries the lifted suspension (null after a deactivation).
   */
  reactivate(input: StatusChangeInput): Promise<{ customer: Customer; suspension: Suspension | null }> {
    const note = text(input.note, 'input.note');
    return this.write(async (write) => {
      const customer = await this.lock(write, input);
      const previousStatus = customer.status;
      if (previousStatus === 'ACTIVE') throw conflict(`Customer ${customer.id} is already ACTIVE`, 'input.customerId');
      const suspension = previousStatus === 'SUSPENDED' ? await this.lift(write, customer, note) : null;
      if (previousStatus === 'INACTIVE') customer.deactivatedAt = null;
      await this.setStatus(write, customer, 'ACTIVE');
      write.add(reactivatedEvent(customer, previousStatus, suspension, input.automation));
      return { customer, suspension };
    });
  }

  /** Deactivates a customer (never a delete); a suspension in force ends with it. */
  deactivate(input: StatusChangeInput): Promise<{ customer: Customer }> {
    const note = text(input.note, 'input.note');
    return this.write(async (write) => {
      const customer = await this.lock(write, input);
      const previousStatus = customer.status;
      if (previousStatus === 'INACTIVE') throw conflict(`Customer ${customer.id} is already INACTIVE`, 'input.customerId');
      const ended = previousStatus === 'SUSPENDED' ? await this.lift(write, customer, note ?? 'Ended by deactivation') : null;
      customer.deactivatedAt = new Date();
      await this.setStatus(write, customer, 'INACTIVE');
      write.add(deactivatedEvent(customer, previousStatus, note, ended));
      return { customer };
    });
  }

  private async lock(write: CustomerWrite, input: { customerId: string; version?: number | null }): Promise<Customer> {
    const customer = await write.lockCustomer(input.customerId, 'input.customerId');
    checkVersion(`Customer ${customer.id}`, customer.version, input.version, 'input.version');
    return customer;
  }

  private async lift(write: CustomerWrite, customer: Customer, note: string | null): Promise<Suspension> {
    const suspension = await write.tx.findOneOrFail(Suspension, { customerId: customer.id, liftedAt: null });
    const before = suspensionSnapshot(suspension);
    write.tx.assign(suspension, { liftedAt: new Date(), liftedBy: write.who, liftNote: note });
    await write.tx.flush();
    write.record(RECORD_KINDS.suspension, customer.id, suspension.id, 'UPDATED', before, suspensionSnapshot(suspension));
    return suspension;
  }

  private async setStatus(write: CustomerWrite, customer: Customer, status: CustomerStatus): Promise<void> {
    const before = customerFields(customer);
    customer.status = status;
    await write.tx.flush();
    write.record(RECORD_KINDS.customer, customer.id, customer.id, 'UPDATED', before, customerFields(customer));
  }
}

/** `{ automation }` for the event of a change an automation rule made; nothing otherwise. */
const automated = (automation: AutomationCause | undefined) => (automation ? { automation } : {});

/*
 * The events of the lifecycle, of the customer as the change left it (the
 * demo data records them too, for its past).
 */
export function suspendedEvent(customer: Customer, suspension: Suspension, automation?: AutomationCause): DomainEvent {
  return {
    type: 'customer.suspended', subject: customer.id,
    data: { customerId: customer.id, suspensionId: suspension.id, ...suspensionSnapshot(suspension), version: customer.version, ...automated(automation) },
  };
}

export function reactivatedEvent(customer: Customer, previousStatus: CustomerStatus, lifted: Suspension | null, automation?: AutomationCause): DomainEvent {
  return {
    type: 'customer.reactivated', subject: customer.id,
    data: {
      customerId: customer.id, previousStatus, suspension: lifted ? { suspensionId: lifted.id, ...suspensionSnapshot(lifted) } : null,
      version: customer.version, ...automated(automation),
    },
  };
}

export function deactivatedEvent(customer: Customer, previousStatus: CustomerStatus, note: string | null, ended: Suspension | null): DomainEvent {
  return {
    type: 'customer.deactivated', subject: customer.id,
    data: { customerId: customer.id, previousStatus, note, endedSuspensionId: ended?.id ?? null, version: customer.version },
  };
}

export function suspensionSnapshot(suspension: Suspension): Snapshot {
  return {
    reason: suspension.reason,
    note: suspension.note ?? null,
    startsOn: suspension.startsOn,
    plannedEndOn: suspension.plannedEndOn ?? null,
    suspendedBy: suspension.suspendedBy,
    liftedAt: suspension.liftedAt ?? null,
    liftedBy: suspension.liftedBy ?? null,
    liftNote: suspension.liftNote ?? null,
  };
}

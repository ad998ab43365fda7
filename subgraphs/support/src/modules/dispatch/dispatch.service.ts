import { LockMode } from '@mikro-orm/core';
import {
  RequestScopedService, badInput, conflict, DomainError, ErrorCode, newId, recordEvents, requireUuid, type DomainEvent, type EntityManager,
} from '@c360/kit';
import type { SupportLoaders } from '../../loaders.ts';
import { requireSpan } from '../shared/period.ts';
import { optionalText } from '../shared/text.ts';
import { requireDistinct, requireTechnicians } from '../technician/technician.loader.ts';
import type { Technician } from '../technician/technician.entity.ts';
import { formatTicketNumber, Ticket } from '../ticket/ticket.entity.ts';
import { isDone } from '../ticket/ticket.status.ts';
import { DispatchJob, type DispatchStatus } from './dispatch.entity.ts';
import { canChangeDispatchStatus, NEXT_DISPATCH_STATUSES } from './dispatch.status.ts';

export interface ScheduleDispatchInput {
  ticketId: string;
  /** Defaults to the ticket's location. */
  locationId?: string | null;
  technicianIds: string[];
  start: Date;
  end: Date;
  note?: string | null;
}

export interface RescheduleDispatchInput {
  dispatchJobId: string;
  version: number;
  start: Date;
  end: Date;
  /** Replaces the crew; unchanged when omitted. */
  technicianIds?: string[] | null;
}

export interface ChangeDispatchStatusInput {
  dispatchJobId: string;
  status: DispatchStatus;
}

/** A job needs one technician; the legacy work orders hold two at most. */
export const MAX_CREW = 2;
export const MAX_WINDOW_HOURS = 24;
const NOTE_MAX_LENGTH = 2000;

export class DispatchService extends RequestScopedService<SupportLoaders> {
  get(id: string): Promise<DispatchJob | null> {
    return this.loaders.dispatchJobById.load(requireUuid(id, 'id'));
  }

  forTicket(ticket: Ticket): Promise<DispatchJob[]> {
    return this.loaders.dispatchJobsByTicket.load(ticket.id);
  }

  async crew(job: DispatchJob): Promise<Technician[]> {
    const rows = await this.loaders.crewByDispatchJob.load(job.id);
    const technicians = await this.loaders.technicianById.loadMany(rows.map((row) => row.technician_id));
    return technicians.filter((technician): technician is Technician => technician !== null && !(technician instanceof Error));
  }

  async ticket(job: DispatchJob): Promise<Ticket> {
    const ticket = await this.loaders.ticketById.load(job.ticketId);
    // The foreign key and the tenant make this impossible; say so rather than return a null for a non-null field.
    if (!ticket) throw new Error(`dispatch job ${job.id} has no ticket`);
    return ticket;
  }

  /** The customer is the ticket's (re-pointing a merged customer's tickets re-points their jobs too). */
  async customer(job: DispatchJob): Promise<{ __typename: 'Customer'; id: string }> {
    return { __typename: 'Customer', id: (await this.ticket(job)).customerId };
  }

  /**
   * Sends technicians to a ticket's location in a window. PostgreSQL refuses a
   * technician already booked in an overlapping window (see bookCrew); the whole
   * job is then rolled back and the error names the technician.
   */
  async schedule(input: ScheduleDispatchInput): Promise<{ dispatchJob: DispatchJob }> {
    requireSpan(input.start, input.end, { start: 'input.start', end: 'input.end' }, MAX_WINDOW_HOURS);
    const crew = await this.requireCrew(input.technicianIds);
    const note = optionalText(input.note, 'input.note', NOTE_MAX_LENGTH);
    return this.em.transactional(async (tx) => {
      // Shared lock: the ticket cannot be resolved or closed while the visit is being booked.
      const ticket = await tx.findOne(Ticket, { id: requireUuid(input.ticketId, 'input.ticketId') }, { lockMode: LockMode.PESSIMISTIC_READ });
      if (!ticket) throw new DomainError(ErrorCode.NotFound, 'Ticket not found', 'input.ticketId');
      if (isDone(ticket.status)) {
        throw badInput('input.ticketId', `${formatTicketNumber(ticket.number)} is ${ticket.status}; reopen it before sending a technician`);
      }
      const locationId = input.locationId ? requireUuid(input.locationId, 'input.locationId').toLowerCase() : ticket.locationId;
      if (!locationId) throw badInput('input.locationId', 'is required: the ticket is not about a service location');
      const [row] = await tx.execute<Record<string, unknown>[]>(
        `INSERT INTO support.dispatch_job (id, tenant_id, ticket_id, location_id, scheduled_start, scheduled_end, note)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *`,
        [newId(), this.tenantId, ticket.id, locationId, input.start, input.end, note],
      );
      const job = tx.map(DispatchJob, row!);
      await this.bookCrew(tx, job, crew, 'input.technicianIds');
      await recordEvents(tx, 'support', this.tenantId, [dispatchEvent('dispatch.scheduled', job, ticket, crew)]);
      return { dispatchJob: job };
    });
  }

  /** Moves a SCHEDULED job to another window and / or crew, with the same double-booking rule. */
  async reschedule(input: RescheduleDispatchInput): Promise<{ dispatchJob: DispatchJob }> {
    requireSpan(input.start, input.end, { start: 'input.start', end: 'input.end' }, MAX_WINDOW_HOURS);
    const newCrew = input.technicianIds ? await this.requireCrew(input.technicianIds) : null;
    return this.em.transactional(async (tx) => {
      const job = await lockJob(tx, input.dispatchJobId);
      if (job.version !== input.version) {
        throw conflict(`The dispatch job was changed by someone else (version ${job.version}, yours ${input.version}); reload and retry`, 'input.version');
      }
      if (job.status !== 'SCHEDULED') throw badInput('input.dispatchJobId', `the job is ${job.status}; only a SCHEDULED job can be rescheduled`);
      const crew = newCrew ?? await this.crew(job);
      // The job's own bookings must not stand in the way of its new window.
      await tx.execute('DELETE FROM support.dispatch_assignment WHERE tenant_id = ? AND dispatch_job_id = ?', [this.tenantId, job.id]);
      tx.assign(job, { scheduledStart: input.start, scheduledEnd: input.end });
      await tx.flush();
      await this.bookCrew(tx, job, crew, input.technicianIds ? 'input.technicianIds' : 'input.start');
      const ticket = await tx.findOneOrFail(Ticket, { id: job.ticketId });
      await recordEvents(tx, 'support', this.tenantId, [dispatchEvent('dispatch.rescheduled', job, ticket, crew)]);
      return { dispatchJob: job };
    });
  }

  /** Moves a job along its life (see NEXT_DISPATCH_STATUSES); cancelling frees its technicians. */
  async changeStatus(input: ChangeDispatchStatusInput): Promise<{ dispatchJob: DispatchJob }> {
    return this.em.transactional(async (tx) => {
      const job = await lockJob(tx, input.dispatchJobId);
      const from: DispatchStatus = job.status;
      const to = input.status;
      if (!canChangeDispatchStatus(from, to)) {
        const allowed = NEXT_DISPATCH_STATUSES[from];
        throw badInput('input.status', allowed.length === 0
          ? `cannot change from ${from}: a ${from} job is final`
          : `cannot change from ${from} to ${to}; from ${from} it can become ${allowed.join(', ')}`);
      }
      tx.assign(job, { status: to });
      await tx.flush();
      if (to === 'CANCELLED') {
        await tx.execute('UPDATE support.dispatch_assignment SET released = true WHERE tenant_id = ? AND dispatch_job_id = ?', [this.tenantId, job.id]);
      }
      const ticket = await tx.findOneOrFail(Ticket, { id: job.ticketId });
      await recordEvents(tx, 'support', this.tenantId, [dispatchEvent('dispatch.status_changed', job, ticket, await this.crew(job), { from, to })]);
      return { dispatchJob: job };
    });
  }

  private async requireCrew(ids: readonly string[]): Promise<Technician[]> {
    if (ids.length === 0) throw badInput('input.technicianIds', 'must name at least one technician');
    if (ids.length > MAX_CREW) throw badInput('input.technicianIds', `must name at most ${MAX_CREW} technicians`);
    const fieldOf = (index: number) => `input.technicianIds[${index}]`;
    const normalised = ids.map((id, index) => requireUuid(id, fieldOf(index)).toLowerCase());
    requireDistinct(normalised, fieldOf);
    return requireTechnicians(this.loaders, normalised, fieldOf, true);
  }

  /**
   * Books the crew on the job's window. The exclusion constraint on
   * (tenant, technician, window) decides, also between concurrent requests (an
   * insert waits for a competing booking to commit or roll back); `ON CONFLICT
   * DO NOTHING` leaves out the technicians it refuses, which names them.
   */
  private async bookCrew(tx: EntityManager, job: DispatchJob, crew: Technician[], field: string): Promise<void> {
    const booked = await tx.execute<{ technician_id: string }[]>(
      `INSERT INTO support.dispatch_assignment (dispatch_job_id, technician_id, tenant_id, position, scheduled)
       SELECT ?, r.technician_id, ?, r.position, tstzrange(?::timestamptz, ?::timestamptz, '[)')
       FROM jsonb_to_recordset(?::jsonb) AS r(technician_id uuid, position smallint)
       ON CONFLICT DO NOTHING
       RETURNING technician_id`,
      [job.id, this.tenantId, job.scheduledStart, job.scheduledEnd, JSON.stringify(crew.map((technician, position) => ({ technician_id: technician.id, position })))],
    );
    const bookedIds = new Set(booked.map((row) => row.technician_id));
    const index = crew.findIndex((technician) => !bookedIds.has(technician.id));
    if (index < 0) return;
    const technician = crew[index]!;
    const [clash] = await tx.execute<{ dispatch_job_id: string; starts: Date; ends: Date }[]>(
      `SELECT dispatch_job_id, lower(scheduled) AS starts, upper(scheduled) AS ends FROM support.dispatch_assignment
       WHERE tenant_id = ? AND technician_id = ? AND NOT released AND scheduled && tstzrange(?::timestamptz, ?::timestamptz, '[)')
         AND dispatch_job_id <> ?
       ORDER BY lower(scheduled) LIMIT 1`,
      [this.tenantId, technician.id, job.scheduledStart, job.scheduledEnd, job.id],
    );
    const when = clash ? ` from ${new Date(clash.starts).toISOString()} to ${new Date(clash.ends).toISOString()} (dispatch job ${clash.dispatch_job_id})` : ' at that time';
    throw conflict(`${technician.name} is already booked${when}`, field === 'input.technicianIds' ? `${field}[${index}]` : field);
  }
}

/** Reads and row-locks a dispatch job of the transaction's tenant for a change. */
async function lockJob(tx: EntityManager, id: string): Promise<DispatchJob> {
  const job = await tx.findOne(DispatchJob, { id: requireUuid(id, 'input.dispatchJobId') }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!job) throw new DomainError(ErrorCode.NotFound, 'Dispatch job not found', 'input.dispatchJobId');
  return job;
}

/** What every dispatch event carries, so that consumers need no lookup. */
/** A field visit's event, with `extra` (a status change's `from` and `to`; the demo data records them too, for its past). */
export function dispatchEvent(type: string, job: DispatchJob, ticket: Ticket, crew: Pick<Technician, 'id'>[], extra: Record<string, unknown> = {}): DomainEvent {
  return { type, subject: job.id, data: { ...eventData(job, ticket, crew), ...extra } };
}

function eventData(job: DispatchJob, ticket: Ticket, crew: Pick<Technician, 'id'>[]) {
  return {
    dispatchJobId: job.id, ticketId: ticket.id, ticketNumber: formatTicketNumber(ticket.number), customerId: ticket.customerId,
    locationId: job.locationId, technicianIds: crew.map((technician) => technician.id),
    start: job.scheduledStart.toISOString(), end: job.scheduledEnd.toISOString(), status: job.status,
  };
}

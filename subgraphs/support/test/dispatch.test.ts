import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestSubgraph, testTenant, type TestSubgraph } from '@c360/kit/testing';
import { newId } from '@c360/kit';
import { supportSubgraph } from '../src/subgraph.ts';
import { at, supportTestkit } from './testkit.ts';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(supportSubgraph, inject('adminUrl'));
});
afterAll(() => subgraph?.stop());
const kit = supportTestkit(() => subgraph);

const JOB = 'id status scheduledStart scheduledEnd version note technicians { id name } location { id } customer { id } ticket { id }';
const SCHEDULE = `mutation($input: ScheduleDispatchInput!) { scheduleDispatch(input: $input) { dispatchJob { ${JOB} } } }`;
const RESCHEDULE = `mutation($input: RescheduleDispatchInput!) { rescheduleDispatch(input: $input) { dispatchJob { ${JOB} } } }`;
const STATUS = 'mutation($input: ChangeDispatchStatusInput!) { changeDispatchStatus(input: $input) { dispatchJob { id status } } }';

/** A tenant with two field technicians and a ticket about a location. */
async function setUp() {
  const tenant = testTenant();
  const [customerId, locationId] = [newId(), newId()];
  const alexis = await kit.technician(tenant, 'Alexis Roy');
  const maude = await kit.technician(tenant, 'Maude Bélanger');
  const ticket = await kit.ticket(tenant, { customerId, locationId, subject: 'Pas de connexion Internet' });
  const schedule = (input: Record<string, unknown>) => kit.as(tenant)(SCHEDULE, { input: { ticketId: ticket.id, ...input } });
  return { tenant, customerId, locationId, alexis, maude, ticket, schedule };
}

describe('scheduleDispatch', () => {
  it('books technicians for a window at the ticket\'s location and records dispatch.scheduled', async () => {
    const { customerId, locationId, alexis, maude, ticket, schedule } = await setUp();
    const result = await schedule({ technicianIds: [maude, alexis], start: at('09:00'), end: at('11:00'), note: ' Sonner deux fois ' });
    expect(result.errors).toBeUndefined();
    const job = result.data?.scheduleDispatch.dispatchJob;
    expect(job).toMatchObject({
      status: 'SCHEDULED', scheduledStart: at('09:00'), scheduledEnd: at('11:00'), version: 1, note: 'Sonner deux fois',
      technicians: [{ id: maude, name: 'Maude Bélanger' }, { id: alexis, name: 'Alexis Roy' }],
      location: { id: locationId }, customer: { id: customerId }, ticket: { id: ticket.id },
    });
    const events = await kit.outbox(job.id);
    expect(events.map((event) => event.type)).toEqual(['dispatch.scheduled']);
    expect(events[0]?.data).toMatchObject({ dispatchJobId: job.id, ticketId: ticket.id, customerId, locationId, technicianIds: [maude, alexis], start: at('09:00'), end: at('11:00') });
  });

  it('refuses to book a technician in an overlapping window, naming the technician, and books nothing', async () => {
    const { tenant, alexis, maude, schedule } = await setUp();
    const first = await schedule({ technicianIds: [alexis], start: at('09:00'), end: at('11:00') });
    const clash = await schedule({ technicianIds: [maude, alexis], start: at('10:30'), end: at('12:00') });
    expect(clash.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.technicianIds[1]' });
    expect(clash.errors?.[0]?.message).toContain('Alexis Roy is already booked from 2026-11-03T09:00:00.000Z to 2026-11-03T11:00:00.000Z');
    expect(clash.errors?.[0]?.message).toContain(first.data?.scheduleDispatch.dispatchJob.id);
    // Nothing of the refused job remains: Maude is still free then, and there is one job with one event.
    expect(await kit.count('dispatch_job', tenant)).toBe(1);
    expect(await kit.count('dispatch_assignment', tenant)).toBe(1);
    expect((await schedule({ technicianIds: [maude], start: at('10:30'), end: at('12:00') })).errors).toBeUndefined();
    // Windows are half-open: back to back is fine, across midnight too.
    expect((await schedule({ technicianIds: [alexis], start: at('11:00'), end: at('12:00') })).errors).toBeUndefined();
    expect((await schedule({ technicianIds: [alexis], start: at('23:00'), end: at('01:00', 1) })).errors).toBeUndefined();
    const overnight = await schedule({ technicianIds: [alexis], start: at('00:30', 1), end: at('02:00', 1) });
    expect(overnight.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.technicianIds[0]' });
  });

  it('lets exactly one of ten concurrent bookings of one technician in one window through', async () => {
    const { tenant, alexis, schedule } = await setUp();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => schedule({ technicianIds: [alexis], start: at('13:00'), end: at(`14:${String(i).padStart(2, '0')}`) })));
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    for (const result of results.filter((r) => r.errors)) expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.technicianIds[0]' });
    expect(await kit.count('dispatch_job', tenant)).toBe(1);
  });

  it('frees the window of a cancelled job, not of a finished one', async () => {
    const { alexis, schedule, tenant } = await setUp();
    const job = (await schedule({ technicianIds: [alexis], start: at('09:00'), end: at('10:00') })).data?.scheduleDispatch.dispatchJob;
    expect((await kit.as(tenant)(STATUS, { input: { dispatchJobId: job.id, status: 'CANCELLED' } })).data?.changeDispatchStatus.dispatchJob.status).toBe('CANCELLED');
    expect((await kit.outbox(job.id)).map((event) => [event.type, event.data.from, event.data.to])).toEqual([['dispatch.scheduled', undefined, undefined], ['dispatch.status_changed', 'SCHEDULED', 'CANCELLED']]);
    const again = (await schedule({ technicianIds: [alexis], start: at('09:00'), end: at('10:00') })).data?.scheduleDispatch.dispatchJob;
    for (const status of ['EN_ROUTE', 'ON_SITE', 'DONE']) {
      expect((await kit.as(tenant)(STATUS, { input: { dispatchJobId: again.id, status } })).errors).toBeUndefined();
    }
    const clash = await schedule({ technicianIds: [alexis], start: at('09:30'), end: at('10:30') });
    expect(clash.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.technicianIds[0]' });
    expect((await kit.outbox(again.id)).map((event) => `${event.type}:${event.data.to ?? ''}`))
      .toEqual(['dispatch.scheduled:', 'dispatch.status_changed:EN_ROUTE', 'dispatch.status_changed:ON_SITE', 'dispatch.status_changed:DONE']);
  });

  it.each([
    ['SCHEDULED', 'DONE'], ['EN_ROUTE', 'SCHEDULED'], ['ON_SITE', 'CANCELLED'], ['DONE', 'CANCELLED'], ['CANCELLED', 'SCHEDULED'],
  ])('refuses %s → %s naming input.status', async (from, to) => {
    const { alexis, schedule, tenant } = await setUp();
    const job = (await schedule({ technicianIds: [alexis], start: at('09:00'), end: at('10:00') })).data?.scheduleDispatch.dispatchJob;
    const path: Record<string, string[]> = { SCHEDULED: [], EN_ROUTE: ['EN_ROUTE'], ON_SITE: ['ON_SITE'], DONE: ['ON_SITE', 'DONE'], CANCELLED: ['CANCELLED'] };
    for (const status of path[from]!) await kit.as(tenant)(STATUS, { input: { dispatchJobId: job.id, status } });
    const result = await kit.as(tenant)(STATUS, { input: { dispatchJobId: job.id, status: to } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.status' });
    expect((await kit.as(tenant)('query($id: ID!) { dispatchJob(id: $id) { status } }', { id: job.id })).data?.dispatchJob.status).toBe(from);
  });

  it.each([
    ['an end before the start', { start: at('10:00'), end: at('09:00') }, 'BAD_USER_INPUT', 'input.end'],
    ['a window over 24 hours', { start: at('10:00'), end: at('10:01', 1) }, 'BAD_USER_INPUT', 'input.end'],
    ['no technician', { technicianIds: [] }, 'BAD_USER_INPUT', 'input.technicianIds'],
    ['three technicians', { technicianIds: 'three' }, 'BAD_USER_INPUT', 'input.technicianIds'],
    ['the same technician twice', { technicianIds: 'twice' }, 'BAD_USER_INPUT', 'input.technicianIds[1]'],
    ['a malformed technician id', { technicianIds: ['nope'] }, 'BAD_USER_INPUT', 'input.technicianIds[0]'],
    ['an unknown technician', { technicianIds: 'unknown' }, 'NOT_FOUND', 'input.technicianIds[0]'],
    ['an inactive technician', { technicianIds: 'inactive' }, 'BAD_USER_INPUT', 'input.technicianIds[0]'],
    ['a ticket without location, none given', { ticketId: 'no-location' }, 'BAD_USER_INPUT', 'input.locationId'],
    ['a resolved ticket', { ticketId: 'resolved' }, 'BAD_USER_INPUT', 'input.ticketId'],
    ['another tenant\'s ticket', { ticketId: 'foreign' }, 'NOT_FOUND', 'input.ticketId'],
  ])('refuses %s, and stores nothing', async (_case, override, code, field) => {
    const { tenant, alexis, maude, schedule } = await setUp();
    const other = testTenant();
    const retired = await kit.technician(tenant, 'Bruno Côté');
    await kit.as(tenant)('mutation($input: UpdateTechnicianInput!) { updateTechnician(input: $input) { technician { id } } }', { input: { technicianId: retired, version: 1, active: false } });
    const crews: Record<string, string[]> = { three: [alexis, maude, retired], twice: [alexis, alexis.toUpperCase()], unknown: [newId()], inactive: [retired] };
    const ticketIds: Record<string, () => Promise<string>> = {
      'no-location': async () => (await kit.ticket(tenant, { customerId: newId() })).id,
      resolved: async () => {
        const ticket = await kit.ticket(tenant, { customerId: newId(), locationId: newId() });
        await kit.as(tenant)('mutation($input: ChangeTicketStatusInput!) { changeTicketStatus(input: $input) { ticket { id } } }', { input: { ticketId: ticket.id, status: 'RESOLVED' } });
        return ticket.id;
      },
      foreign: async () => (await kit.ticket(other, { customerId: newId(), locationId: newId() })).id,
    };
    const input: Record<string, unknown> = { technicianIds: [alexis], start: at('09:00'), end: at('10:00'), ...override };
    if (typeof input.technicianIds === 'string') input.technicianIds = crews[input.technicianIds];
    if (typeof input.ticketId === 'string') input.ticketId = await ticketIds[input.ticketId]!();
    const result = await schedule(input);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code, field });
    expect(await kit.count('dispatch_job', tenant)).toBe(0);
    expect(await kit.count('dispatch_assignment', tenant)).toBe(0);
  });
});

describe('rescheduleDispatch', () => {
  it('moves a job with the version read, under the same double-booking rule', async () => {
    const { tenant, alexis, maude, schedule } = await setUp();
    const job = (await schedule({ technicianIds: [alexis], start: at('09:00'), end: at('10:00') })).data?.scheduleDispatch.dispatchJob;
    await schedule({ technicianIds: [maude], start: at('14:00'), end: at('15:00') });
    const reschedule = (input: Record<string, unknown>) => kit.as(tenant)(RESCHEDULE, { input: { dispatchJobId: job.id, ...input } });

    // Within its own window: the job does not stand in its own way.
    const later = await reschedule({ version: 1, start: at('09:30'), end: at('10:30') });
    expect(later.data?.rescheduleDispatch.dispatchJob).toMatchObject({ scheduledStart: at('09:30'), version: 2, technicians: [{ id: alexis }] });
    const stale = await reschedule({ version: 1, start: at('11:00'), end: at('12:00') });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
    const clash = await reschedule({ version: 2, start: at('14:30'), end: at('15:30'), technicianIds: [maude] });
    expect(clash.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.technicianIds[0]' });
    const clashOfSameCrew = await reschedule({ version: 2, start: at('14:30'), end: at('15:30') });
    expect(clashOfSameCrew.errors).toBeUndefined();
    // The refused reschedule changed nothing; the accepted one freed 09:30-10:30.
    expect((await schedule({ technicianIds: [alexis], start: at('09:30'), end: at('10:30') })).errors).toBeUndefined();
    expect((await kit.outbox(job.id)).map((event) => event.type)).toEqual(['dispatch.scheduled', 'dispatch.rescheduled', 'dispatch.rescheduled']);
  });
});

describe('dispatch jobs across tenants and requests', () => {
  it('shows nothing of tenant A to tenant B, and loads the jobs of many tickets in one statement', async () => {
    const { tenant, alexis, maude, ticket, schedule } = await setUp();
    const other = testTenant();
    const job = (await schedule({ technicianIds: [alexis], start: at('09:00'), end: at('10:00') })).data?.scheduleDispatch.dispatchJob;
    await schedule({ technicianIds: [alexis, maude], start: at('10:00'), end: at('11:00') });
    const second = await kit.ticket(tenant, { customerId: newId(), locationId: newId() });
    await kit.as(tenant)(SCHEDULE, { input: { ticketId: second.id, technicianIds: [maude], start: at('12:00'), end: at('13:00') } });

    expect((await kit.as(other)('query($id: ID!) { dispatchJob(id: $id) { id } }', { id: job.id })).data?.dispatchJob).toBeNull();
    const foreignTechnician = await kit.as(other)(SCHEDULE, { input: { ticketId: (await kit.ticket(other, { customerId: newId(), locationId: newId() })).id, technicianIds: [alexis], start: at('09:00'), end: at('10:00') } });
    expect(foreignTechnician.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.technicianIds[0]' });
    const reps = [ticket, second].map((t) => ({ __typename: 'Ticket', id: t.id }));
    const query = 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Ticket { dispatchJobs { scheduledStart technicians { name } } } } }';
    expect((await kit.as(other)(query, { reps })).data?._entities).toEqual([null, null]);

    const before = await kit.statementsInRequests();
    const result = await kit.as(tenant)(query, { reps });
    // Tickets, their jobs, the jobs' crews, the technicians: one statement each.
    expect(await kit.statementsInRequests() - before).toBe(4);
    expect(result.data?._entities).toEqual([
      { dispatchJobs: [{ scheduledStart: at('09:00'), technicians: [{ name: 'Alexis Roy' }] }, { scheduledStart: at('10:00'), technicians: [{ name: 'Alexis Roy' }, { name: 'Maude Bélanger' }] }] },
      { dispatchJobs: [{ scheduledStart: at('12:00'), technicians: [{ name: 'Maude Bélanger' }] }] },
    ]);
  });
});

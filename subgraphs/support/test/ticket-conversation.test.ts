import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestSubgraph, testTenant, type TestSubgraph } from '@c360/kit/testing';
import { newId } from '@c360/kit';
import { supportSubgraph } from '../src/subgraph.ts';
import { supportTestkit } from './testkit.ts';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(supportSubgraph, inject('adminUrl'));
});
afterAll(() => subgraph?.stop());
const kit = supportTestkit(() => subgraph);

const ASSIGN = 'mutation($input: AssignTicketInput!) { assignTicket(input: $input) { ticket { department assignee { id name } } } }';
const POST = `mutation($input: PostTicketMessageInput!) { postTicketMessage(input: $input) {
  message { id direction author body sentAt } ticket { firstResponseAt } } }`;
const NOTE = 'mutation($input: AddTicketNoteInput!) { addTicketNote(input: $input) { note { id author body createdAt } } }';
const THREAD = `query($id: ID!) { ticket(id: $id) { firstResponseAt
  messages { totalCount edges { node { direction author body } } }
  internalNotes { totalCount edges { node { author body } } } } }`;

describe('assigning tickets', () => {
  it('opens a ticket for a department and a technician, reassigns it, and takes it back', async () => {
    const tenant = testTenant();
    const as = kit.as(tenant);
    const [alexis, maude] = [await kit.technician(tenant, 'Alexis Roy'), await kit.technician(tenant, 'Maude Bélanger', 'TECHNICAL_SUPPORT')];
    const opened = await as('mutation($input: OpenTicketInput!) { openTicket(input: $input) { ticket { id department assignee { name } } } }', {
      input: { customerId: newId(), subject: 'Remplacement du modem', department: 'FIELD_SERVICE', assigneeId: alexis },
    });
    const ticket = opened.data?.openTicket.ticket;
    expect(ticket).toMatchObject({ department: 'FIELD_SERVICE', assignee: { name: 'Alexis Roy' } });

    const moved = await as(ASSIGN, { input: { ticketId: ticket.id, technicianId: maude, department: 'TECHNICAL_SUPPORT' } });
    expect(moved.data?.assignTicket.ticket).toEqual({ department: 'TECHNICAL_SUPPORT', assignee: { id: maude, name: 'Maude Bélanger' } });
    const released = await as(ASSIGN, { input: { ticketId: ticket.id, technicianId: null } });
    expect(released.data?.assignTicket.ticket).toEqual({ department: 'TECHNICAL_SUPPORT', assignee: null });
    const events = await kit.outbox(ticket.id);
    expect(events.map((event) => event.type)).toEqual(['ticket.opened', 'ticket.assigned', 'ticket.assigned']);
    expect(events[1]?.data).toMatchObject({ ticketId: ticket.id, assigneeId: maude, department: 'TECHNICAL_SUPPORT' });
  });

  it('refuses an inactive technician, another tenant\'s, and a CLOSED ticket, changing nothing', async () => {
    const [tenant, other] = [testTenant(), testTenant()];
    const as = kit.as(tenant);
    const retired = await kit.technician(tenant, 'Bruno Côté');
    await as('mutation($input: UpdateTechnicianInput!) { updateTechnician(input: $input) { technician { id } } }', { input: { technicianId: retired, version: 1, active: false } });
    const foreign = await kit.technician(other, 'Elsewhere');
    const ticket = await kit.ticket(tenant, { customerId: newId() });

    const inactive = await as(ASSIGN, { input: { ticketId: ticket.id, technicianId: retired } });
    expect(inactive.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.technicianId' });
    const elsewhere = await as(ASSIGN, { input: { ticketId: ticket.id, technicianId: foreign } });
    expect(elsewhere.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.technicianId' });
    const openedForeign = await as('mutation($input: OpenTicketInput!) { openTicket(input: $input) { ticket { id } } }', {
      input: { customerId: newId(), subject: 'x', assigneeId: foreign } });
    expect(openedForeign.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.assigneeId' });

    for (const status of ['RESOLVED', 'CLOSED']) {
      await as('mutation($input: ChangeTicketStatusInput!) { changeTicketStatus(input: $input) { ticket { id } } }', { input: { ticketId: ticket.id, status } });
    }
    const closed = await as(ASSIGN, { input: { ticketId: ticket.id, department: 'BILLING' } });
    expect(closed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.ticketId' });
    expect((await kit.outbox(ticket.id)).map((event) => event.type)).not.toContain('ticket.assigned');
    expect(await kit.count('ticket', tenant)).toBe(1);
  });
});

describe('ticket conversation', () => {
  it('keeps customer-visible messages and internal notes apart; the first OUTBOUND message is the first response', async () => {
    const tenant = testTenant();
    const as = kit.as(tenant);
    const ticket = await kit.ticket(tenant, { customerId: newId() });
    const asked = await as(POST, { input: { ticketId: ticket.id, direction: 'INBOUND', body: ' Le modem clignote en rouge. ', authorName: 'Marie Tremblay' } });
    expect(asked.data?.postTicketMessage).toMatchObject({ message: { direction: 'INBOUND', author: 'Marie Tremblay', body: 'Le modem clignote en rouge.' }, ticket: { firstResponseAt: null } });
    const note = await as(NOTE, { input: { ticketId: ticket.id, body: 'Signal optique faible à l\'ONT.' } });
    expect(note.data?.addTicketNote.note).toMatchObject({ author: `test-${tenant}`, body: 'Signal optique faible à l\'ONT.' });
    const answer = await as(POST, { input: { ticketId: ticket.id, direction: 'OUTBOUND', body: 'Un technicien passera demain.' } });
    const firstResponseAt = answer.data?.postTicketMessage.ticket.firstResponseAt;
    expect(firstResponseAt).toBe(answer.data?.postTicketMessage.message.sentAt);
    const later = await as(POST, { input: { ticketId: ticket.id, direction: 'OUTBOUND', body: 'Rappel : demain 10 h.' } });
    expect(later.data?.postTicketMessage.ticket.firstResponseAt).toBe(firstResponseAt);

    const thread = (await as(THREAD, { id: ticket.id })).data?.ticket;
    expect(thread.firstResponseAt).toBe(firstResponseAt);
    expect(thread.messages.totalCount).toBe(3);
    expect(thread.messages.edges.map((edge: any) => edge.node.body)).toEqual(['Rappel : demain 10 h.', 'Un technicien passera demain.', 'Le modem clignote en rouge.']);
    expect(thread.messages.edges[1].node.author).toBe(`test-${tenant}`);
    expect(thread.internalNotes).toEqual({ totalCount: 1, edges: [{ node: { author: `test-${tenant}`, body: 'Signal optique faible à l\'ONT.' } }] });

    const events = await kit.outbox(ticket.id);
    expect(events.map((event) => event.type)).toEqual(['ticket.opened', 'ticket.message_posted', 'ticket.note_added', 'ticket.message_posted', 'ticket.message_posted']);
    expect(events.map((event) => event.data.firstResponse)).toEqual([undefined, false, undefined, true, false]);
    // Events say that something was written, never what: notes are staff-only, and webhooks leave the company.
    expect(JSON.stringify(events)).not.toContain('Signal optique');
  });

  it('shows internal notes only to staff roles', async () => {
    const tenant = testTenant();
    const ticket = await kit.ticket(tenant, { customerId: newId() });
    await kit.as(tenant)(NOTE, { input: { ticketId: ticket.id, body: 'Client difficile.' } });
    const viewer = await kit.as(tenant, ['viewer'])('query($id: ID!) { ticket(id: $id) { messages { totalCount } internalNotes { totalCount } } }', { id: ticket.id });
    expect(viewer.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(viewer.errors?.[0]).toMatchObject({ path: ['ticket', 'internalNotes'] });
    const technician = await kit.as(tenant, ['technician'])('query($id: ID!) { ticket(id: $id) { internalNotes { totalCount } } }', { id: ticket.id });
    expect(technician.data?.ticket.internalNotes.totalCount).toBe(1);
  });

  it('records exactly one first response when agents answer at the same time', async () => {
    const tenant = testTenant();
    const ticket = await kit.ticket(tenant, { customerId: newId() });
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => kit.as(tenant)(POST, { input: { ticketId: ticket.id, direction: 'OUTBOUND', body: `Réponse ${i}` } })));
    expect(answers.flatMap((answer) => answer.errors ?? [])).toEqual([]);
    const firsts = (await kit.outbox(ticket.id)).filter((event) => event.data.firstResponse === true);
    expect(firsts).toHaveLength(1);
    const earliest = answers.map((answer) => answer.data?.postTicketMessage.message.sentAt).sort()[0];
    expect((await kit.as(tenant)(THREAD, { id: ticket.id })).data?.ticket.firstResponseAt).toBe(earliest);
  });

  it.each([
    [{ body: '   ' }, 'input.body'],
    [{ body: 'x'.repeat(20_001) }, 'input.body'],
    [{ body: 'Bonjour', authorName: 'x'.repeat(201) }, 'input.authorName'],
    [{ body: 'Bonjour', ticketId: 'not-an-id' }, 'input.ticketId'],
  ])('refuses %j naming %s, and stores nothing', async (input, field) => {
    const tenant = testTenant();
    const ticket = await kit.ticket(tenant, { customerId: newId() });
    const result = await kit.as(tenant)(POST, { input: { ticketId: ticket.id, direction: 'OUTBOUND', ...input } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await kit.count('ticket_message', tenant)).toBe(0);
    expect((await kit.outbox(ticket.id)).map((event) => event.type)).toEqual(['ticket.opened']);
  });

  it('takes no more messages on a CLOSED ticket, and none on another tenant\'s', async () => {
    const [tenant, other] = [testTenant(), testTenant()];
    const ticket = await kit.ticket(tenant, { customerId: newId() });
    for (const status of ['RESOLVED', 'CLOSED']) {
      await kit.as(tenant)('mutation($input: ChangeTicketStatusInput!) { changeTicketStatus(input: $input) { ticket { id } } }', { input: { ticketId: ticket.id, status } });
    }
    const closed = await kit.as(tenant)(POST, { input: { ticketId: ticket.id, direction: 'INBOUND', body: 'Encore moi' } });
    expect(closed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.ticketId' });
    const foreign = await kit.as(other)(NOTE, { input: { ticketId: ticket.id, body: 'Intrusion' } });
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.ticketId' });
    expect(await kit.count('ticket_message', tenant)).toBe(0);
    expect(await kit.count('ticket_message', other)).toBe(0);
  });

  it('loads the messages of many tickets in one statement', async () => {
    const tenant = testTenant();
    const tickets = await Promise.all(Array.from({ length: 6 }, () => kit.ticket(tenant, { customerId: newId() })));
    for (const [n, ticket] of tickets.entries()) {
      for (let i = 0; i <= n % 3; i += 1) await kit.as(tenant)(POST, { input: { ticketId: ticket.id, direction: 'INBOUND', body: `Message ${i}` } });
    }
    const reps = tickets.map((ticket) => ({ __typename: 'Ticket', id: ticket.id }));
    const before = await kit.statementsInRequests();
    const result = await kit.as(tenant)('query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Ticket { messages(first: 2) { totalCount edges { node { body } } } } } }', { reps });
    // One for the tickets, one for all their pages of messages.
    expect(await kit.statementsInRequests() - before).toBe(2);
    expect(result.data?._entities.map((ticket: any) => ticket.messages.totalCount)).toEqual([1, 2, 3, 1, 2, 3]);
  });
});

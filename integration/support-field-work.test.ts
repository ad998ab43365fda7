import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoId, type DemoTenant } from '@c360/kit';
import { testTenant } from '@c360/kit/testing';
import { seedDemoTenant } from '@c360/scripts/system';
import { eventually, startTestSystem, type TestSystem } from './testkit.ts';

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem(inject('adminUrl'));
});
afterAll(() => system?.stop());

describe('field work through the gateway', () => {
  it('sends a technician to a customer\'s address and answers how often and how long, from one query', async () => {
    const tenant = testTenant();
    const gql = async (query: string, variables: Record<string, unknown>) => {
      const result = await system.as(tenant)(query, variables);
      expect(result.errors).toBeUndefined();
      return result.data!;
    };
    const customerId = (await gql('mutation($input: UpsertCustomerInput!) { upsertCustomer(input: $input) { customer { id } } }',
      { input: { phone: '+1 819 555 0142', name: 'Gilles Fortin' } })).upsertCustomer.customer.id;
    const locationId = (await gql('mutation($input: CreateServiceLocationInput!) { createServiceLocation(input: $input) { location { id } } }',
      { input: { customerId, connectionType: 'FIBRE', address: { number: '123', street: 'rue Principale', city: 'Sherbrooke', region: 'QC', postalCode: 'J1H 1A1', country: 'CA' } } }))
      .createServiceLocation.location.id;
    const technicianId = (await gql('mutation($input: CreateTechnicianInput!) { createTechnician(input: $input) { technician { id } } }',
      { input: { name: 'Alexis Roy' } })).createTechnician.technician.id;
    const ticketId = (await gql('mutation($input: OpenTicketInput!) { openTicket(input: $input) { ticket { id } } }',
      { input: { customerId, locationId, subject: 'Pas de connexion Internet', department: 'FIELD_SERVICE', assigneeId: technicianId } })).openTicket.ticket.id;
    const dispatchJobId = (await gql('mutation($input: ScheduleDispatchInput!) { scheduleDispatch(input: $input) { dispatchJob { id } } }',
      { input: { ticketId, technicianIds: [technicianId], start: '2026-11-23T14:00:00Z', end: '2026-11-23T16:00:00Z' } })).scheduleDispatch.dispatchJob.id;
    const workOrder = (await gql('mutation($input: CreateWorkOrderInput!) { createWorkOrder(input: $input) { workOrder { id version } } }', {
      input: {
        customerId, dispatchJobId, labourRate: '95.00',
        visits: [{ technicianId, arrivedAt: '2026-11-23T14:10:00Z', departedAt: '2026-11-23T15:40:00Z' }],
        items: [{ productCode: 'ONT-HG8245', description: 'Terminal optique de remplacement', quantity: '1', unitPrice: '149.99' }],
      },
    })).createWorkOrder.workOrder;
    await gql('mutation($input: WorkOrderVersionInput!) { completeWorkOrder(input: $input) { workOrder { id } } }', { input: { workOrderId: workOrder.id, version: workOrder.version } });

    const customer = (await gql(`query($id: ID!, $technicianId: ID) { customer(id: $id) {
      name technicianHours(technicianId: $technicianId)
      workOrders { totalCount edges { node { status total { amount currency } location { address { city } } ticket { subject } } } }
      locations { address { street } visitCount workOrders { totalCount } tickets(status: [OPEN]) { edges { node { assignee { name } dispatchJobs { status technicians { name } } } } } }
    } }`, { id: customerId, technicianId })).customer;
    // 1.5 h × 95.00 = 142.50 + 149.99 = 292.49; GST 14.62 (14.6245), QST 29.18 (29.1758775); total 336.29.
    expect(customer).toEqual({
      name: 'Gilles Fortin',
      technicianHours: 1.5,
      workOrders: { totalCount: 1, edges: [{ node: { status: 'COMPLETED', total: { amount: '336.29', currency: 'CAD' }, location: { address: { city: 'Sherbrooke' } }, ticket: { subject: 'Pas de connexion Internet' } } }] },
      locations: [{
        address: { street: 'rue Principale' }, visitCount: 1, workOrders: { totalCount: 1 },
        tickets: { edges: [{ node: { assignee: { name: 'Alexis Roy' }, dispatchJobs: [{ status: 'SCHEDULED', technicians: [{ name: 'Alexis Roy' }] }] } }] },
      }],
    });
  });

  it('invoices a completed billable work order for its total, under the tenant\'s own tax profile (TVA 20 %)', async () => {
    const tenant = testTenant();
    const gql = async (query: string, variables: Record<string, unknown> = {}) => {
      const result = await system.as(tenant)(query, variables);
      expect(result.errors).toBeUndefined();
      return result.data!;
    };
    // Billing owns the taxes; support learns them from billing's tax_profile.updated.
    await gql('mutation { setTaxProfile(input: { currency: "EUR", taxes: [{ code: "TVA", name: "TVA 20 %", rate: "0.2" }] }) { taxProfile { currency } } }');
    await eventually(async () => expect((await gql('{ workOrderProfile { currency taxes { code rate } } }')).workOrderProfile)
      .toEqual({ currency: 'EUR', taxes: [{ code: 'TVA', rate: '0.2' }] }));
    await gql('mutation { setWorkOrderLabourRate(input: { labourRate: "60" }) { workOrderProfile { labourRate { amount } } } }');
    const customerId = (await gql('mutation($input: UpsertCustomerInput!) { upsertCustomer(input: $input) { customer { id } } }',
      { input: { phone: '+33 1 42 68 53 00', name: 'Élodie Marchand' } })).upsertCustomer.customer.id;
    const technicianId = (await gql('mutation($input: CreateTechnicianInput!) { createTechnician(input: $input) { technician { id } } }',
      { input: { name: 'Alexis Roy' } })).createTechnician.technician.id;
    const workOrder = (await gql('mutation($input: CreateWorkOrderInput!) { createWorkOrder(input: $input) { workOrder { id version total { amount currency } } } }', {
      input: {
        customerId,
        visits: [{ technicianId, arrivedAt: '2026-11-23T14:00:00Z', departedAt: '2026-11-23T14:45:00Z' }],
        items: [{ description: 'Fibre', quantity: '3', unitPrice: '33.33' }, { description: 'Remise', quantity: '1', unitPrice: '-0.01' }],
      },
    })).createWorkOrder.workOrder;
    // 0.75 h × 60.00 = 45.00 + 99.99 − 0.01 = 144.98; TVA 28.996 → 29.00; 173.98.
    expect(workOrder.total).toEqual({ amount: '173.98', currency: 'EUR' });
    await gql('mutation($input: WorkOrderVersionInput!) { completeWorkOrder(input: $input) { workOrder { id } } }', { input: { workOrderId: workOrder.id, version: workOrder.version } });

    const invoices = await eventually(async () => {
      const { customer } = await gql('query($id: ID!) { customer(id: $id) { invoices { edges { node { status source total { amount currency } } } } } }', { id: customerId });
      expect(customer.invoices.edges).toHaveLength(1);
      return customer.invoices.edges;
    });
    expect(invoices[0].node).toEqual({ status: 'ISSUED', source: `work_order:${workOrder.id}`, total: workOrder.total });
  });

  it('costs as many statements for 50 customers\' field work as for 20', async () => {
    const tenant = testTenant('scale');
    const plan: DemoTenant = {
      id: tenant,
      name: 'Scale test',
      customers: Array.from({ length: 60 }, (_, index) => ({ index, id: demoId(tenant, 'customer', index), locationIds: [demoId(tenant, 'location', index, 0)] })),
    };
    await seedDemoTenant(inject('adminUrl'), plan);
    const statementsFor = async (first: number) => {
      const before = await system.statementsInRequests();
      const result = await system.as(tenant)(`query($first: Int!) { customers(first: $first) { edges { node {
        openTicketCount technicianHours workOrders(first: 3) { totalCount edges { node { total { amount } visits { technician { name } } } } }
        locations { visitCount workOrders(first: 3) { totalCount } }
      } } } }`, { first });
      expect(result.errors).toBeUndefined();
      const customers = result.data?.customers.edges;
      expect(customers).toHaveLength(first);
      // Both pages reach every level (work orders, their visits and technicians), so that they are compared fairly.
      expect(customers.some((edge: any) => edge.node.workOrders.totalCount > 0)).toBe(true);
      return (await system.statementsInRequests()) - before;
    };
    const twenty = await statementsFor(20);
    expect(await statementsFor(50)).toBe(twenty);
  });
});

/**
 * The ops app end to end: headless Chromium (Debian's package) on the ops
 * app's dev server, in front of the real gateway and subgraph processes on
 * this run's database, with the `demo` tenant's demo data. A person's path:
 * sign in on the development page, search, open a customer, create one,
 * read the reports. Screenshots go to integration/artifacts/e2e/.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { paths } from '../../web/src/app/routes.ts';
import { EXISTING_PHONE_NOTICE } from '../../web/src/features/customer-form/useCustomerForm.ts';
import type { Customer360 } from '../../web/src/features/customer360/operations.ts';
import { addressLines } from '../../web/src/shared/address.ts';
import type { Connection } from '../../web/src/shared/connection.ts';
import { label } from '../../web/src/shared/labels.ts';
import { formatPhone } from '../../web/src/shared/phone.ts';
import { launchBrowser, type OpsAppBrowser, type OpsAppTab } from './browser.ts';
import {
  customer360, demoCustomersByRichness, recordActivity, RECORDED_ACTIVITY, startOpsAppSystem, type DemoCustomer, type OpsAppSystem,
} from './ops-app-system.ts';

const TENANT = 'demo';

let system: OpsAppSystem;
let browser: OpsAppBrowser;
/** The demo customer with something in the most lists of the 360 page, and another one to collide with. */
let richest: DemoCustomer;
let phoneOwner: DemoCustomer & { phone: string };
beforeAll(async () => {
  system = await startOpsAppSystem(inject('adminUrl'), TENANT);
  browser = await launchBrowser(system.opsAppUrl);
  const customers = await demoCustomersByRichness(system, TENANT);
  richest = customers[0]!;
  phoneOwner = customers.find((customer): customer is typeof phoneOwner => customer.phone !== null && customer.id !== richest.id)!;
  await recordActivity(system, TENANT, richest.id);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

/** The parts of the 360 page, each a region named by its title. */
const SECTIONS = ['Contact', 'Notes', 'Contacts and addresses', 'Money', 'Locations', 'Support', 'Activity timeline', 'Life events', 'E-mails', 'Change history'];

interface ExpectedTable {
  /** The table's accessible name (its caption). */
  caption: string;
  /** Rows of its first page. */
  rows: number;
  /** Something the first row shows, straight from the graph's data. */
  firstRow: string | null;
}

/**
 * Every table the 360 page must show for this customer, from the graph's own
 * answer: a list with nothing in it shows a sentence instead of a table.
 */
function expectedTables(customer: Customer360): ExpectedTable[] {
  const tables: ExpectedTable[] = [];
  const list = <N>(caption: string, nodes: readonly N[] | null, key: (node: N) => string | null) => {
    if (nodes?.length) tables.push({ caption, rows: nodes.length, firstRow: key(nodes[0]!) });
  };
  const page = <N>(caption: string, connection: Connection<N> | null, key: (node: N) => string | null) =>
    list(caption, connection?.edges.map(({ node }) => node) ?? null, key);

  list('Contacts, principal first', customer.contacts, (contact) => contact.name);
  list('Addresses', customer.addresses, (address) => addressLines(address.address).join(', '));
  list('Partners', customer.partners, (partner) => partner.note);
  page('Invoices, newest first', customer.invoices, (invoice) => invoice.number ?? 'Draft');
  page('Payments, newest first', customer.payments, (payment) => payment.reference);
  page('Payment arrangements, newest first', customer.arrangements, (arrangement) => arrangement.staffNote);
  page('Reminders, newest first', customer.reminders, (reminder) => reminder.subject);
  page('Quotes, newest first', customer.quotes, (quote) => quote.number);
  page('Contracts, newest first', customer.contracts, (contract) => contract.number);
  page('Subscriptions, newest first', customer.subscriptions, (subscription) => subscription.description);
  list('Vouchers', customer.vouchers, (voucher) => voucher.code);
  list('Saved payment methods', customer.paymentMethods, (method) => method.label);
  for (const location of customer.locations ?? []) {
    const [street] = addressLines(location.address);
    list(`Phone lines at ${street}`, location.voipLines, (line) => formatPhone(line.did));
    list(`Subscriptions at ${street}`, location.subscriptions, (subscription) => subscription.description);
    page(`Tickets about ${street}`, location.tickets, (ticket) => ticket.subject);
    page(`IP addresses at ${street}, most recent first`, location.ipHistory, (assignment) => assignment.ip);
  }
  page('All tickets, newest first', customer.tickets, (ticket) => ticket.subject);
  page('Work orders, newest first', customer.workOrders, (order) => order.ticket?.number ?? null);
  page('Activity, newest first', customer.timeline, (entry) => entry.summary);
  page('Life events, latest first', customer.lifeEvents, (event) => label(event.kind));
  page('E-mails exchanged, newest first', customer.emails, (email) => email.subject);
  page('Changes, newest first', customer.changes, (change) => change.field);
  return tables;
}

/** What the page shows of one table: its rows and its first row's text. */
async function shownTable(tab: OpsAppTab, caption: string) {
  const rows = tab.page.getByRole('table', { name: caption, exact: true }).locator('tbody tr');
  const count = await rows.count();
  return { caption, rows: count, firstRow: count > 0 ? await rows.first().innerText() : '' };
}

describe('the ops app in Chromium', () => {
  it('signs in, finds a customer by searching, and shows every section of their 360 from one GraphQL request', async () => {
    const tab = await browser.signedInTab(TENANT);
    const { page } = tab;
    // The first page of the list, before searching.
    await tab.networkIdle();
    await tab.screenshot('customers-list');

    const search = await tab.searchCustomers(richest.name);
    // Every request of the list is the list's one query (balance, locations and tickets come with it).
    expect(search.length).toBeGreaterThan(0);
    expect(new Set(search)).toEqual(new Set(['Customers']));

    expect(await tab.openCustomer(richest)).toEqual(['Customer360']);
    expect(new URL(page.url()).pathname).toBe(paths.customer(richest.id));

    const { customer, errorCodes } = await customer360(system, TENANT, richest.id);
    // No ACS runs here: live status is null with ACS_NOT_CONFIGURED, which the page expects; nothing else fails.
    expect(errorCodes.filter((code) => code !== 'ACS_NOT_CONFIGURED')).toEqual([]);
    for (const name of SECTIONS) expect(await page.getByRole('region', { name, exact: true }).isVisible(), name).toBe(true);
    expect(await page.getByRole('alert').count()).toBe(0);

    const expected = expectedTables(customer);
    // The demo customer chosen has something in most lists: the check below is not vacuous.
    expect(expected.length).toBeGreaterThanOrEqual(12);
    const shown = await Promise.all(expected.map(({ caption }) => shownTable(tab, caption)));
    expect(shown).toEqual(expected.map(({ caption, rows, firstRow }) => ({ caption, rows, firstRow: firstRow === null ? expect.any(String) : expect.stringContaining(firstRow) })));
    // And no other table: an empty list says so in a sentence.
    expect(await page.getByRole('table').count()).toBe(expected.length);

    const section = (name: string) => page.getByRole('region', { name, exact: true });
    if (customer.phone) expect(await section('Contact').innerText()).toContain(formatPhone(customer.phone));
    if (customer.notes.edges[0]) expect(await section('Notes').innerText()).toContain(customer.notes.edges[0].node.body);
    const locations = await section('Locations').innerText();
    for (const location of customer.locations ?? []) {
      expect(locations).toContain(addressLines(location.address)[0]);
      for (const device of location.equipment) expect(locations).toContain(device.serial);
    }
    expect(await section('Support').innerText()).toContain(customer.openTicketCount === 0 ? 'No open tickets.' : `${customer.openTicketCount} open`);

    // The activity recorded through the graph before the page opened is in its timeline, beside the demo data's history.
    const recorded = RECORDED_ACTIVITY.map((type) => customer.timeline.edges.find(({ node }) => node.type === type)?.node);
    expect(recorded.map((entry) => entry?.type)).toEqual([...RECORDED_ACTIVITY]);
    const timelineText = await section('Activity timeline').innerText();
    for (const entry of recorded) expect(timelineText).toContain(entry!.summary);

    await tab.screenshot('customer-360');
    // Nothing more was asked while the page was read and photographed.
    expect(tab.operations.slice(-1)).toEqual(['Customer360']);

    // Narrowed to one kind of activity, the timeline asks for that alone (one request) and shows only that.
    const timeline = section('Activity timeline');
    const narrowed = await tab.operationsDuring(() => timeline.getByRole('checkbox', { name: 'Support', exact: true }).check());
    expect(narrowed).toEqual(['CustomerTimeline']);
    const areas = timeline.getByRole('table', { name: 'Activity, newest first', exact: true }).locator('tbody tr > :nth-child(2)');
    await expect.poll(async () => new Set(await areas.allInnerTexts())).toEqual(new Set(['Support']));
    expect(await timeline.innerText()).toContain(recorded.find((entry) => entry?.type === 'ticket.opened')!.summary);
  });

  it('creating a customer with a phone that already exists lands on that customer and saves nothing', async () => {
    const count = async () => (await system.as(TENANT)('{ customers(first: 0) { totalCount } }')).data!.customers.totalCount as number;
    const before = await count();
    const tab = await browser.signedInTab(TENANT);
    const { page } = tab;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New customer' }).click();
    await page.getByRole('heading', { level: 1, name: 'New customer' }).waitFor();

    await page.getByLabel(/^Full name/).fill('Quelqu’un d’autre');
    // As a person types it, not as stored.
    await page.getByLabel(/^Phone/).fill(formatPhone(phoneOwner.phone));
    // Before saving, the form names who has that number.
    await page.getByRole('link', { name: phoneOwner.name, exact: true }).waitFor();
    await page.getByRole('button', { name: 'Create customer' }).click();

    await page.getByRole('heading', { level: 1, name: phoneOwner.name }).waitFor();
    expect(new URL(page.url()).pathname).toBe(paths.customer(phoneOwner.id));
    expect(await page.getByRole('status').filter({ hasText: EXISTING_PHONE_NOTICE }).isVisible()).toBe(true);
    expect(await count()).toBe(before);
  });

  it('shows the DID report and the 911 audit', async () => {
    const tab = await browser.signedInTab(TENANT);
    const { page } = tab;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    // The demo tenant has phone lines: the DID report lists them.
    await page.getByRole('table', { name: 'DID report', exact: true }).waitFor();
    await tab.networkIdle();
    expect(await page.getByRole('table', { name: 'DID report', exact: true }).locator('tbody tr').count()).toBeGreaterThan(0);
    const audit = await page.getByRole('region', { name: '911 audit', exact: true }).innerText();
    expect(audit).toMatch(/\d+ DIDs?/);
    expect(await page.getByRole('alert').count()).toBe(0);
    await tab.screenshot('reports');
  });
});

/**
 * The ops app end to end with one subgraph down: headless Chromium on the
 * ops app, the real gateway and subgraphs with the `acme` tenant's demo data,
 * and billing stopped. Its own system, because no other test may see billing
 * stopped.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Customer360 } from '../../web/src/features/customer360/operations.ts';
import { addressLines } from '../../web/src/shared/address.ts';
import { formatPhone } from '../../web/src/shared/phone.ts';
import { launchBrowser, type OpsAppBrowser } from './browser.ts';
import { customer360, demoCustomersByRichness, startOpsAppSystem, type OpsAppSystem } from './ops-app-system.ts';

const TENANT = 'acme';

let system: OpsAppSystem;
let browser: OpsAppBrowser;
/** Acme's customer with the most to show, as the graph answered while billing ran. */
let customer: Customer360;
beforeAll(async () => {
  system = await startOpsAppSystem(inject('adminUrl'), TENANT);
  const [richest] = await demoCustomersByRichness(system, TENANT);
  customer = (await customer360(system, TENANT, richest!.id)).customer;
  await system.stopProcess('billing');
  browser = await launchBrowser(system.opsAppUrl);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

/** The parts of the page billing feeds say so: the money, and each location's subscriptions; nothing else failed. */
async function expectBillingMarkedUnavailable(page: Page) {
  const section = (name: string) => page.getByRole('region', { name, exact: true });
  expect(await section('Money').getByRole('alert').allInnerTexts()).toEqual([expect.stringMatching(/^Billing is not answering right now/)]);
  for (const location of customer.locations ?? []) {
    const [street, city] = addressLines(location.address);
    const card = section('Locations').getByRole('region', { name: `${street}, ${city}`, exact: true });
    expect(await card.getByRole('alert').allInnerTexts(), street).toEqual([expect.stringMatching(/subscriptions cannot be shown/)]);
  }
  expect(await page.getByRole('alert').count()).toBe(1 + (customer.locations?.length ?? 0));
}

describe('the ops app in Chromium, with billing stopped', () => {
  it('the list blanks the balances only, and the 360 page marks what billing shows and shows the rest', async () => {
    // What billing's absence must spare: the customer's locations and tickets.
    const locations = customer.locations ?? [];
    expect(locations.length).toBeGreaterThan(0);
    expect(customer.tickets?.totalCount).toBeGreaterThan(0);

    const tab = await browser.signedInTab(TENANT);
    const { page } = tab;
    expect(await page.getByText(/^Some columns could not be loaded: The billing subgraph is not answering/).isVisible()).toBe(true);
    await tab.searchCustomers(customer.name);
    await tab.openCustomer(customer);

    await expectBillingMarkedUnavailable(page);
    const section = (name: string) => page.getByRole('region', { name, exact: true });
    const locationsText = await section('Locations').innerText();
    for (const location of locations) {
      expect(locationsText).toContain(addressLines(location.address)[0]);
      for (const device of location.equipment) expect(locationsText).toContain(device.serial);
    }
    expect(await section('Support').innerText()).toContain(customer.tickets!.edges[0]!.node.subject);
    if (customer.phone) expect(await section('Contact').innerText()).toContain(formatPhone(customer.phone));
    await tab.networkIdle();
    await tab.screenshot('customer-360-billing-down');
  });

  it('still works, not just still shows: a memo is saved and read back, and billing stays marked unavailable', async () => {
    const tab = await browser.signedInTab(TENANT);
    await tab.searchCustomers(customer.name);
    await tab.openCustomer(customer);
    const notes = tab.page.getByRole('region', { name: 'Notes', exact: true });
    const memo = `Facturation injoignable, rappeler plus tard (${Date.now()})`;
    await notes.getByLabel('New memo').fill(memo);
    await notes.getByRole('button', { name: 'Add memo' }).click();
    await notes.getByRole('list', { name: 'Memos, pinned first' }).getByText(memo).waitFor();
    await tab.networkIdle();
    await tab.screenshot('customer-360-billing-down-after-memo');
    // The page read the memo again from the cache: it must not take billing's missing fields for "none".
    await expectBillingMarkedUnavailable(tab.page);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@c360/kit';
import { testTenant } from '@c360/kit/testing';
import { CREATE_INVOICE, day, errorOf, startBilling, type BillingUnderTest } from './harness.ts';

const PAY = 'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { payment { id unallocated { amount } } } }';
const SET_TAXES = 'mutation($input: SetTaxProfileInput!) { setTaxProfile(input: $input) { taxProfile { currency } } }';
const MONEY = `query($reps: [_Any!]!, $probe: String!) { _entities(representations: $reps) { ... on Customer {
  id balance { amount currency } openAmount { amount } totalPurchases { amount } salesCount lastPurchaseDate averagePurchase { amount }
  creditBalance { amount } creditLimit { amount } availableCredit { amount } canPurchase(amount: $probe) } } }`;
const ENTRY = 'mutation($input: RecordCreditEntryInput!) { recordCreditEntry(input: $input) { entry { id kind amount { amount } author correctsEntryId } } }';
const LIMIT = 'mutation($input: SetCreditLimitInput!) { setCreditLimit(input: $input) { customer { creditLimit { amount } availableCredit { amount } } } }';

let billing: BillingUnderTest;
beforeAll(async () => {
  billing = await startBilling();
});
afterAll(() => billing?.stop());

/** mulberry32: a small seeded PRNG, so that a failing run can be replayed with its seed. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)), pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]! };
}

/** n / d rounded half away from zero, in integers: the oracle does not share decimal.js with the code under test. */
function roundDiv(n: bigint, d: bigint): bigint {
  const sign = n < 0n ? -1n : 1n;
  const magnitude = n < 0n ? -n : n;
  return sign * ((magnitude * 2n + d) / (2n * d));
}
const cents = (value: string): bigint => {
  const [whole, fraction = ''] = value.replace('-', '').split('.');
  const result = BigInt(whole!) * 100n + BigInt((fraction + '00').slice(0, 2));
  return value.startsWith('-') ? -result : result;
};
const toMoney = (value: bigint): string => `${value < 0n ? '-' : ''}${(value < 0n ? -value : value) / 100n}.${String((value < 0n ? -value : value) % 100n).padStart(2, '0')}`;
/** A decimal string with up to `digits` decimals, as an integer of 10^-digits. */
const scaled = (value: string, digits: number): bigint => {
  const [whole, fraction = ''] = value.split('.');
  return BigInt(whole!) * 10n ** BigInt(digits) + BigInt((fraction + '0'.repeat(digits)).slice(0, digits));
};

describe('money never drifts', () => {
  it('keeps totals, taxes, outstanding amounts and balances consistent to the cent for random lines, taxes and payments (seed 20261121)', async () => {
    const random = prng(20261121);
    for (let round = 0; round < 4; round += 1) {
      const tenant = testTenant('prop');
      const taxes = Array.from({ length: random.int(1, 3) }, (_, i) => ({
        code: `T${i}`, name: `Tax ${i}`, rate: `0.${String(random.int(0, 29999)).padStart(5, '0')}`.replace(/0+$/, '').replace(/\.$/, '.0'),
      }));
      await billing.ok(tenant, SET_TAXES, { input: { currency: 'CAD', taxes } });
      const customers = Array.from({ length: 3 }, () => newId());
      const expected = new Map<string, { totals: bigint; paid: bigint }>(customers.map((id) => [id, { totals: 0n, paid: 0n }]));
      const invoices: { id: string; customerId: string }[] = [];

      for (let n = 0; n < 6; n += 1) {
        const customerId = random.pick(customers);
        const lines = Array.from({ length: random.int(1, 6) }, (_, i) => {
          const discount = i > 0 && random.next() < 0.15;
          const quantity = `${random.int(1, 40)}${random.next() < 0.5 ? `.${random.int(0, 999)}` : ''}`;
          const unitPrice = `${discount ? '-' : ''}${random.int(0, discount ? 3 : 400)}.${String(random.int(0, 99)).padStart(2, '0')}`;
          return { description: `Item ${i}`, quantity, unitPrice };
        });
        // The oracle: each line to the cent, the subtotal, each tax on the subtotal to the cent.
        const lineCents = lines.map((l) => roundDiv(scaled(l.quantity, 3) * cents(l.unitPrice), 1000n));
        const subtotal = lineCents.reduce((a, b) => a + b, 0n);
        const result = await billing.query(tenant, CREATE_INVOICE, { input: { customerId, lines } });
        if (subtotal < 0n) {
          expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.lines' });
          continue;
        }
        const taxCents = taxes.map((tax) => roundDiv(subtotal * scaled(tax.rate, 6), 1_000_000n));
        const total = subtotal + taxCents.reduce((a, b) => a + b, 0n);
        const invoice = result.data?.createInvoice.invoice;
        expect(invoice.total.amount, JSON.stringify({ lines, taxes })).toBe(toMoney(total));
        invoices.push({ id: invoice.id, customerId });
        expected.get(customerId)!.totals += total;
      }

      for (let n = 0; n < 8; n += 1) {
        const customerId = random.pick(customers);
        const amount = `${random.int(1, 600)}.${String(random.int(0, 99)).padStart(2, '0')}`;
        const own = invoices.filter((invoice) => invoice.customerId === customerId);
        const targeted = own.length > 0 && random.next() < 0.4 ? [random.pick(own).id] : undefined;
        await billing.ok(tenant, PAY, { input: { customerId, amount, method: 'CASH', ...(targeted ? { invoiceIds: targeted } : {}) } });
        expected.get(customerId)!.paid += cents(amount);
      }

      // Every stored invoice agrees with its lines, taxes and allocations; statuses follow the money.
      const drift = await billing.sql<{ id: string }>(
        `SELECT i.id FROM billing.invoice i WHERE i.tenant_id = ? AND (
           i.subtotal <> (SELECT sum(l.amount) FROM billing.invoice_line l WHERE l.invoice_id = i.id)
           OR i.tax_total <> (SELECT coalesce(sum(t.amount), 0) FROM billing.invoice_tax t WHERE t.invoice_id = i.id)
           OR i.total <> i.subtotal + i.tax_total
           OR i.paid_amount <> (SELECT coalesce(sum(a.amount), 0) FROM billing.payment_allocation a WHERE a.invoice_id = i.id)
           OR i.paid_amount > i.total
           OR (i.status = 'PAID') <> (i.paid_amount = i.total)
           OR (i.status = 'PARTIALLY_PAID' AND i.paid_amount = 0))
         UNION ALL
         SELECT p.id FROM billing.payment p WHERE p.tenant_id = ?
           AND p.allocated_amount <> (SELECT coalesce(sum(a.amount), 0) FROM billing.payment_allocation a WHERE a.payment_id = p.id)`,
        [tenant, tenant]);
      expect(drift).toEqual([]);
      // Whatever was billed and paid, the balance is billed − paid to the cent, and the open amount what invoices still owe.
      const money = await billing.ok(tenant, MONEY, { reps: customers.map((id) => ({ __typename: 'Customer', id })), probe: '1' });
      for (const customer of money._entities) {
        const { totals, paid } = expected.get(customer.id)!;
        expect(customer.balance.amount).toBe(toMoney(totals - paid));
        expect(cents(customer.openAmount.amount)).toBeGreaterThanOrEqual(0n);
        expect(cents(customer.openAmount.amount) - cents(customer.balance.amount)).toBeGreaterThanOrEqual(0n);
        expect(customer.totalPurchases.amount).toBe(toMoney(totals));
      }
    }
  });
});

describe('customer money', () => {
  it('gives 50 customers\' balances and purchase figures in one statement', async () => {
    const tenant = testTenant();
    const customers = Array.from({ length: 50 }, () => newId());
    for (let start = 0; start < 50; start += 10) {
      await Promise.all(customers.slice(start, start + 10).map(async (customerId, i) => {
        await billing.ok(tenant, CREATE_INVOICE, { input: { customerId, lines: [{ description: 'Fibre', quantity: '1', unitPrice: String(10 + start + i) }] } });
        if (i % 2 === 0) await billing.ok(tenant, PAY, { input: { customerId, amount: '5', method: 'CASH' } });
      }));
    }
    await billing.ok(tenant, ENTRY, { input: { customerId: customers[0], kind: 'CREDIT', amount: '2.50', description: 'Geste commercial' } });
    await billing.ok(tenant, LIMIT, { input: { customerId: customers[1], creditLimit: '100' } });
    const reps = (ids: string[]) => ids.map((id) => ({ __typename: 'Customer', id }));

    const before = await billing.statementsInRequests();
    const one = await billing.ok(tenant, MONEY, { reps: reps(customers.slice(0, 1)), probe: '50' });
    const afterOne = await billing.statementsInRequests();
    const all = await billing.ok(tenant, MONEY, { reps: reps(customers), probe: '50' });
    const afterAll = await billing.statementsInRequests();
    expect(afterOne - before).toBe(1);
    expect(afterAll - afterOne).toBe(1);
    expect(all._entities).toHaveLength(50);
    // Customer 0: 10.00 + 14.98 % taxes = 11.50, paid 5.00, ledger credit 2.50 → owes 4.00.
    expect(one._entities[0]).toMatchObject({
      balance: { amount: '4.00', currency: 'CAD' }, openAmount: { amount: '6.50' }, totalPurchases: { amount: '11.50' }, salesCount: 1,
      lastPurchaseDate: day(), averagePurchase: { amount: '11.50' }, creditBalance: { amount: '2.50' }, creditLimit: { amount: '0.00' },
      availableCredit: { amount: '0.00' }, canPurchase: false,
    });
    // Customer 1: 11.00 → 12.65 owed, limit 100 → 87.35 available.
    expect(all._entities[1]).toMatchObject({ balance: { amount: '12.65' }, creditLimit: { amount: '100.00' }, availableCredit: { amount: '87.35' }, canPurchase: true });
  });

  it('shows zeros and nulls for a customer with nothing, and refuses a malformed amount naming it', async () => {
    const tenant = testTenant();
    const nobody = await billing.ok(tenant, MONEY, { reps: [{ __typename: 'Customer', id: newId() }], probe: '0.01' });
    expect(nobody._entities[0]).toMatchObject({ balance: { amount: '0.00' }, salesCount: 0, lastPurchaseDate: null, averagePurchase: null, canPurchase: false });
    const bad = await billing.query(tenant, MONEY, { reps: [{ __typename: 'Customer', id: newId() }], probe: '1.234' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
  });
});

describe('credit ledger', () => {
  it('keeps entries append-only: corrections are new entries, the table refuses edits', async () => {
    const tenant = testTenant();
    const customerId = newId();
    const credit = (await billing.ok(tenant, ENTRY, { input: { customerId, kind: 'CREDIT', amount: '30', description: 'Remboursement en crédit' } })).recordCreditEntry.entry;
    expect(credit).toMatchObject({ kind: 'CREDIT', amount: { amount: '30.00' }, author: `test-${tenant}` });
    // Correcting a credit with a debit is allowed beyond the available credit; the wrong kind is not.
    expect(errorOf(await billing.query(tenant, ENTRY, { input: { customerId, kind: 'CREDIT', amount: '30', description: 'x', correctsEntryId: credit.id } })))
      .toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.kind' });
    const correction = (await billing.ok(tenant, ENTRY, { input: { customerId, kind: 'DEBIT', amount: '30', description: 'Saisi par erreur', correctsEntryId: credit.id } })).recordCreditEntry.entry;
    expect(correction.correctsEntryId).toBe(credit.id);
    await expect(billing.sql('UPDATE billing.credit_ledger_entry SET amount = 1 WHERE id = ?', [credit.id])).rejects.toThrow(/never changed/);
    await expect(billing.sql('DELETE FROM billing.credit_ledger_entry WHERE id = ?', [credit.id])).rejects.toThrow(/never changed/);
    const ledger = await billing.ok(tenant, 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { creditBalance { amount } creditLedger { totalCount edges { node { kind } } } } } }',
      { reps: [{ __typename: 'Customer', id: customerId }] });
    expect(ledger._entities[0]).toEqual({ creditBalance: { amount: '0.00' }, creditLedger: { totalCount: 2, edges: [{ node: { kind: 'DEBIT' } }, { node: { kind: 'CREDIT' } }] } });
    expect(await billing.eventTypes(tenant, customerId)).toEqual(['credit_ledger.entry_recorded', 'credit_ledger.entry_recorded']);
  });

  it('never lets concurrent debits take a customer past the credit limit', async () => {
    const tenant = testTenant();
    const customerId = newId();
    expect(errorOf(await billing.query(tenant, LIMIT, { input: { customerId, creditLimit: '500' } }, ['agent']))).toMatchObject({ code: 'FORBIDDEN' });
    await billing.ok(tenant, LIMIT, { input: { customerId, creditLimit: '500' } }, ['billing']);
    expect(errorOf(await billing.query(tenant, LIMIT, { input: { customerId, creditLimit: '400', version: 7 } }))).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
    const [changed] = await billing.sql<{ type: string; data: any }>(
      `SELECT type, envelope->'data' AS data FROM billing.outbox WHERE tenant_id = ? AND subject = ? AND type LIKE 'customer_account.%'`, [tenant, customerId]);
    expect(changed).toEqual({ type: 'customer_account.credit_limit_changed', data: { customerId, before: '0.00', after: '500.00', by: `test-${tenant}` } });
    const results = await Promise.all(Array.from({ length: 10 }, () =>
      billing.query(tenant, ENTRY, { input: { customerId, kind: 'DEBIT', amount: '60', description: 'Achat au comptoir' } })));
    expect(results.filter((result) => !result.errors)).toHaveLength(8);
    expect(results.filter((result) => result.errors).map((result) => errorOf(result))).toEqual(Array(2).fill(expect.objectContaining({ code: 'CONFLICT', field: 'input.amount' })));
    const money = await billing.ok(tenant, MONEY, { reps: [{ __typename: 'Customer', id: customerId }], probe: '20.01' });
    expect(money._entities[0]).toMatchObject({ balance: { amount: '480.00' }, availableCredit: { amount: '20.00' }, canPurchase: false, creditBalance: { amount: '-480.00' } });
  });
});

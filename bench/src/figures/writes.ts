import { randomInt } from 'node:crypto';
import { loadHttp, noGraphQLErrors, post, type HttpTarget } from '../http-load.ts';
import { CREATE_INVOICE, CUSTOMERS_PAGE, UPSERT_CUSTOMER, body } from '../queries.ts';
import { spreadOf, type LoadFigures } from '../stats.ts';

const CONCURRENCY = 8;
const AREA_CODES = ['514', '438', '450', '579', '819'];

/** Phone numbers no earlier request of this run used: a new customer each time. */
function phoneMaker(): () => string {
  let next = randomInt(0, 8_000_000);
  return () => {
    next += 1;
    const local = String(2_000_000 + (next % 8_000_000));
    return `+1 ${AREA_CODES[next % AREA_CODES.length]} ${local.slice(0, 3)}-${local.slice(3)}`;
  };
}

/**
 * Writes through our gateway at concurrency 8, in a tenant of their own (the
 * scale data stays as seeded): upsertCustomer creating new customers, then
 * createInvoice for those customers.
 */
export async function measureWrites(gateway: HttpTarget, runs: number, seconds: number, progress: (line: string) => void) {
  const upserts: LoadFigures[] = [];
  const invoices: LoadFigures[] = [];
  const nextPhone = phoneMaker();
  const ok = (field: string) => (text: string) => noGraphQLErrors(text) && text.includes(`"${field}":{`);
  for (let run = 1; run <= runs; run += 1) {
    const upsert = await loadHttp(gateway, {
      body: () => body(UPSERT_CUSTOMER, { input: { phone: nextPhone(), name: 'Client Banc d’essai', email: 'banc@example.ca' } }),
      check: ok('upsertCustomer'),
    }, CONCURRENCY, seconds);
    progress(`run ${run}/${runs} upsertCustomer: ${upsert.rps.toFixed(0)} /s, p50 ${upsert.p50.toFixed(1)} ms, ${upsert.errors} errors`);
    upserts.push(upsert);
    const customers = await post(gateway, CUSTOMERS_PAGE, { first: 100 });
    const ids = (customers.data?.customers.edges ?? []).map((edge: { node: { id: string } }) => edge.node.id) as string[];
    const invoice = await loadHttp(gateway, {
      body: () => body(CREATE_INVOICE, { input: {
        customerId: ids[randomInt(ids.length)],
        lines: [{ description: 'Internet Fibre 500', quantity: '1', unitPrice: '74.95' }, { description: 'Location modem Wi-Fi 6', quantity: '1', unitPrice: '5.00' }],
      } }),
      check: ok('createInvoice'),
    }, CONCURRENCY, seconds);
    progress(`run ${run}/${runs} createInvoice: ${invoice.rps.toFixed(0)} /s, p50 ${invoice.p50.toFixed(1)} ms, ${invoice.errors} errors`);
    invoices.push(invoice);
  }
  return { concurrency: CONCURRENCY, upsertCustomer: spreadOf(upserts), createInvoice: spreadOf(invoices) };
}

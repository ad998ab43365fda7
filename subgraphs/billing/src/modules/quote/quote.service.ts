import {
  RequestScopedService, amount, badInput, conflict, money, newId, notFound, pageRequest, recordEvents, requireUuid,
  type Connection, type DomainEvent, type EntityManager, type MoneyValue, type PageArgs, type RequestScope,
} from '@c360/kit';
import type { Product } from '../catalogue/product.entity.ts';
import type { Contract, ContractType } from '../contract/contract.entity.ts';
import { insertContract } from '../contract/contract.writer.ts';
import type { Subscription } from '../subscription/subscription.entity.ts';
import { insertSubscriptions } from '../subscription/subscription.writer.ts';
import type { CatalogueLoaders } from '../catalogue/product.loader.ts';
import { nextDocumentNumber } from '../numbering/document-number.ts';
import type { SettingsService } from '../settings/settings.service.ts';
import { addDays, dateArg, today } from '../shared/dates.ts';
import { checkLineCount, checkTotals, lineRows, taxRows, validateLine } from '../shared/lines.ts';
import { checkTransition, checkVersion, parseText } from '../shared/values.ts';
import { priceInvoice, type PricedInvoice, type TaxProfileValue } from '../tax/tax.calculation.ts';
import type { TaxProfiles } from '../tax/tax-profile.service.ts';
import type { TaxAmountView } from '../invoice/invoice.service.ts';
import { QUOTE_WORKFLOW, Quote, type QuoteSection, type QuoteStatus } from './quote.entity.ts';
import type { QuoteLoaders } from './quote.loader.ts';

export interface QuoteLineInput {
  section: QuoteSection;
  /** A catalogue product; its description and price are used unless given. */
  productId?: string | null;
  description?: string | null;
  quantity: string;
  unitPrice?: string | null;
}

export interface CreateQuoteInput {
  customerId: string;
  serviceLocationId?: string | null;
  validUntil?: Date | null;
  purchaseOrder?: string | null;
  terms?: string | null;
  lines: QuoteLineInput[];
}

export interface QuoteDecisionInput {
  id: string;
  version?: number | null;
  reason?: string | null;
}

export interface AcceptQuoteInput extends QuoteDecisionInput {
  contractType?: ContractType | null;
  startDate?: Date | null;
  endDate?: Date | null;
  autoRenew?: boolean | null;
  serviceLocationId?: string | null;
}

export interface QuoteSectionView {
  section: QuoteSection;
  lines: { description: string; quantity: string; productId: string | null; unitPrice: MoneyValue; amount: MoneyValue }[];
  taxes: TaxAmountView[];
  subtotal: MoneyValue;
  taxTotal: MoneyValue;
  total: MoneyValue;
}

/** Which products a quote section takes: one-time items, or plans billed monthly. */
const SECTION_BILLING: Record<QuoteSection, Product['billing']> = { ONE_TIME: 'ONE_TIME', MONTHLY: 'MONTHLY' };

type QuoteDeps = RequestScope<QuoteLoaders & CatalogueLoaders> & { taxProfiles: TaxProfiles; settings: SettingsService };

/** Quotes: numbered per tenant with the tenant's prefix, priced per section, moved through their workflow. */
export class QuoteService extends RequestScopedService<QuoteLoaders & CatalogueLoaders> {
  private readonly taxProfiles: TaxProfiles;
  private readonly settings: SettingsService;

  constructor(deps: QuoteDeps) {
    super(deps);
    this.taxProfiles = deps.taxProfiles;
    this.settings = deps.settings;
  }

  get(id: string, field = 'id'): Promise<Quote | null> {
    return this.loaders.quoteById.load(requireUuid(id, field).toLowerCase());
  }

  forCustomer(customerId: string, args: PageArgs): Promise<Connection<Quote>> {
    return this.loaders.customerQuotes.load({ key: customerId.toLowerCase(), args: pageRequest(args) });
  }

  /** One section of the quote: its lines, its taxes and its totals (HT, each tax, TTC). */
  async section(quote: Quote, section: QuoteSection): Promise<QuoteSectionView> {
    const [lines, taxes] = await Promise.all([this.loaders.quoteLines.load(quote.id), this.loaders.quoteTaxes.load(quote.id)]);
    const totals = section === 'ONE_TIME'
      ? [quote.oneTimeSubtotal, quote.oneTimeTaxTotal, quote.oneTimeTotal]
      : [quote.monthlySubtotal, quote.monthlyTaxTotal, quote.monthlyTotal];
    const [subtotal, taxTotal, total] = totals.map((value) => money(value!, quote.currency)) as [MoneyValue, MoneyValue, MoneyValue];
    return {
      section,
      lines: lines.filter((line) => line.section === section).map((line) => ({
        description: line.description,
        quantity: amount(line.quantity).toFixed(),
        productId: line.product_id,
        unitPrice: money(line.unit_price, quote.currency),
        amount: money(line.amount, quote.currency),
      })),
      taxes: taxes.filter((tax) => tax.section === section).map((tax) => ({ code: tax.code, name: tax.name, rate: amount(tax.rate).toFixed(), amount: money(tax.amount, quote.currency) })),
      subtotal,
      taxTotal,
      total,
    };
  }

  /**
   * A DRAFT quote with the tenant's next number (`DEV-000001`). Everything is
   * checked first, so refused input takes no number; the number, the quote, its
   * lines and taxes and `quote.created` commit together.
   */
  async create(input: CreateQuoteInput): Promise<{ quote: Quote }> {
    const customerId = requireUuid(input.customerId, 'input.customerId').toLowerCase();
    const serviceLocationId = input.serviceLocationId == null ? null : requireUuid(input.serviceLocationId, 'input.serviceLocationId').toLowerCase();
    const [settings, profile] = await Promise.all([this.settings.get(), this.taxProfiles.get()]);
    const quotedOn = today();
    const validUntil = dateArg(input.validUntil, 'input.validUntil') ?? addDays(quotedOn, settings.quoteValidityDays);
    if (validUntil < quotedOn) throw badInput('input.validUntil', `must not be before today (${quotedOn})`);
    const purchaseOrder = parseText(input.purchaseOrder, 'input.purchaseOrder', { max: 100 });
    const terms = parseText(input.terms, 'input.terms', { max: 10_000 });
    const sections = await this.priceSections(input.lines, profile);

    return this.em.transactional(async (tx) => {
      const number = await nextDocumentNumber(tx, this.tenantId, 'QUOTE', settings.quotePrefix);
      const quote = await insertQuote(tx, this.tenantId, {
        customerId, serviceLocationId, number, quotedOn, validUntil, purchaseOrder, terms, currency: profile.currency, ...sections,
      });
      await recordEvents(tx, 'billing', this.tenantId, [quoteCreatedEvent(quote)]);
      return { quote };
    });
  }

  /** DRAFT → SENT, while still valid. */
  send(input: QuoteDecisionInput): Promise<{ quote: Quote }> {
    return this.move(input, 'SENT', 'quote.sent', 'sent_at = now()');
  }

  /** SENT → REFUSED, with the customer's reason when given. */
  refuse(input: QuoteDecisionInput): Promise<{ quote: Quote }> {
    const reason = parseText(input.reason, 'input.reason', { max: 2000 });
    return this.move(input, 'REFUSED', 'quote.refused', 'decided_at = now(), refusal_reason = ?', [reason]);
  }

  /**
   * SENT → ACCEPTED, converted in the same transaction into a contract (numbered,
   * linked to the quote; monthly when the quote has monthly items, its amount
   * the monthly subtotal, else one-off for the one-time subtotal) and one ACTIVE
   * subscription per monthly line, at the quote's service location unless another
   * is given. Either all of it happens or none.
   */
  async accept(input: AcceptQuoteInput): Promise<{ quote: Quote; contract: Contract; subscriptions: Subscription[] }> {
    const startDate = dateArg(input.startDate, 'input.startDate') ?? today();
    const endDate = dateArg(input.endDate, 'input.endDate');
    if (endDate && endDate < startDate) throw badInput('input.endDate', `must not be before the start date (${startDate})`);
    if (input.autoRenew && !endDate) throw badInput('input.endDate', 'is required for a contract that renews automatically');
    const serviceLocationId = input.serviceLocationId == null ? null : requireUuid(input.serviceLocationId, 'input.serviceLocationId').toLowerCase();
    const settings = await this.settings.get();
    const result = await this.move(input, 'ACCEPTED', 'quote.accepted', 'decided_at = now()', [], async (tx, quote) => {
      const monthlyLines = (await this.loaders.quoteLines.load(quote.id)).filter((line) => line.section === 'MONTHLY');
      const recurring = monthlyLines.length > 0;
      const contract = await insertContract(tx, this.tenantId, settings.contractPrefix, {
        customerId: quote.customerId,
        type: input.contractType ?? 'SERVICE',
        startDate,
        endDate,
        periodicity: recurring ? 'MONTHLY' : 'ONE_OFF',
        amount: recurring ? quote.monthlySubtotal : quote.oneTimeSubtotal,
        currency: quote.currency,
        autoRenew: input.autoRenew ?? false,
        quoteId: quote.id,
        description: `From quote ${quote.number}`,
      });
      const subscriptions = await insertSubscriptions(tx, this.tenantId, monthlyLines.map((line) => ({
        customerId: quote.customerId,
        serviceLocationId: serviceLocationId ?? quote.serviceLocationId ?? null,
        productId: line.product_id,
        contractId: contract.id,
        description: line.description,
        quantity: line.quantity,
        unitPrice: line.unit_price,
        currency: quote.currency,
        frequency: 'MONTHLY' as const,
        startDate,
      })));
      return { contract, subscriptions };
    });
    return result as { quote: Quote; contract: Contract; subscriptions: Subscription[] };
  }

  /**
   * Locks the quote (so that concurrent decisions queue and the second sees the
   * first's outcome), checks the version and the workflow, and writes the change
   * with its event. `extra` runs inside the same transaction (acceptance).
   */
  private async move(
    input: QuoteDecisionInput,
    to: QuoteStatus,
    eventType: string,
    set: string,
    params: unknown[] = [],
    extra?: (tx: EntityManager, quote: Quote) => Promise<Record<string, unknown>>,
  ): Promise<{ quote: Quote } & Record<string, unknown>> {
    const id = requireUuid(input.id, 'input.id').toLowerCase();
    return this.em.transactional(async (tx) => {
      const current = await lockQuote(tx, this.tenantId, id);
      checkVersion(current.version, input.version, 'quote');
      checkTransition(QUOTE_WORKFLOW, 'quote', current.status, to);
      if (to !== 'EXPIRED' && current.validUntil < today()) {
        throw conflict(`The quote's validity ended on ${current.validUntil}; it can only expire now`, 'input.id');
      }
      const [row] = await tx.execute<Record<string, unknown>[]>(
        `UPDATE billing.quote SET status = ?, ${set}, updated_at = now(), version = version + 1 WHERE tenant_id = ? AND id = ? RETURNING *`,
        [to, ...params, this.tenantId, id],
      );
      const quote = tx.map(Quote, row!);
      const outcome = extra ? await extra(tx, quote) : {};
      await recordEvents(tx, 'billing', this.tenantId, [quoteDecisionEvent(eventType, quote, outcome)]);
      return { quote, ...outcome };
    });
  }

  /** Both sections priced like invoices with the tenant's taxes; at least one line in all. */
  private async priceSections(lines: QuoteLineInput[], profile: TaxProfileValue): Promise<{ oneTime: PricedInvoice; monthly: PricedInvoice; productIds: (string | null)[] }> {
    checkLineCount(lines.length, 'input.lines');
    const products = await Promise.all(lines.map((line, index) =>
      line.productId == null ? null : this.loaders.productById.load(requireUuid(line.productId, `input.lines[${index}].productId`).toLowerCase())));
    const resolved = lines.map((line, index) => {
      const field = `input.lines[${index}]`;
      const product = products[index];
      if (line.productId != null) {
        if (!product || !product.active) throw badInput(`${field}.productId`, 'is not an active product of the catalogue');
        if (product.billing !== SECTION_BILLING[line.section]) {
          throw badInput(`${field}.section`, `product ${product.sku} is billed ${product.billing}; it belongs in the ${product.billing === 'ONE_TIME' ? 'ONE_TIME' : 'MONTHLY'} section`);
        }
      }
      const priced = validateLine({
        description: line.description ?? product?.description ?? '',
        quantity: line.quantity,
        unitPrice: line.unitPrice ?? (product ? amount(product.unitPrice).toFixed(2) : ''),
      }, field);
      return { section: line.section, productId: product?.id ?? null, line: priced };
    });
    // Stored one-time section first, then monthly, each in entry order.
    const ordered = [...resolved.filter((line) => line.section === 'ONE_TIME'), ...resolved.filter((line) => line.section === 'MONTHLY')];
    const price = (section: QuoteSection) => {
      const priced = priceInvoice(ordered.filter((line) => line.section === section).map((line) => line.line), profile);
      checkTotals(priced, 'input.lines');
      return priced;
    };
    return { oneTime: price('ONE_TIME'), monthly: price('MONTHLY'), productIds: ordered.map((line) => line.productId) };
  }
}

/** Only ids and numbers travel in events: the rows are there for whoever needs more. */
/*
 * A quote's events (the demo data records them too, for its past): its
 * creation, and each step of its workflow with the ids of what came of it
 * (`contractId`, `subscriptionIds` on acceptance).
 */
export function quoteCreatedEvent(quote: Quote): DomainEvent {
  return {
    type: 'quote.created',
    subject: quote.id,
    data: {
      customerId: quote.customerId, quoteId: quote.id, number: quote.number, oneTimeTotal: quote.oneTimeTotal, monthlyTotal: quote.monthlyTotal,
      currency: quote.currency,
    },
  };
}

export function quoteDecisionEvent(type: string, quote: Quote, outcome: Record<string, unknown> = {}): DomainEvent {
  return { type, subject: quote.id, data: { customerId: quote.customerId, quoteId: quote.id, number: quote.number, ...eventData(outcome) } };
}

function eventData(outcome: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(outcome)) {
    if (Array.isArray(value)) data[`${key.replace(/s$/, '')}Ids`] = value.map((item: { id: string }) => item.id);
    else if (value && typeof value === 'object' && 'id' in value) data[`${key}Id`] = (value as { id: string }).id;
  }
  return data;
}

export async function lockQuote(tx: EntityManager, tenantId: string, id: string): Promise<Quote> {
  const [row] = await tx.execute<Record<string, unknown>[]>('SELECT * FROM billing.quote WHERE tenant_id = ? AND id = ? FOR UPDATE', [tenantId, id]);
  if (!row) throw notFound('Quote');
  return tx.map(Quote, row);
}

interface NewQuote {
  customerId: string;
  serviceLocationId: string | null;
  number: string;
  quotedOn: string;
  validUntil: string;
  purchaseOrder: string | null;
  terms: string | null;
  currency: string;
  oneTime: PricedInvoice;
  monthly: PricedInvoice;
  productIds: (string | null)[];
}

/** The quote, its lines (one-time first, then monthly) and its taxes per section: one statement. */
async function insertQuote(tx: EntityManager, tenantId: string, values: NewQuote): Promise<Quote> {
  const { oneTime, monthly } = values;
  const lines = [
    ...lineRows(oneTime).map((line) => ({ ...line, section: 'ONE_TIME' })),
    ...lineRows(monthly).map((line) => ({ ...line, section: 'MONTHLY' })),
  ].map((line, lineNo) => ({ ...line, line_no: lineNo, product_id: values.productIds[lineNo] }));
  const taxes = [
    ...taxRows(oneTime).map((tax) => ({ ...tax, section: 'ONE_TIME' })),
    ...taxRows(monthly).map((tax) => ({ ...tax, section: 'MONTHLY' })),
  ];
  const [row] = await tx.execute<Record<string, unknown>[]>(
    `WITH quote AS (
       INSERT INTO billing.quote (id, tenant_id, customer_id, service_location_id, number, status, currency, quoted_on, valid_until,
         purchase_order, terms, one_time_subtotal, one_time_tax_total, one_time_total, monthly_subtotal, monthly_tax_total, monthly_total)
       VALUES (?, ?, ?, ?, ?, 'DRAFT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       RETURNING *
     ), lines AS (
       INSERT INTO billing.quote_line (quote_id, line_no, tenant_id, section, product_id, description, quantity, unit_price)
       SELECT quote.id, r.line_no, quote.tenant_id, r.section, r.product_id, r.description, r.quantity, r.unit_price
       FROM quote, jsonb_to_recordset(?::jsonb) AS r(line_no int, section text, product_id uuid, description text, quantity numeric, unit_price numeric)
     ), taxes AS (
       INSERT INTO billing.quote_tax (quote_id, section, position, tenant_id, code, name, rate, amount)
       SELECT quote.id, r.section, r.position, quote.tenant_id, r.code, r.name, r.rate, r.amount
       FROM quote, jsonb_to_recordset(?::jsonb) AS r(section text, position int, code text, name text, rate numeric, amount numeric)
     )
     SELECT * FROM quote`,
    [
      newId(), tenantId, values.customerId, values.serviceLocationId, values.number, values.currency, values.quotedOn, values.validUntil,
      values.purchaseOrder, values.terms, oneTime.subtotal.toFixed(2), oneTime.taxTotal.toFixed(2), oneTime.total.toFixed(2),
      monthly.subtotal.toFixed(2), monthly.taxTotal.toFixed(2), monthly.total.toFixed(2), JSON.stringify(lines), JSON.stringify(taxes),
    ],
  );
  return tx.map(Quote, row!);
}

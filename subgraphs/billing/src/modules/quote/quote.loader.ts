import { groupedLoader, isUuid, keyedLoader, uuidArray, type EntityManager } from '@c360/kit';
import { childPageLoader, type ChildPageLoader } from '../shared/child-pages.ts';
import { Quote, type QuoteLineRow, type QuoteTaxRow } from './quote.entity.ts';

/** Per-request loaders of quotes: one statement per loader per request. */
export interface QuoteLoaders {
  /** Quotes by id within the request's tenant (the tenant filter applies). */
  quoteById: ReturnType<typeof keyedLoader<string, Quote>>;
  /** A page of each customer's quotes, newest first. */
  customerQuotes: ChildPageLoader<Quote>;
  /** Each quote's lines, both sections, in entry order. */
  quoteLines: ReturnType<typeof groupedLoader<string, QuoteLineRow>>;
  quoteTaxes: ReturnType<typeof groupedLoader<string, QuoteTaxRow>>;
}

export function createQuoteLoaders(em: EntityManager, tenantId: string): QuoteLoaders {
  return {
    quoteById: keyedLoader((ids) => em.find(Quote, { id: { $in: ids.filter(isUuid) } }), (quote) => quote.id),
    customerQuotes: childPageLoader(
      em, tenantId,
      { table: 'billing.quote', parentColumn: 'customer_id', sortColumn: 'created_at', sortType: 'timestamptz' },
      (columns) => em.map(Quote, columns),
      (quote) => quote.createdAt,
      (quote) => quote.id,
    ),
    quoteLines: groupedLoader(
      (quoteIds) => em.execute<QuoteLineRow[]>(
        `SELECT quote_id, section, product_id, description, quantity, unit_price, amount FROM billing.quote_line
         WHERE tenant_id = ? AND quote_id = ANY(?::uuid[]) ORDER BY quote_id, line_no`,
        [tenantId, uuidArray(quoteIds)],
      ),
      (line) => line.quote_id,
    ),
    quoteTaxes: groupedLoader(
      (quoteIds) => em.execute<QuoteTaxRow[]>(
        `SELECT quote_id, section, code, name, rate, amount FROM billing.quote_tax
         WHERE tenant_id = ? AND quote_id = ANY(?::uuid[]) ORDER BY quote_id, section, position`,
        [tenantId, uuidArray(quoteIds)],
      ),
      (tax) => tax.quote_id,
    ),
  };
}

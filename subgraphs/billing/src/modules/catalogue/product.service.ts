import {
  RequestScopedService, badInput, newId, pageRequest, recordEvents, requireUuid, toConnection,
  type Connection, type PageArgs, type RequestScope,
} from '@c360/kit';
import { parseMoney, requiredText } from '../shared/values.ts';
import type { TaxProfiles } from '../tax/tax-profile.service.ts';
import { Product, type ProductBilling } from './product.entity.ts';
import type { CatalogueLoaders } from './product.loader.ts';

export interface UpsertProductInput {
  sku: string;
  description: string;
  unitPrice: string;
  billing: ProductBilling;
  active?: boolean | null;
}

const SKU = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The tenant's products and plans, listed by SKU. */
export class CatalogueService extends RequestScopedService<CatalogueLoaders> {
  private readonly taxProfiles: TaxProfiles;

  constructor(deps: RequestScope<CatalogueLoaders> & { taxProfiles: TaxProfiles }) {
    super(deps);
    this.taxProfiles = deps.taxProfiles;
  }

  get(id: string, field = 'id'): Promise<Product | null> {
    return this.loaders.productById.load(requireUuid(id, field).toLowerCase());
  }

  /** By SKU ascending, served by the unique (tenant, sku) index; the cursor is the last SKU. */
  async list(args: PageArgs & { activeOnly?: boolean | null }): Promise<Connection<Product>> {
    const request = pageRequest(args);
    const where = { ...(args.activeOnly ? { active: true } : {}) };
    const [rows, totalCount] = await Promise.all([
      this.em.find(Product, { ...where, ...(request.after ? { sku: { $gt: request.after.sort } } : {}) }, { orderBy: { sku: 'ASC' }, limit: request.first + 1 }),
      this.em.count(Product, where),
    ]);
    return toConnection(rows, request, totalCount, (product) => ({ sort: product.sku, id: product.id }));
  }

  /** Creates the product with this SKU or updates it; the SKU is the tenant's key for its catalogue. */
  async upsert(input: UpsertProductInput): Promise<{ product: Product; isNew: boolean }> {
    const sku = input.sku.trim();
    if (!SKU.test(sku)) throw badInput('input.sku', `"${input.sku}" is not a SKU (letters, digits, dots, dashes, underscores; at most 64)`);
    const description = requiredText(input.description, 'input.description', 500);
    const unitPrice = parseMoney(input.unitPrice, 'input.unitPrice', { allowZero: true }).toFixed(2);
    const { currency } = await this.taxProfiles.get();
    return this.em.transactional(async (tx) => {
      // `xmax = 0` tells an inserted row from an updated one in the same statement.
      const [row] = await tx.execute<(Record<string, unknown> & { inserted: boolean })[]>(
        `INSERT INTO billing.product AS p (id, tenant_id, sku, description, unit_price, currency, billing, active)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (tenant_id, sku) DO UPDATE SET description = excluded.description, unit_price = excluded.unit_price,
           billing = excluded.billing, active = excluded.active, updated_at = now(), version = p.version + 1
         RETURNING *, (xmax = 0) AS inserted`,
        [newId(), this.tenantId, sku, description, unitPrice, currency, input.billing, input.active ?? true],
      );
      const { inserted, ...columns } = row!;
      const product = tx.map(Product, columns);
      await recordEvents(tx, 'billing', this.tenantId, [
        { type: inserted ? 'product.created' : 'product.updated', subject: product.id, data: { productId: product.id, sku, unitPrice, billing: input.billing } },
      ]);
      return { product, isNew: inserted };
    });
  }
}

import { isUuid, keyedLoader, type EntityManager } from '@c360/kit';
import { Product } from './product.entity.ts';

/** Per-request loaders of the catalogue. */
export interface CatalogueLoaders {
  /** Products by id within the request's tenant (the tenant filter applies). */
  productById: ReturnType<typeof keyedLoader<string, Product>>;
}

export function createCatalogueLoaders(em: EntityManager): CatalogueLoaders {
  return { productById: keyedLoader((ids) => em.find(Product, { id: { $in: ids.filter(isUuid) } }), (product) => product.id) };
}


import { isUuid, keyedLoader, uuidArray, type EntityManager } from '@c360/kit';
import { childPageLoader, type ChildPageLoader } from '../shared/child-pages.ts';
import { Contract } from './contract.entity.ts';

/** Per-request loaders of contracts: one statement per loader per request. */
export interface ContractLoaders {
  /** Contracts by id within the request's tenant (the tenant filter applies). */
  contractById: ReturnType<typeof keyedLoader<string, Contract>>;
  /** The contract each quote was converted into (the unique quote_id index). */
  contractByQuote: ReturnType<typeof keyedLoader<string, Contract & { quoteId: string }>>;
  /** A page of each customer's contracts, newest first. */
  customerContracts: ChildPageLoader<Contract>;
}

export function createContractLoaders(em: EntityManager, tenantId: string): ContractLoaders {
  return {
    contractById: keyedLoader((ids) => em.find(Contract, { id: { $in: ids.filter(isUuid) } }), (contract) => contract.id),
    contractByQuote: keyedLoader(
      async (quoteIds) => {
        const rows = await em.execute<Record<string, unknown>[]>(
          'SELECT * FROM billing.contract WHERE tenant_id = ? AND quote_id = ANY(?::uuid[])', [tenantId, uuidArray(quoteIds)]);
        return rows.map((row) => em.map(Contract, row) as Contract & { quoteId: string });
      },
      (contract) => contract.quoteId,
    ),
    customerContracts: childPageLoader(
      em, tenantId,
      { table: 'billing.contract', parentColumn: 'customer_id', sortColumn: 'created_at', sortType: 'timestamptz' },
      (columns) => em.map(Contract, columns),
      (contract) => contract.createdAt,
      (contract) => contract.id,
    ),
  };
}

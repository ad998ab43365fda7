import { newId, recordEvents, type DomainEvent, type EntityManager } from '@c360/kit';
import { nextDocumentNumber } from '../numbering/document-number.ts';
import { Contract, type ContractPeriodicity, type ContractType } from './contract.entity.ts';

export interface NewContract {
  customerId: string;
  type: ContractType;
  startDate: string;
  endDate: string | null;
  periodicity: ContractPeriodicity;
  /** Per period, before taxes. */
  amount: string;
  currency: string;
  autoRenew: boolean;
  quoteId: string | null;
  description: string | null;
}

/** Numbers and writes a contract in the caller's transaction, with `contract.created`. */
export async function insertContract(tx: EntityManager, tenantId: string, prefix: string, values: NewContract): Promise<Contract> {
  const number = await nextDocumentNumber(tx, tenantId, 'CONTRACT', prefix);
  const [row] = await tx.execute<Record<string, unknown>[]>(
    `INSERT INTO billing.contract (id, tenant_id, customer_id, number, type, start_date, end_date, periodicity, status, amount, currency,
       auto_renew, quote_id, description)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?, ?) RETURNING *`,
    [newId(), tenantId, values.customerId, number, values.type, values.startDate, values.endDate, values.periodicity, values.amount,
      values.currency, values.autoRenew, values.quoteId, values.description],
  );
  const contract = tx.map(Contract, row!);
  await recordEvents(tx, 'billing', tenantId, [contractCreatedEvent(contract)]);
  return contract;
}

/** `contract.created` (the demo data records it too, for its past). */
export function contractCreatedEvent(contract: Contract): DomainEvent {
  return {
    type: 'contract.created',
    subject: contract.id,
    data: { customerId: contract.customerId, contractId: contract.id, number: contract.number, type: contract.type, quoteId: contract.quoteId ?? null, amount: contract.amount },
  };
}

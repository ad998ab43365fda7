import {
  RequestScopedService, badInput, notFound, pageRequest, recordEvents, requireUuid,
  type Connection, type PageArgs, type RequestScope,
} from '@c360/kit';
import type { SettingsService } from '../settings/settings.service.ts';
import { dateArg, today } from '../shared/dates.ts';
import { checkTransition, checkVersion, parseMoney, parseText } from '../shared/values.ts';
import type { TaxProfiles } from '../tax/tax-profile.service.ts';
import { CONTRACT_WORKFLOW, Contract, type ContractPeriodicity, type ContractStatus, type ContractType } from './contract.entity.ts';
import type { ContractLoaders } from './contract.loader.ts';
import { insertContract } from './contract.writer.ts';

export interface CreateContractInput {
  customerId: string;
  type: ContractType;
  startDate?: Date | null;
  endDate?: Date | null;
  periodicity: ContractPeriodicity;
  amount: string;
  autoRenew?: boolean | null;
  description?: string | null;
}

export interface ChangeContractStatusInput {
  id: string;
  status: ContractStatus;
  version?: number | null;
}

export class ContractService extends RequestScopedService<ContractLoaders> {
  private readonly taxProfiles: TaxProfiles;
  private readonly settings: SettingsService;

  constructor(deps: RequestScope<ContractLoaders> & { taxProfiles: TaxProfiles; settings: SettingsService }) {
    super(deps);
    this.taxProfiles = deps.taxProfiles;
    this.settings = deps.settings;
  }

  get(id: string, field = 'id'): Promise<Contract | null> {
    return this.loaders.contractById.load(requireUuid(id, field).toLowerCase());
  }

  ofQuote(quoteId: string): Promise<Contract | null> {
    return this.loaders.contractByQuote.load(quoteId);
  }

  forCustomer(customerId: string, args: PageArgs): Promise<Connection<Contract>> {
    return this.loaders.customerContracts.load({ key: customerId.toLowerCase(), args: pageRequest(args) });
  }

  /** A contract made directly (not from a quote), ACTIVE, with the tenant's next contract number. */
  async create(input: CreateContractInput): Promise<{ contract: Contract }> {
    const customerId = requireUuid(input.customerId, 'input.customerId').toLowerCase();
    const startDate = dateArg(input.startDate, 'input.startDate') ?? today();
    const endDate = dateArg(input.endDate, 'input.endDate');
    if (endDate && endDate < startDate) throw badInput('input.endDate', `must not be before the start date (${startDate})`);
    if (input.autoRenew && !endDate) throw badInput('input.endDate', 'is required for a contract that renews automatically');
    const amount = parseMoney(input.amount, 'input.amount', { allowZero: true }).toFixed(2);
    const description = parseText(input.description, 'input.description', { max: 10_000 });
    const [settings, profile] = await Promise.all([this.settings.get(), this.taxProfiles.get()]);
    const contract = await this.em.transactional((tx) => insertContract(tx, this.tenantId, settings.contractPrefix, {
      customerId, type: input.type, startDate, endDate, periodicity: input.periodicity, amount, currency: profile.currency,
      autoRenew: input.autoRenew ?? false, quoteId: null, description,
    }));
    return { contract };
  }

  /** Suspends (INACTIVE), resumes (ACTIVE) or terminates a contract; EXPIRED is the job's. */
  async changeStatus(input: ChangeContractStatusInput): Promise<{ contract: Contract }> {
    const id = requireUuid(input.id, 'input.id').toLowerCase();
    if (input.status === 'EXPIRED') throw badInput('input.status', 'contracts expire by themselves when their end date passes');
    return this.em.transactional(async (tx) => {
      const [current] = await tx.execute<Record<string, unknown>[]>('SELECT * FROM billing.contract WHERE tenant_id = ? AND id = ? FOR UPDATE', [this.tenantId, id]);
      if (!current) throw notFound('Contract');
      const contract = tx.map(Contract, current);
      // Read before the update: mapping the updated row refreshes the same managed entity.
      const from = contract.status;
      checkVersion(contract.version, input.version, 'contract');
      checkTransition(CONTRACT_WORKFLOW, 'contract', contract.status, input.status);
      const [row] = await tx.execute<Record<string, unknown>[]>(
        `UPDATE billing.contract SET status = ?, ended_at = CASE WHEN ? = 'TERMINATED' THEN now() ELSE ended_at END,
           updated_at = now(), version = version + 1
         WHERE tenant_id = ? AND id = ? RETURNING *`,
        [input.status, input.status, this.tenantId, id],
      );
      const changed = tx.map(Contract, row!);
      await recordEvents(tx, 'billing', this.tenantId, [{
        type: `contract.${input.status.toLowerCase()}`,
        subject: id,
        data: { customerId: changed.customerId, contractId: id, number: changed.number, from, to: input.status },
      }]);
      return { contract: changed };
    });
  }
}

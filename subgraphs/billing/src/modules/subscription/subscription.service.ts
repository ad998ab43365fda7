import {
  RequestScopedService, amount, badInput, notFound, pageRequest, recordEvents, requireUuid,
  type Connection, type DomainEvent, type PageArgs, type RequestScope,
} from '@c360/kit';
import type { CatalogueLoaders } from '../catalogue/product.loader.ts';
import { dateArg, today } from '../shared/dates.ts';
import { checkTransition, checkVersion, parseMoney, parseQuantity, requiredText } from '../shared/values.ts';
import type { TaxProfiles } from '../tax/tax-profile.service.ts';
import { SUBSCRIPTION_WORKFLOW, Subscription, type BillingFrequency, type SubscriptionStatus } from './subscription.entity.ts';
import type { SubscriptionLoaders } from './subscription.loader.ts';
import { insertSubscriptions } from './subscription.writer.ts';

export interface CreateSubscriptionInput {
  customerId: string;
  serviceLocationId?: string | null;
  /** A recurring product of the catalogue: its description, price and frequency are used unless given. */
  productId?: string | null;
  description?: string | null;
  quantity?: string | null;
  price?: string | null;
  frequency?: BillingFrequency | null;
  startDate?: Date | null;
}

export interface ChangeSubscriptionStatusInput {
  id: string;
  status: SubscriptionStatus;
  version?: number | null;
}

export class SubscriptionService extends RequestScopedService<SubscriptionLoaders & CatalogueLoaders> {
  private readonly taxProfiles: TaxProfiles;

  constructor(deps: RequestScope<SubscriptionLoaders & CatalogueLoaders> & { taxProfiles: TaxProfiles }) {
    super(deps);
    this.taxProfiles = deps.taxProfiles;
  }

  get(id: string, field = 'id'): Promise<Subscription | null> {
    return this.loaders.subscriptionById.load(requireUuid(id, field).toLowerCase());
  }

  forCustomer(customerId: string, args: PageArgs): Promise<Connection<Subscription>> {
    return this.loaders.customerSubscriptions.load({ key: customerId.toLowerCase(), args: pageRequest(args) });
  }

  ofLocation(locationId: string): Promise<Subscription[]> {
    return this.loaders.locationSubscriptions.load(locationId.toLowerCase());
  }

  ofContract(contractId: string): Promise<Subscription[]> {
    return this.loaders.contractSubscriptions.load(contractId);
  }

  async create(input: CreateSubscriptionInput): Promise<{ subscription: Subscription }> {
    const customerId = requireUuid(input.customerId, 'input.customerId').toLowerCase();
    const serviceLocationId = input.serviceLocationId == null ? null : requireUuid(input.serviceLocationId, 'input.serviceLocationId').toLowerCase();
    const product = input.productId == null ? null : await this.loaders.productById.load(requireUuid(input.productId, 'input.productId').toLowerCase());
    if (input.productId != null && (!product || !product.active)) throw badInput('input.productId', 'is not an active product of the catalogue');
    if (product?.billing === 'ONE_TIME') throw badInput('input.productId', `product ${product.sku} is sold once, not a recurring plan`);
    const frequency = input.frequency ?? (product?.billing as BillingFrequency | undefined);
    if (!frequency) throw badInput('input.frequency', 'is required without a product');
    const description = requiredText(input.description ?? product?.description, 'input.description', 500);
    const quantity = parseQuantity(input.quantity ?? '1', 'input.quantity');
    const price = input.price != null ? parseMoney(input.price, 'input.price', { allowZero: true }).toFixed(2) : product ? amount(product.unitPrice).toFixed(2) : null;
    if (price === null) throw badInput('input.price', 'is required without a product');
    const { currency } = await this.taxProfiles.get();
    const startDate = dateArg(input.startDate, 'input.startDate') ?? today();
    const [subscription] = await this.em.transactional((tx) => insertSubscriptions(tx, this.tenantId, [{
      customerId, serviceLocationId, productId: product?.id ?? null, contractId: null, description, quantity, unitPrice: price, currency, frequency, startDate,
    }]));
    return { subscription: subscription! };
  }

  /** Pauses, resumes or cancels; a cancelled subscription is no longer billed (no next billing date). */
  async changeStatus(input: ChangeSubscriptionStatusInput): Promise<{ subscription: Subscription }> {
    const id = requireUuid(input.id, 'input.id').toLowerCase();
    return this.em.transactional(async (tx) => {
      const [current] = await tx.execute<Record<string, unknown>[]>('SELECT * FROM billing.subscription WHERE tenant_id = ? AND id = ? FOR UPDATE', [this.tenantId, id]);
      if (!current) throw notFound('Subscription');
      const before = tx.map(Subscription, current);
      // Read before the update: mapping the updated row refreshes the same managed entity.
      const from = before.status;
      checkVersion(before.version, input.version, 'subscription');
      checkTransition(SUBSCRIPTION_WORKFLOW, 'subscription', before.status, input.status);
      const cancelled = input.status === 'CANCELLED';
      const [row] = await tx.execute<Record<string, unknown>[]>(
        `UPDATE billing.subscription SET status = ?, cancelled_at = CASE WHEN ? THEN now() END,
           next_billing_date = CASE WHEN ? THEN NULL ELSE next_billing_date END, updated_at = now(), version = version + 1
         WHERE tenant_id = ? AND id = ? RETURNING *`,
        [input.status, cancelled, cancelled, this.tenantId, id],
      );
      const subscription = tx.map(Subscription, row!);
      await recordEvents(tx, 'billing', this.tenantId, [subscriptionStatusEvent(subscription, from)]);
      return { subscription };
    });
  }
}

/** `subscription.<status>` of a subscription that left `from` (the demo data records it too, for its past). */
export function subscriptionStatusEvent(subscription: Subscription, from: SubscriptionStatus): DomainEvent {
  return {
    type: `subscription.${subscription.status.toLowerCase()}`,
    subject: subscription.id,
    data: { customerId: subscription.customerId, subscriptionId: subscription.id, serviceLocationId: subscription.serviceLocationId, from, to: subscription.status },
  };
}

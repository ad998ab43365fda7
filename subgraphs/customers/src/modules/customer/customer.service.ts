import { LockMode } from '@mikro-orm/core';
import { z } from 'zod';
import {
  RequestScopedService, type RequestScope, badInput, conflict, newId, pageRequest, recordEvents, requireUuid, toConnection, toE164,
  type Connection, type PageArgs,
} from '@c360/kit';
import { Customer, type CUSTOMER_KINDS } from './customer.entity.ts';
import type { CustomerLoaders } from './customer.loader.ts';
import type { TenantSettings } from '../tenant/tenant.service.ts';

export interface UpsertCustomerInput {
  phone: string;
  name: string;
  kind?: (typeof CUSTOMER_KINDS)[number] | null;
  email?: string | null;
  version?: number | null;
}

const emailSchema = z.email();

/** Fields a change event reports, in API names. */
const TRACKED_FIELDS = ['kind', 'name', 'phone', 'phoneRaw', 'email'] as const;

export class CustomerService extends RequestScopedService<CustomerLoaders> {
  private readonly settings: TenantSettings;

  constructor(deps: RequestScope<CustomerLoaders> & { settings: TenantSettings }) {
    super(deps);
    this.settings = deps.settings;
  }

  get(id: string): Promise<Customer | null> {
    return this.loaders.customerById.load(requireUuid(id, 'id'));
  }

  async byPhone(raw: string): Promise<Customer | null> {
    const phone = toE164(raw, (await this.settings.get()).defaultCountry);
    return this.em.findOne(Customer, { phone });
  }

  /**
   * Newest first. A search made mostly of digits matches phone digits; any
   * other search matches a fragment of the name or e-mail. Both use the
   * trigram index on `search_text`.
   */
  async list(args: PageArgs & { search?: string | null }): Promise<Connection<Customer>> {
    const request = pageRequest(args);
    const fragment = searchFragment(args.search);
    const where: Record<string, unknown> = fragment ? { searchText: { $like: `%${escapeLike(fragment)}%` } } : {};
    if (request.after) {
      where.$or = [
        { createdAt: { $lt: new Date(request.after.sort) } },
        { createdAt: new Date(request.after.sort), id: { $lt: request.after.id } },
      ];
    }
    const [rows, totalCount] = await Promise.all([
      this.em.find(Customer, where, { orderBy: { createdAt: 'DESC', id: 'DESC' }, limit: request.first + 1 }),
      this.em.count(Customer, fragment ? { searchText: { $like: `%${escapeLike(fragment)}%` } } : {}),
    ]);
    return toConnection(rows, request, totalCount, (customer) => ({ sort: customer.createdAt.toISOString(), id: customer.id }));
  }

  /**
   * Creates the tenant's customer with this phone or updates it. Safe under
   * concurrency: the insert relies on the unique (tenant, phone) index and the
   * update holds the row lock, so parallel calls for one new phone create one
   * customer and the others update it.
   */
  async upsert(input: UpsertCustomerInput): Promise<{ customer: Customer; isNew: boolean }> {
    const values = await this.validate(input);
    return this.em.transactional(async (tx) => {
      // Two rounds at most: if the insert loses a race, the winner's row is there to lock.
      for (let round = 0; round < 2; round += 1) {
        const existing = await tx.findOne(Customer, { phone: values.phone }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (existing) {
          if (input.version != null && input.version !== existing.version) {
            throw conflict(`The customer was changed by someone else (version ${existing.version}, yours ${input.version}); reload and retry`, 'version');
          }
          const changed = TRACKED_FIELDS.filter((field) => values[field] !== existing[field]);
          if (changed.length > 0) {
            tx.assign(existing, values);
            await tx.flush();
            await recordEvents(tx, 'customers', this.tenantId, [
              { type: 'customer.updated', subject: existing.id, data: { customerId: existing.id, changedFields: changed, customer: snapshot(existing) } },
            ]);
          }
          return { customer: existing, isNew: false };
        }
        const inserted = await tx.execute<Record<string, unknown>[]>(
          `INSERT INTO customers.customer (id, tenant_id, kind, name, phone, phone_raw, email)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (tenant_id, phone) DO NOTHING
           RETURNING *`,
          [newId(), this.tenantId, values.kind, values.name, values.phone, values.phoneRaw, values.email],
        );
        if (inserted[0]) {
          const customer = tx.map(Customer, inserted[0]);
          await recordEvents(tx, 'customers', this.tenantId, [
            { type: 'customer.created', subject: customer.id, data: { customerId: customer.id, changedFields: [...TRACKED_FIELDS], customer: snapshot(customer) } },
          ]);
          return { customer, isNew: true };
        }
      }
      throw conflict('The customer is being changed concurrently; retry');
    });
  }

  private async validate(input: UpsertCustomerInput) {
    const name = input.name.trim();
    if (!name) throw badInput('input.name', 'must not be empty');
    const email = input.email?.trim() || null;
    if (email && !emailSchema.safeParse(email).success) throw badInput('input.email', `"${email}" is not a valid e-mail address`);
    const phoneRaw = input.phone.trim();
    const phone = toE164(phoneRaw, (await this.settings.get()).defaultCountry, 'input.phone');
    return { kind: input.kind ?? 'INDIVIDUAL', name, phone, phoneRaw, email };
  }
}

function snapshot(customer: Customer) {
  return { id: customer.id, kind: customer.kind, name: customer.name, phone: customer.phone, email: customer.email, status: customer.status, version: customer.version };
}

/** Digits for a phone-like search ("450-272", "(450) 27"), lower-cased text otherwise. */
function searchFragment(search: string | null | undefined): string | null {
  const trimmed = search?.trim();
  if (!trimmed) return null;
  const digits = trimmed.replace(/\D/g, '');
  const phoneLike = /^[\d\s()+.-]+$/.test(trimmed) && digits.length >= 3;
  return phoneLike ? digits : trimmed.toLowerCase();
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (char) => `\\${char}`);

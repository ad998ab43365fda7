import { badInput, signCaller, type Caller } from '@c360/kit';

/** Who an invoice is for when the caller only knows a phone number. */
export interface CustomerByPhone {
  phone: string;
  /** Needed only when no customer has this phone yet. */
  name?: string | null;
  kind?: 'COMPANY' | 'INDIVIDUAL' | null;
}

/**
 * The customers subgraph as billing sees it. Billing never reads the customers
 * schema: it asks through the subgraph's GraphQL API, as the caller of the
 * current request, so the customers subgraph applies its own tenancy and rules.
 */
export interface CustomerDirectory {
  /**
   * The customer with this phone, created when there is none (the customers
   * subgraph's upsert makes concurrent calls for one phone agree on one customer).
   * `field` is the input field errors name, e.g. `input.customer`.
   */
  findOrCreateByPhone(caller: Caller, customer: CustomerByPhone, field: string): Promise<{ id: string; isNew: boolean }>;
}

const FIND = 'query BillingCustomerByPhone($phone: String!) { customerByPhone(phone: $phone) { id } }';
const CREATE = `mutation BillingUpsertCustomer($input: UpsertCustomerInput!) {
  upsertCustomer(input: $input) { customer { id } isNew }
}`;

interface GraphQLError {
  message: string;
  extensions?: { code?: string; field?: string };
}

/** The customers subgraph over HTTP, with the caller signed as the gateway signs it. */
export class CustomersGraphClient implements CustomerDirectory {
  private readonly url: string;
  private readonly signingSecret: string;
  private readonly timeoutMs: number;

  constructor(options: { url: string; signingSecret: string; timeoutMs: number }) {
    this.url = options.url;
    this.signingSecret = options.signingSecret;
    this.timeoutMs = options.timeoutMs;
  }

  async findOrCreateByPhone(caller: Caller, customer: CustomerByPhone, field: string): Promise<{ id: string; isNew: boolean }> {
    // Look first: an existing customer is linked as it is, never renamed by a cashier's typing.
    const found = await this.request<{ customerByPhone: { id: string } | null }>(caller, FIND, { phone: customer.phone }, field);
    if (found.customerByPhone) return { id: found.customerByPhone.id, isNew: false };
    const name = customer.name?.trim();
    if (!name) throw badInput(`${field}.name`, 'is required: no customer has this phone number yet, so one is created');
    const created = await this.request<{ upsertCustomer: { customer: { id: string }; isNew: boolean } }>(
      caller, CREATE, { input: { phone: customer.phone, name, kind: customer.kind ?? 'INDIVIDUAL' } }, field);
    return { id: created.upsertCustomer.customer.id, isNew: created.upsertCustomer.isNew };
  }

  private async request<T>(caller: Caller, query: string, variables: Record<string, unknown>, field: string): Promise<T> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-c360-caller': await signCaller(caller, this.signingSecret) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const body = (await response.json().catch(() => ({}))) as { data?: T; errors?: GraphQLError[] };
    const error = body.errors?.[0];
    // The customers subgraph names its own input fields (`phone`, `input.phone`); ours nest them under `field`.
    if (error?.extensions?.code === 'BAD_USER_INPUT') {
      const theirs = error.extensions.field?.replace(/^input\./, '') ?? 'phone';
      throw badInput(`${field}.${theirs}`, error.message);
    }
    if (error || !body.data) throw new Error(`customers subgraph answered ${response.status}: ${error?.message ?? 'no data'}`);
    return body.data;
  }
}

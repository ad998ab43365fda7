import { Migration } from '@mikro-orm/migrations';

/**
 * Catalogue, per-tenant settings, quotes, contracts and subscriptions; invoices
 * gain drafts (numbered when issued), VOID, and a source for invoices made from
 * another domain's event.
 */
export class Migration20261129100000BillingDocuments extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE billing.settings (
      tenant_id text PRIMARY KEY,
      quote_prefix text NOT NULL DEFAULT 'DEV-' CHECK (quote_prefix ~ '^[A-Z0-9][A-Z0-9-]{0,9}$'),
      contract_prefix text NOT NULL DEFAULT 'CTR-' CHECK (contract_prefix ~ '^[A-Z0-9][A-Z0-9-]{0,9}$'),
      quote_validity_days integer NOT NULL DEFAULT 30 CHECK (quote_validity_days BETWEEN 1 AND 365),
      late_fee numeric(14,2) NOT NULL DEFAULT 0 CHECK (late_fee >= 0),
      late_interest_rate numeric(7,6) NOT NULL DEFAULT 0 CHECK (late_interest_rate >= 0 AND late_interest_rate < 1),
      reminder_schedule jsonb NOT NULL CHECK (jsonb_typeof(reminder_schedule) = 'array'),
      contract_notice_days integer NOT NULL DEFAULT 30 CHECK (contract_notice_days BETWEEN 1 AND 365),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    )`);
    // Quote and contract numbers: one row per tenant and kind, bumped inside the
    // document's transaction (the row lock orders numbering, a rollback returns the number).
    this.addSql(`CREATE TABLE billing.document_counter (
      tenant_id text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('QUOTE', 'CONTRACT')),
      last_number bigint NOT NULL CHECK (last_number >= 0),
      PRIMARY KEY (tenant_id, kind)
    )`);

    // The unique (tenant, sku) index also serves the catalogue list, ordered by SKU.
    this.addSql(`CREATE TABLE billing.product (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      sku text NOT NULL CHECK (sku ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
      description text NOT NULL CHECK (btrim(description) <> '' AND char_length(description) <= 500),
      unit_price numeric(14,2) NOT NULL CHECK (unit_price >= 0),
      currency char(3) NOT NULL,
      billing text NOT NULL CHECK (billing IN ('ONE_TIME', 'MONTHLY', 'QUARTERLY', 'ANNUAL')),
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT product_tenant_sku_key UNIQUE (tenant_id, sku)
    )`);

    this.addSql(`CREATE TABLE billing.quote (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      external_id text,
      customer_id uuid NOT NULL,
      service_location_id uuid,
      number text NOT NULL,
      status text NOT NULL CHECK (status IN ('DRAFT', 'SENT', 'ACCEPTED', 'REFUSED', 'EXPIRED')),
      currency char(3) NOT NULL,
      quoted_on date NOT NULL,
      valid_until date NOT NULL,
      purchase_order text CHECK (char_length(purchase_order) <= 100),
      terms text CHECK (char_length(terms) <= 10000),
      one_time_subtotal numeric(14,2) NOT NULL CHECK (one_time_subtotal >= 0),
      one_time_tax_total numeric(14,2) NOT NULL,
      one_time_total numeric(14,2) NOT NULL,
      monthly_subtotal numeric(14,2) NOT NULL CHECK (monthly_subtotal >= 0),
      monthly_tax_total numeric(14,2) NOT NULL,
      monthly_total numeric(14,2) NOT NULL,
      sent_at timestamptz(3),
      decided_at timestamptz(3),
      refusal_reason text,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CHECK (valid_until >= quoted_on),
      CHECK (one_time_total = one_time_subtotal + one_time_tax_total),
      CHECK (monthly_total = monthly_subtotal + monthly_tax_total),
      CONSTRAINT quote_tenant_number_key UNIQUE (tenant_id, number),
      CONSTRAINT quote_tenant_external_key UNIQUE (tenant_id, external_id)
    )`);
    // Customer.quotes (newest first, cursor) and its count.
    this.addSql('CREATE INDEX quote_customer_created_idx ON billing.quote (tenant_id, customer_id, created_at DESC, id DESC)');
    // Statistics: quotes by status.
    this.addSql('CREATE INDEX quote_tenant_status_idx ON billing.quote (tenant_id, status)');
    // The expiry job: undecided quotes by validity date, all tenants.
    this.addSql(`CREATE INDEX quote_undecided_valid_idx ON billing.quote (valid_until) WHERE status IN ('DRAFT', 'SENT')`);
    this.addSql(`CREATE TABLE billing.quote_line (
      quote_id uuid NOT NULL REFERENCES billing.quote (id),
      line_no smallint NOT NULL CHECK (line_no >= 0),
      tenant_id text NOT NULL,
      section text NOT NULL CHECK (section IN ('ONE_TIME', 'MONTHLY')),
      product_id uuid REFERENCES billing.product (id),
      description text NOT NULL CHECK (btrim(description) <> ''),
      quantity numeric(12,3) NOT NULL CHECK (quantity > 0),
      unit_price numeric(14,2) NOT NULL,
      amount numeric(14,2) GENERATED ALWAYS AS (round(quantity * unit_price, 2)) STORED,
      PRIMARY KEY (quote_id, line_no)
    )`);
    this.addSql('CREATE INDEX quote_line_product_idx ON billing.quote_line (product_id) WHERE product_id IS NOT NULL');
    this.addSql(`CREATE TABLE billing.quote_tax (
      quote_id uuid NOT NULL REFERENCES billing.quote (id),
      section text NOT NULL CHECK (section IN ('ONE_TIME', 'MONTHLY')),
      position smallint NOT NULL CHECK (position >= 0),
      tenant_id text NOT NULL,
      code text NOT NULL,
      name text NOT NULL,
      rate numeric(8,6) NOT NULL CHECK (rate >= 0),
      amount numeric(14,2) NOT NULL,
      PRIMARY KEY (quote_id, section, position)
    )`);

    this.addSql(`CREATE TABLE billing.contract (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      external_id text,
      customer_id uuid NOT NULL,
      number text NOT NULL,
      type text NOT NULL CHECK (type IN ('MAINTENANCE', 'CONSULTING', 'TRAINING', 'SUPPORT', 'SERVICE')),
      start_date date NOT NULL,
      end_date date,
      periodicity text NOT NULL CHECK (periodicity IN ('ONE_OFF', 'MONTHLY', 'QUARTERLY', 'ANNUAL')),
      status text NOT NULL CHECK (status IN ('ACTIVE', 'INACTIVE', 'TERMINATED', 'EXPIRED')),
      amount numeric(14,2) NOT NULL CHECK (amount >= 0),
      currency char(3) NOT NULL,
      auto_renew boolean NOT NULL DEFAULT false,
      quote_id uuid REFERENCES billing.quote (id),
      description text CHECK (char_length(description) <= 10000),
      ended_at timestamptz(3),
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CHECK (end_date IS NULL OR end_date >= start_date),
      -- A renewing contract needs an end to renew at.
      CHECK (NOT auto_renew OR end_date IS NOT NULL),
      CONSTRAINT contract_tenant_number_key UNIQUE (tenant_id, number),
      CONSTRAINT contract_tenant_external_key UNIQUE (tenant_id, external_id),
      -- A quote converts into one contract at most.
      CONSTRAINT contract_quote_key UNIQUE (quote_id)
    )`);
    this.addSql('CREATE INDEX contract_customer_created_idx ON billing.contract (tenant_id, customer_id, created_at DESC, id DESC)');
    // Renewal, expiry and end-of-contract reminders: active contracts by end date, all tenants.
    this.addSql(`CREATE INDEX contract_active_end_idx ON billing.contract (end_date) WHERE status = 'ACTIVE' AND end_date IS NOT NULL`);

    this.addSql(`CREATE TABLE billing.subscription (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      external_id text,
      customer_id uuid NOT NULL,
      service_location_id uuid,
      product_id uuid REFERENCES billing.product (id),
      contract_id uuid REFERENCES billing.contract (id),
      description text NOT NULL CHECK (btrim(description) <> ''),
      quantity numeric(12,3) NOT NULL CHECK (quantity > 0),
      unit_price numeric(14,2) NOT NULL CHECK (unit_price >= 0),
      currency char(3) NOT NULL,
      frequency text NOT NULL CHECK (frequency IN ('MONTHLY', 'QUARTERLY', 'ANNUAL')),
      status text NOT NULL CHECK (status IN ('ACTIVE', 'PAUSED', 'CANCELLED')),
      start_date date NOT NULL,
      next_billing_date date,
      cancelled_at timestamptz(3),
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CHECK ((status = 'CANCELLED') = (cancelled_at IS NOT NULL)),
      CONSTRAINT subscription_tenant_external_key UNIQUE (tenant_id, external_id)
    )`);
    this.addSql('CREATE INDEX subscription_customer_created_idx ON billing.subscription (tenant_id, customer_id, created_at DESC, id DESC)');
    // ServiceLocation.subscriptions.
    this.addSql(`CREATE INDEX subscription_location_idx ON billing.subscription (tenant_id, service_location_id, created_at)
      WHERE service_location_id IS NOT NULL`);
    this.addSql('CREATE INDEX subscription_contract_idx ON billing.subscription (contract_id) WHERE contract_id IS NOT NULL');

    // Drafts have no number until issued, so that numbers follow issue order; a
    // voided draft never gets one.
    this.addSql('ALTER TABLE billing.invoice ALTER COLUMN number DROP NOT NULL');
    this.addSql(`ALTER TABLE billing.invoice ADD CONSTRAINT invoice_number_when_issued CHECK (number IS NOT NULL OR status IN ('DRAFT', 'VOID'))`);
    // e.g. `work_order:<id>`: the event an invoice was made from, so that it is made once.
    this.addSql('ALTER TABLE billing.invoice ADD COLUMN source text');
    this.addSql('CREATE UNIQUE INDEX invoice_tenant_source_key ON billing.invoice (tenant_id, source) WHERE source IS NOT NULL');
    this.addSql('ALTER TABLE billing.invoice ADD COLUMN voided_at timestamptz(3), ADD COLUMN void_reason text');
    // The overdue job: open, not yet overdue invoices by due date, all tenants.
    this.addSql(`CREATE INDEX invoice_unpaid_due_idx ON billing.invoice (due_date) WHERE status IN ('ISSUED', 'PARTIALLY_PAID')`);
    // The customer's money in one index-only pass: every invoice that counts as a sale.
    this.addSql(`CREATE INDEX invoice_customer_sales_idx ON billing.invoice (tenant_id, customer_id)
      INCLUDE (status, total, paid_amount, issued_at) WHERE status NOT IN ('DRAFT', 'VOID')`);
    // Statistics: overdue totals of a tenant.
    this.addSql(`CREATE INDEX invoice_tenant_overdue_idx ON billing.invoice (tenant_id) INCLUDE (total, paid_amount) WHERE status = 'OVERDUE'`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/**
 * The customer's account (credit limit and the append-only credit ledger),
 * payment arrangements, reminders (dunning) and vouchers.
 */
export class Migration20261129110000BillingCollections extends Migration {
  override async up(): Promise<void> {
    // Only customers whose limit was set have a row (no row: limit 0).
    this.addSql(`CREATE TABLE billing.customer_account (
      tenant_id text NOT NULL,
      customer_id uuid NOT NULL,
      credit_limit numeric(14,2) NOT NULL CHECK (credit_limit >= 0),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (tenant_id, customer_id)
    )`);

    this.addSql(`CREATE TABLE billing.credit_ledger_entry (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      external_id text,
      customer_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('CREDIT', 'DEBIT')),
      amount numeric(14,2) NOT NULL CHECK (amount > 0),
      currency char(3) NOT NULL,
      description text NOT NULL CHECK (btrim(description) <> '' AND char_length(description) <= 500),
      author text NOT NULL,
      corrects_id uuid REFERENCES billing.credit_ledger_entry (id),
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT credit_ledger_tenant_external_key UNIQUE (tenant_id, external_id)
    )`);
    // Customer.creditLedger (newest first) and the sums of the customer's money, index-only.
    this.addSql(`CREATE INDEX credit_ledger_customer_created_idx ON billing.credit_ledger_entry (tenant_id, customer_id, created_at DESC, id DESC)
      INCLUDE (kind, amount)`);
    // Entries are never edited or deleted: a mistake is corrected by a new entry.
    this.addSql(`CREATE FUNCTION billing.credit_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN RAISE EXCEPTION 'credit ledger entries are never changed; record a correcting entry'; END $fn$`);
    this.addSql(`CREATE TRIGGER credit_ledger_append_only BEFORE UPDATE OR DELETE ON billing.credit_ledger_entry
      FOR EACH ROW EXECUTE FUNCTION billing.credit_ledger_append_only()`);

    this.addSql(`CREATE TABLE billing.payment_arrangement (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      external_id text,
      customer_id uuid NOT NULL,
      amount numeric(14,2) NOT NULL CHECK (amount > 0),
      currency char(3) NOT NULL,
      agreed_on date NOT NULL,
      due_date date NOT NULL,
      cutoff_date date NOT NULL,
      method text CHECK (method IN ('PORTAL', 'CHEQUE', 'PHONE', 'PRE_AUTHORIZED')),
      status text NOT NULL CHECK (status IN ('PENDING', 'OPEN', 'COMPLETED', 'BROKEN', 'CANCELLED')),
      staff_note text CHECK (char_length(staff_note) <= 2000),
      change_reason text CHECK (char_length(change_reason) <= 2000),
      created_by text NOT NULL,
      closed_at timestamptz(3),
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CHECK (agreed_on <= due_date AND due_date <= cutoff_date),
      CHECK ((status IN ('PENDING', 'OPEN')) = (closed_at IS NULL)),
      CONSTRAINT arrangement_tenant_external_key UNIQUE (tenant_id, external_id)
    )`);
    // At most one live arrangement per customer; also serves Customer.activeArrangement.
    this.addSql(`CREATE UNIQUE INDEX arrangement_customer_live_key ON billing.payment_arrangement (tenant_id, customer_id)
      WHERE status IN ('PENDING', 'OPEN')`);
    this.addSql('CREATE INDEX arrangement_customer_created_idx ON billing.payment_arrangement (tenant_id, customer_id, created_at DESC, id DESC)');
    // The settling job: live arrangements, all tenants.
    this.addSql(`CREATE INDEX arrangement_live_cutoff_idx ON billing.payment_arrangement (cutoff_date) WHERE status IN ('PENDING', 'OPEN')`);

    this.addSql(`CREATE TABLE billing.reminder (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      customer_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('PAYMENT', 'CONTRACT_END')),
      invoice_id uuid REFERENCES billing.invoice (id),
      contract_id uuid REFERENCES billing.contract (id),
      level smallint NOT NULL CHECK (level >= 1),
      channel text NOT NULL CHECK (channel IN ('EMAIL', 'PHONE', 'SMS', 'LETTER')),
      status text NOT NULL CHECK (status IN ('PENDING', 'SENT', 'PROCESSED', 'CANCELLED')),
      subject text NOT NULL CHECK (btrim(subject) <> '' AND char_length(subject) <= 300),
      scheduled_on date NOT NULL,
      penalty numeric(14,2) NOT NULL DEFAULT 0 CHECK (penalty >= 0),
      currency char(3) NOT NULL,
      automatic boolean NOT NULL,
      created_by text NOT NULL,
      sent_at timestamptz(3),
      processed_at timestamptz(3),
      cancelled_at timestamptz(3),
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CHECK ((kind = 'PAYMENT') = (invoice_id IS NOT NULL)),
      CHECK ((kind = 'CONTRACT_END') = (contract_id IS NOT NULL))
    )`);
    // Generation is idempotent: one automatic reminder per invoice (or contract) and level.
    this.addSql('CREATE UNIQUE INDEX reminder_invoice_level_key ON billing.reminder (invoice_id, level) WHERE automatic AND invoice_id IS NOT NULL');
    this.addSql('CREATE UNIQUE INDEX reminder_contract_level_key ON billing.reminder (contract_id, level) WHERE automatic AND contract_id IS NOT NULL');
    this.addSql('CREATE INDEX reminder_customer_created_idx ON billing.reminder (tenant_id, customer_id, created_at DESC, id DESC)');
    this.addSql('CREATE INDEX reminder_tenant_status_idx ON billing.reminder (tenant_id, status)');
    // Cancelling the pending reminders of invoices that got paid.
    this.addSql(`CREATE INDEX reminder_pending_invoice_idx ON billing.reminder (invoice_id) WHERE status = 'PENDING' AND invoice_id IS NOT NULL`);

    this.addSql(`CREATE TABLE billing.voucher (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      external_id text,
      code text NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{2,31}$'),
      kind text NOT NULL CHECK (kind IN ('AMOUNT', 'PERCENT')),
      amount numeric(14,2) CHECK (amount > 0),
      percent numeric(5,2) CHECK (percent > 0 AND percent <= 100),
      currency char(3) NOT NULL,
      description text CHECK (char_length(description) <= 500),
      valid_from date,
      valid_until date,
      customer_id uuid,
      attached_at timestamptz(3),
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CHECK ((kind = 'AMOUNT') = (amount IS NOT NULL) AND (kind = 'PERCENT') = (percent IS NOT NULL)),
      CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from),
      CHECK ((customer_id IS NULL) = (attached_at IS NULL)),
      CONSTRAINT voucher_tenant_code_key UNIQUE (tenant_id, code),
      CONSTRAINT voucher_tenant_external_key UNIQUE (tenant_id, external_id)
    )`);
    this.addSql('CREATE INDEX voucher_customer_idx ON billing.voucher (tenant_id, customer_id, created_at) WHERE customer_id IS NOT NULL');
    // A voucher is used once (the primary key); voiding the invoice releases it.
    this.addSql(`CREATE TABLE billing.voucher_redemption (
      voucher_id uuid PRIMARY KEY REFERENCES billing.voucher (id),
      invoice_id uuid NOT NULL REFERENCES billing.invoice (id),
      tenant_id text NOT NULL,
      amount numeric(14,2) NOT NULL CHECK (amount > 0),
      redeemed_at timestamptz(3) NOT NULL DEFAULT now()
    )`);
    this.addSql('CREATE INDEX voucher_redemption_invoice_idx ON billing.voucher_redemption (invoice_id)');
  }
}

import { Migration } from '@mikro-orm/migrations';

/**
 * Payment methods on file (processor references only, encrypted), the audit of
 * every read of those references, and auto-pay charge attempts.
 */
export class Migration20261129120000BillingPaymentMethods extends Migration {
  override async up(): Promise<void> {
    // No card or account number is ever stored: `masked_number` keeps at most the last
    // four digits, and the processor's references are sealed with AES-256-GCM
    // (`reference_sealed`, key named by `key_id`) by the application.
    this.addSql(`CREATE TABLE billing.payment_method (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      external_id text,
      customer_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('CARD', 'BANK_DEBIT', 'PROCESSOR_PROFILE')),
      processor text NOT NULL CHECK (processor IN ('STRIPE', 'PAYSAFE', 'BANK')),
      label text NOT NULL CHECK (btrim(label) <> '' AND char_length(label) <= 100),
      masked_number text CHECK (masked_number ~ '^[^0-9]*[0-9]{0,4}$'),
      expiry text CHECK (expiry ~ '^(0[1-9]|1[0-2])/[0-9]{2}$'),
      auto_pay boolean NOT NULL DEFAULT false,
      auto_pay_limit numeric(14,2) CHECK (auto_pay_limit > 0),
      currency char(3) NOT NULL,
      active boolean NOT NULL DEFAULT true,
      reference_sealed bytea NOT NULL,
      key_id text NOT NULL,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CHECK (active OR NOT auto_pay),
      CONSTRAINT payment_method_tenant_external_key UNIQUE (tenant_id, external_id)
    )`);
    this.addSql('CREATE INDEX payment_method_customer_idx ON billing.payment_method (tenant_id, customer_id, created_at)');
    // One method charged automatically per customer; also serves Customer.autoPay and the auto-pay sweep.
    this.addSql('CREATE UNIQUE INDEX payment_method_customer_autopay_key ON billing.payment_method (tenant_id, customer_id) WHERE auto_pay');

    this.addSql(`CREATE TABLE billing.payment_method_access (
      id bigserial PRIMARY KEY,
      tenant_id text NOT NULL,
      payment_method_id uuid NOT NULL REFERENCES billing.payment_method (id),
      subject text NOT NULL,
      roles text[] NOT NULL,
      purpose text NOT NULL CHECK (purpose IN ('READ', 'CHARGE')),
      accessed_at timestamptz(3) NOT NULL DEFAULT now()
    )`);
    this.addSql('CREATE INDEX payment_method_access_method_idx ON billing.payment_method_access (tenant_id, payment_method_id, accessed_at DESC)');

    this.addSql(`CREATE TABLE billing.payment_attempt (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      invoice_id uuid NOT NULL REFERENCES billing.invoice (id),
      payment_method_id uuid NOT NULL REFERENCES billing.payment_method (id),
      amount numeric(14,2) NOT NULL CHECK (amount > 0),
      currency char(3) NOT NULL,
      status text NOT NULL CHECK (status IN ('SUCCEEDED', 'FAILED')),
      processor_reference text,
      failure_code text,
      failure_reason text,
      payment_id uuid REFERENCES billing.payment (id),
      attempted_at timestamptz(3) NOT NULL DEFAULT now(),
      CHECK ((status = 'SUCCEEDED') = (payment_id IS NOT NULL)),
      CHECK (status = 'SUCCEEDED' OR failure_reason IS NOT NULL)
    )`);
    this.addSql('CREATE INDEX payment_attempt_invoice_idx ON billing.payment_attempt (tenant_id, invoice_id, attempted_at)');
    // An invoice is paid by auto-pay once at most.
    this.addSql(`CREATE UNIQUE INDEX payment_attempt_invoice_success_key ON billing.payment_attempt (invoice_id) WHERE status = 'SUCCEEDED'`);
    this.addSql('CREATE INDEX payment_attempt_method_idx ON billing.payment_attempt (payment_method_id)');
  }
}

import { Migration } from '@mikro-orm/migrations';

export class Migration20261121000000Customers extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE customers.tenant (
      id text PRIMARY KEY,
      name text NOT NULL,
      default_country char(2) NOT NULL DEFAULT 'CA',
      created_at timestamptz(3) NOT NULL DEFAULT now()
    )`);
    this.addSql(`CREATE TABLE customers.customer (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('COMPANY', 'INDIVIDUAL')),
      name text NOT NULL CHECK (btrim(name) <> ''),
      phone text,
      phone_raw text,
      email text,
      status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'SUSPENDED', 'INACTIVE')),
      external_id text,
      last_activity_at timestamptz(3),
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      search_text text GENERATED ALWAYS AS (
        lower(name) || ' ' || lower(coalesce(email, '')) || ' ' || regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g')
      ) STORED
    )`);
    // Unique per tenant; the phone index also makes find-or-create by phone race-free.
    this.addSql('CREATE UNIQUE INDEX customer_tenant_phone_key ON customers.customer (tenant_id, phone)');
    this.addSql('CREATE UNIQUE INDEX customer_tenant_external_id_key ON customers.customer (tenant_id, external_id)');
    // Serves the default list order (newest first) and its cursor.
    this.addSql('CREATE INDEX customer_tenant_created_idx ON customers.customer (tenant_id, created_at DESC, id DESC)');
    // Serves fragment search on name, e-mail and phone digits.
    this.addSql('CREATE INDEX customer_search_trgm_idx ON customers.customer USING gin (search_text public.gin_trgm_ops)');
  }
}

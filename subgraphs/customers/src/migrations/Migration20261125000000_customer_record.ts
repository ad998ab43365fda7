import { Migration } from '@mikro-orm/migrations';

/** The last columns of every editable record under a customer (removal is `removed_at`, never a delete). */
const EDITABLE_RECORD_COLUMNS = `external_id text,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      removed_at timestamptz(3),
      version integer NOT NULL DEFAULT 1`;

/** A record hangs under a customer of its own tenant, and goes with it (only test-data clean-up deletes customers). */
const OF_CUSTOMER = 'FOREIGN KEY (tenant_id, customer_id) REFERENCES customers.customer (tenant_id, id) ON DELETE CASCADE';

/** Legacy ids are unique per tenant, so imports are idempotent. */
const externalIdKey = (table: string) => `CREATE UNIQUE INDEX ${table}_tenant_external_id_key ON customers.${table} (tenant_id, external_id)`;

/**
 * The complete customer record (issue 4): the customer's identity, legal and
 * commercial fields, accent-insensitive search, and the records around a
 * customer (contacts, addresses, partners, life events, e-mails, notes,
 * suspensions, change history). Every child table carries the tenant and
 * points at its customer through (tenant_id, customer_id), so a row can never
 * hang under another tenant's customer. Ids are given by the writer (UUID v7,
 * or `demoId` for demo and scale data) and legacy ids are unique per tenant.
 */
export class Migration20261125000000CustomerRecord extends Migration {
  override async up(): Promise<void> {
    this.customerSearch();
    this.customerColumns();
    this.contacts();
    this.addresses();
    this.partners();
    this.lifeEvents();
    this.emails();
    this.notes();
    this.suspensions();
    this.changeRecords();
    this.addSql(`ALTER TABLE customers.tenant
      ADD COLUMN required_fields text[] NOT NULL DEFAULT '{}',
      ADD COLUMN time_zone text NOT NULL DEFAULT 'America/Toronto'`);
  }

  /**
   * `public.unaccent` is only STABLE (its dictionary could change), so it cannot
   * feed a generated column or an index. Our wrapper pins the dictionary and is
   * declared IMMUTABLE, the documented way to index unaccented text.
   */
  private customerSearch(): void {
    this.addSql(`CREATE FUNCTION customers.fold(value text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      RETURN lower(public.unaccent('public.unaccent'::regdictionary, value))`);
  }

  private customerColumns(): void {
    this.addSql(`ALTER TABLE customers.customer
      ADD COLUMN category text NOT NULL DEFAULT 'CLIENT' CHECK (category IN ('PROSPECT', 'CLIENT', 'SUPPLIER', 'PARTNER')),
      ADD COLUMN company_name text,
      ADD COLUMN mobile text,
      ADD COLUMN mobile_raw text,
      ADD COLUMN website text,
      ADD COLUMN preferred_language text,
      ADD COLUMN customer_group text,
      ADD COLUMN tags text[] NOT NULL DEFAULT '{}',
      ADD COLUMN sales_rep text,
      ADD COLUMN registration_number text,
      ADD COLUMN tax_number text,
      ADD COLUMN legal_form text,
      ADD COLUMN sector text,
      ADD COLUMN annual_revenue numeric(16, 2) CHECK (annual_revenue >= 0),
      ADD COLUMN annual_revenue_currency char(3),
      ADD COLUMN headcount integer CHECK (headcount >= 0),
      ADD COLUMN first_contact_on date,
      ADD COLUMN remarks text,
      ADD COLUMN deactivated_at timestamptz(3),
      ADD COLUMN merged_into_id uuid,
      ADD COLUMN merged_at timestamptz(3),
      ADD CONSTRAINT customer_revenue_currency_check CHECK ((annual_revenue IS NULL) = (annual_revenue_currency IS NULL)),
      ADD CONSTRAINT customer_not_merged_into_itself CHECK (merged_into_id <> id),
      ADD CONSTRAINT customer_tenant_id_key UNIQUE (tenant_id, id)`);
    // Rebuilt over the new columns, accent-folded. A generated column cannot read
    // another one, so each repeats the expression it needs.
    this.addSql('ALTER TABLE customers.customer DROP COLUMN search_text');
    this.addSql(`ALTER TABLE customers.customer
      ADD COLUMN search_text text GENERATED ALWAYS AS (
        customers.fold(name || ' ' || coalesce(company_name, '') || ' ' || coalesce(email, ''))
        || ' ' || regexp_replace(coalesce(phone, '') || ' ' || coalesce(mobile, ''), '[^0-9 ]', '', 'g')
      ) STORED,
      ADD COLUMN sort_name text COLLATE "C" GENERATED ALWAYS AS (customers.fold(name)) STORED,
      ADD COLUMN test_data_reasons text[] GENERATED ALWAYS AS (array_remove(ARRAY[
        CASE WHEN customers.fold(name) ~ '(^|[^a-z])(test|mock|demo|sample|dummy|example)s?([^a-z]|$)' THEN 'NAME_PATTERN' END,
        CASE WHEN regexp_replace(coalesce(phone_raw, '') || ' ' || coalesce(phone, ''), '[^0-9 ]', '', 'g') ~ '(0{9}|1{9}|123456789)' THEN 'PHONE_PATTERN' END,
        CASE WHEN name !~ '[[:alpha:]]' AND length(regexp_replace(name, '[^0-9]', '', 'g')) >= 7 THEN 'NAME_IS_PHONE' END
      ], NULL)) STORED`);
    this.addSql('CREATE INDEX customer_search_trgm_idx ON customers.customer USING gin (search_text public.gin_trgm_ops)');
    // NAME order, its cursor, and short (1–2 character) name-prefix searches.
    this.addSql('CREATE INDEX customer_tenant_sort_name_idx ON customers.customer (tenant_id, sort_name, id)');
    // Filters of the customer list, each in the default order (newest first).
    for (const column of ['status', 'category', 'kind', 'sales_rep', 'customer_group']) {
      this.addSql(`CREATE INDEX customer_tenant_${column}_created_idx ON customers.customer (tenant_id, ${column}, created_at DESC, id DESC)`);
    }
    this.addSql('CREATE INDEX customer_tags_idx ON customers.customer USING gin (tags)');
    // Dashboard: customers with recent activity.
    this.addSql('CREATE INDEX customer_tenant_last_activity_idx ON customers.customer (tenant_id, last_activity_at)');
    // Test-data clean-up lists only the few rows that look like test data.
    this.addSql(`CREATE INDEX customer_test_data_idx ON customers.customer (tenant_id, created_at DESC, id DESC)
      WHERE cardinality(test_data_reasons) > 0`);
  }

  private contacts(): void {
    this.addSql(`CREATE TABLE customers.contact (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      customer_id uuid NOT NULL,
      name text NOT NULL CHECK (btrim(name) <> ''),
      role text,
      phone text,
      phone_raw text,
      email text,
      notes text,
      is_principal boolean NOT NULL DEFAULT false,
      ${EDITABLE_RECORD_COLUMNS},
      ${OF_CUSTOMER}
    )`);
    // At most one principal among a customer's current contacts (the service keeps it exactly one).
    this.addSql('CREATE UNIQUE INDEX contact_principal_key ON customers.contact (tenant_id, customer_id) WHERE is_principal AND removed_at IS NULL');
    this.addSql('CREATE INDEX contact_customer_idx ON customers.contact (tenant_id, customer_id, created_at, id) WHERE removed_at IS NULL');
    this.addSql(externalIdKey('contact'));
  }

  private addresses(): void {
    this.addSql(`CREATE TABLE customers.customer_address (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      customer_id uuid NOT NULL,
      type text NOT NULL CHECK (type IN ('BILLING', 'SHIPPING', 'SERVICE', 'OTHER')),
      is_default boolean NOT NULL DEFAULT false,
      label text,
      civic_number text,
      unit text,
      street text NOT NULL,
      city text NOT NULL,
      region text,
      postal_code text,
      country char(2) NOT NULL,
      comparison_key text NOT NULL,
      ${EDITABLE_RECORD_COLUMNS},
      ${OF_CUSTOMER}
    )`);
    this.addSql(`CREATE UNIQUE INDEX customer_address_default_key ON customers.customer_address (tenant_id, customer_id, type)
      WHERE is_default AND removed_at IS NULL`);
    this.addSql('CREATE INDEX customer_address_customer_idx ON customers.customer_address (tenant_id, customer_id, created_at, id) WHERE removed_at IS NULL');
    this.addSql(externalIdKey('customer_address'));
  }

  private partners(): void {
    this.addSql(`CREATE TABLE customers.partner_link (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      customer_id uuid NOT NULL,
      partner_customer_id uuid,
      organisation_name text,
      role text NOT NULL CHECK (btrim(role) <> ''),
      note text,
      ${EDITABLE_RECORD_COLUMNS},
      CHECK ((partner_customer_id IS NULL) <> (organisation_name IS NULL)),
      CHECK (partner_customer_id <> customer_id),
      ${OF_CUSTOMER},
      FOREIGN KEY (tenant_id, partner_customer_id) REFERENCES customers.customer (tenant_id, id) ON DELETE CASCADE
    )`);
    // The same partner in the same role is linked once.
    this.addSql(`CREATE UNIQUE INDEX partner_link_unique_key ON customers.partner_link
      (tenant_id, customer_id, coalesce(partner_customer_id::text, lower(organisation_name)), lower(role)) WHERE removed_at IS NULL`);
    // A link is visible from both sides.
    this.addSql('CREATE INDEX partner_link_customer_idx ON customers.partner_link (tenant_id, customer_id) WHERE removed_at IS NULL');
    this.addSql(`CREATE INDEX partner_link_partner_idx ON customers.partner_link (tenant_id, partner_customer_id)
      WHERE removed_at IS NULL AND partner_customer_id IS NOT NULL`);
    this.addSql(externalIdKey('partner_link'));
  }

  private lifeEvents(): void {
    this.addSql(`CREATE TABLE customers.life_event (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      customer_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('ENGAGEMENT', 'WEDDING', 'MOVE', 'FLIGHT', 'BIRTHDAY', 'BUSINESS_MILESTONE', 'CUSTOM')),
      title text,
      occurs_on date NOT NULL,
      recurs_yearly boolean NOT NULL DEFAULT false,
      notes text,
      month_day smallint GENERATED ALWAYS AS ((extract(month FROM occurs_on) * 100 + extract(day FROM occurs_on))::smallint) STORED,
      ${EDITABLE_RECORD_COLUMNS},
      ${OF_CUSTOMER}
    )`);
    this.addSql(`CREATE INDEX life_event_customer_idx ON customers.life_event (tenant_id, customer_id, occurs_on DESC, id DESC)
      WHERE removed_at IS NULL`);
    // Upcoming events across customers: one-off events by date, yearly ones by month and day.
    this.addSql('CREATE INDEX life_event_upcoming_once_idx ON customers.life_event (tenant_id, occurs_on, id) WHERE removed_at IS NULL AND NOT recurs_yearly');
    this.addSql('CREATE INDEX life_event_upcoming_yearly_idx ON customers.life_event (tenant_id, month_day, id) WHERE removed_at IS NULL AND recurs_yearly');
    this.addSql(externalIdKey('life_event'));
  }

  private emails(): void {
    this.addSql(`CREATE TABLE customers.email_message (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      customer_id uuid NOT NULL,
      direction text NOT NULL CHECK (direction IN ('INBOUND', 'OUTBOUND')),
      from_address text NOT NULL,
      to_addresses text[] NOT NULL,
      cc_addresses text[] NOT NULL DEFAULT '{}',
      subject text NOT NULL DEFAULT '',
      excerpt text,
      sent_at timestamptz(3) NOT NULL,
      thread_id text,
      message_id text,
      logged_by text NOT NULL,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      ${OF_CUSTOMER}
    )`);
    this.addSql('CREATE INDEX email_message_customer_idx ON customers.email_message (tenant_id, customer_id, sent_at DESC, id DESC)');
    // The RFC 5322 Message-ID: logging the same message twice finds the first.
    this.addSql('CREATE UNIQUE INDEX email_message_tenant_message_id_key ON customers.email_message (tenant_id, message_id)');
  }

  private notes(): void {
    this.addSql(`CREATE TABLE customers.note (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      customer_id uuid NOT NULL,
      body text NOT NULL CHECK (btrim(body) <> ''),
      pinned boolean NOT NULL DEFAULT false,
      author text NOT NULL,
      ${EDITABLE_RECORD_COLUMNS},
      ${OF_CUSTOMER}
    )`);
    // Pinned first, then newest first.
    this.addSql(`CREATE INDEX note_customer_idx ON customers.note (tenant_id, customer_id, pinned DESC, created_at DESC, id DESC)
      WHERE removed_at IS NULL`);
    this.addSql(externalIdKey('note'));
  }

  private suspensions(): void {
    this.addSql(`CREATE TABLE customers.suspension (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      customer_id uuid NOT NULL,
      reason text NOT NULL CHECK (reason IN ('NON_PAYMENT', 'CUSTOMER_REQUEST', 'ABUSE', 'OTHER')),
      note text,
      starts_on date NOT NULL,
      planned_end_on date,
      suspended_at timestamptz(3) NOT NULL DEFAULT now(),
      suspended_by text NOT NULL,
      lifted_at timestamptz(3),
      lifted_by text,
      lift_note text,
      external_id text,
      CHECK (planned_end_on >= starts_on),
      ${OF_CUSTOMER}
    )`);
    // A customer has at most one suspension in force.
    this.addSql('CREATE UNIQUE INDEX suspension_current_key ON customers.suspension (tenant_id, customer_id) WHERE lifted_at IS NULL');
    this.addSql('CREATE INDEX suspension_customer_idx ON customers.suspension (tenant_id, customer_id, suspended_at DESC, id DESC)');
    this.addSql(externalIdKey('suspension'));
  }

  /**
   * The audit trail. No foreign key on purpose: the history of a customer
   * outlives the customer (test-data clean-up deletes the customer, not this).
   */
  private changeRecords(): void {
    this.addSql(`CREATE TABLE customers.change_record (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      customer_id uuid NOT NULL,
      entity_type text NOT NULL CHECK (entity_type IN ('CUSTOMER', 'CONTACT', 'ADDRESS', 'PARTNER', 'LIFE_EVENT', 'EMAIL', 'NOTE', 'SUSPENSION')),
      entity_id uuid NOT NULL,
      action text NOT NULL CHECK (action IN ('CREATED', 'UPDATED', 'REMOVED', 'DELETED')),
      field text NOT NULL,
      before text,
      after text,
      changed_by text NOT NULL,
      changed_at timestamptz(3) NOT NULL DEFAULT now(),
      operation_id uuid NOT NULL
    )`);
    this.addSql('CREATE INDEX change_record_customer_idx ON customers.change_record (tenant_id, customer_id, changed_at DESC, id DESC)');
    this.addSql('CREATE INDEX change_record_customer_field_idx ON customers.change_record (tenant_id, customer_id, field, changed_at DESC, id DESC)');
  }
}

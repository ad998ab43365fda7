import { Migration } from '@mikro-orm/migrations';

/**
 * Technicians, ticket assignment and conversation, dispatch jobs and work orders
 * (the legacy "bons de travail"). Tables that imports fill carry an `external_id`
 * (the legacy id), unique per tenant, so that a bulk load is idempotent.
 */
export class Migration20261128000000SupportFieldWork extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE support.technician (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      external_id text,
      name text NOT NULL CHECK (btrim(name) <> '' AND char_length(name) <= 200),
      department text NOT NULL CHECK (department IN ('TECHNICAL_SUPPORT', 'FIELD_SERVICE', 'BILLING', 'SALES')),
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT technician_tenant_external_key UNIQUE (tenant_id, external_id)
    )`);
    // Serves Query.technicians (by name), with or without the department filter.
    this.addSql('CREATE INDEX technician_tenant_name_idx ON support.technician (tenant_id, name, id)');
    this.addSql('CREATE INDEX technician_tenant_department_name_idx ON support.technician (tenant_id, department, name, id)');

    this.addSql(`ALTER TABLE support.ticket
      ADD COLUMN department text NOT NULL DEFAULT 'TECHNICAL_SUPPORT'
        CHECK (department IN ('TECHNICAL_SUPPORT', 'FIELD_SERVICE', 'BILLING', 'SALES')),
      ADD COLUMN assignee_id uuid REFERENCES support.technician (id),
      ADD COLUMN first_response_at timestamptz(3)`);
    // Re-pointing a merged customer's tickets, and a technician's active tickets.
    this.addSql(`CREATE INDEX ticket_tenant_assignee_active_idx ON support.ticket (tenant_id, assignee_id)
      WHERE assignee_id IS NOT NULL AND status IN ('OPEN', 'IN_PROGRESS', 'WAITING_CUSTOMER')`);

    // Customer-visible messages have a direction; internal notes have none and are never shown to the customer.
    this.addSql(`CREATE TABLE support.ticket_message (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      external_id text,
      ticket_id uuid NOT NULL REFERENCES support.ticket (id),
      internal boolean NOT NULL,
      direction text CHECK (direction IN ('INBOUND', 'OUTBOUND')),
      author_id text,
      author_name text NOT NULL CHECK (btrim(author_name) <> '' AND char_length(author_name) <= 200),
      body text NOT NULL CHECK (btrim(body) <> '' AND char_length(body) <= 20000),
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT ticket_message_note_without_direction CHECK ((direction IS NULL) = internal),
      CONSTRAINT ticket_message_tenant_external_key UNIQUE (tenant_id, external_id)
    )`);
    // Serves Ticket.messages and Ticket.internalNotes (newest first, with their cursor) and their counts.
    this.addSql('CREATE INDEX ticket_message_thread_idx ON support.ticket_message (tenant_id, ticket_id, internal, created_at DESC, id DESC)');

    this.addSql(`CREATE TABLE support.dispatch_job (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      external_id text,
      ticket_id uuid NOT NULL REFERENCES support.ticket (id),
      location_id uuid NOT NULL,
      scheduled_start timestamptz(3) NOT NULL,
      scheduled_end timestamptz(3) NOT NULL,
      status text NOT NULL DEFAULT 'SCHEDULED' CHECK (status IN ('SCHEDULED', 'EN_ROUTE', 'ON_SITE', 'DONE', 'CANCELLED')),
      note text CHECK (char_length(note) <= 2000),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT dispatch_job_window_check CHECK (scheduled_end > scheduled_start),
      CONSTRAINT dispatch_job_tenant_external_key UNIQUE (tenant_id, external_id)
    )`);
    // Serves Ticket.dispatchJobs.
    this.addSql('CREATE INDEX dispatch_job_ticket_idx ON support.dispatch_job (tenant_id, ticket_id, scheduled_start)');
    // Who is booked on a job. The window is the job's, copied here so that PostgreSQL
    // itself refuses to book a technician twice at once (across concurrent requests
    // too); a cancelled job releases its technicians. Windows are half-open, so
    // 09:00-10:00 and 10:00-11:00 do not overlap.
    this.addSql(`CREATE TABLE support.dispatch_assignment (
      dispatch_job_id uuid NOT NULL REFERENCES support.dispatch_job (id),
      technician_id uuid NOT NULL REFERENCES support.technician (id),
      tenant_id text NOT NULL,
      position smallint NOT NULL CHECK (position >= 0),
      scheduled tstzrange NOT NULL CHECK (NOT isempty(scheduled)),
      released boolean NOT NULL DEFAULT false,
      PRIMARY KEY (dispatch_job_id, technician_id),
      CONSTRAINT dispatch_assignment_no_double_booking
        EXCLUDE USING gist (tenant_id WITH =, technician_id WITH =, scheduled WITH &&) WHERE (NOT released)
    )`);

    // The tenant's currency, taxes and hourly labour rate for work orders. A tenant
    // without a row uses the default profile (Quebec: CAD, GST 5 %, QST 9.975 %).
    this.addSql(`CREATE TABLE support.work_order_profile (
      tenant_id text PRIMARY KEY,
      currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      taxes jsonb NOT NULL CHECK (jsonb_typeof(taxes) = 'array'),
      labour_rate numeric(14,2) NOT NULL CHECK (labour_rate >= 0),
      updated_at timestamptz(3) NOT NULL DEFAULT now()
    )`);

    // Money is derived from the items and visits (labour) in the transaction that
    // writes them; the totals and the taxes applied are kept here for lists and events.
    this.addSql(`CREATE TABLE support.work_order (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      external_id text,
      customer_id uuid NOT NULL,
      location_id uuid,
      ticket_id uuid REFERENCES support.ticket (id),
      dispatch_job_id uuid REFERENCES support.dispatch_job (id),
      started_at timestamptz(3) NOT NULL,
      status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'COMPLETED', 'CANCELLED')),
      billable boolean NOT NULL DEFAULT true,
      note text CHECK (char_length(note) <= 10000),
      currency char(3) NOT NULL,
      labour_rate numeric(14,2) NOT NULL CHECK (labour_rate >= 0),
      subtotal numeric(14,2) NOT NULL,
      taxes jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(taxes) = 'array'),
      tax_total numeric(14,2) NOT NULL,
      total numeric(14,2) NOT NULL,
      completed_at timestamptz(3),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT work_order_total_check CHECK (total = subtotal + tax_total),
      CONSTRAINT work_order_completed_at_check CHECK ((completed_at IS NOT NULL) = (status = 'COMPLETED')),
      CONSTRAINT work_order_tenant_external_key UNIQUE (tenant_id, external_id)
    )`);
    // Serve Customer.workOrders, ServiceLocation.workOrders (newest first, cursor), their counts,
    // ServiceLocation.visitCount (period on started_at) and Customer.technicianHours.
    this.addSql('CREATE INDEX work_order_customer_started_idx ON support.work_order (tenant_id, customer_id, started_at DESC, id DESC)');
    this.addSql('CREATE INDEX work_order_location_started_idx ON support.work_order (tenant_id, location_id, started_at DESC, id DESC)');
    this.addSql('CREATE INDEX work_order_ticket_idx ON support.work_order (tenant_id, ticket_id) WHERE ticket_id IS NOT NULL');
    // One live work order per field visit; cancelling it lets a new one be written.
    this.addSql(`CREATE UNIQUE INDEX work_order_dispatch_job_key ON support.work_order (dispatch_job_id)
      WHERE dispatch_job_id IS NOT NULL AND status <> 'CANCELLED'`);

    // One or two technicians (the legacy tech1 / tech2) with their arrival and departure.
    this.addSql(`CREATE TABLE support.work_order_visit (
      work_order_id uuid NOT NULL REFERENCES support.work_order (id),
      position smallint NOT NULL CHECK (position IN (0, 1)),
      tenant_id text NOT NULL,
      technician_id uuid NOT NULL REFERENCES support.technician (id),
      arrived_at timestamptz(3) NOT NULL,
      departed_at timestamptz(3) NOT NULL,
      CONSTRAINT work_order_visit_times_check CHECK (departed_at > arrived_at),
      PRIMARY KEY (work_order_id, position),
      CONSTRAINT work_order_visit_technician_key UNIQUE (work_order_id, technician_id)
    )`);
    this.addSql('CREATE INDEX work_order_visit_technician_idx ON support.work_order_visit (tenant_id, technician_id, arrived_at)');

    // Line amounts are generated by PostgreSQL with the API's rounding (half away from zero).
    this.addSql(`CREATE TABLE support.work_order_item (
      work_order_id uuid NOT NULL REFERENCES support.work_order (id),
      line_no smallint NOT NULL CHECK (line_no >= 0),
      tenant_id text NOT NULL,
      product_code text CHECK (char_length(product_code) <= 64),
      description text NOT NULL CHECK (btrim(description) <> '' AND char_length(description) <= 500),
      quantity numeric(12,3) NOT NULL CHECK (quantity > 0),
      unit_price numeric(14,2) NOT NULL,
      amount numeric(14,2) GENERATED ALWAYS AS (round(quantity * unit_price, 2)) STORED,
      PRIMARY KEY (work_order_id, line_no)
    )`);
  }
}

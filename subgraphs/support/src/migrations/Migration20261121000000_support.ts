import { Migration } from '@mikro-orm/migrations';

export class Migration20261121000000Support extends Migration {
  override async up(): Promise<void> {
    // One row per tenant: the last ticket number handed out. Bumped inside the
    // transaction that opens the ticket, so numbers are gap-free per tenant.
    this.addSql(`CREATE TABLE support.ticket_counter (
      tenant_id text PRIMARY KEY,
      last_number integer NOT NULL CHECK (last_number >= 0)
    )`);
    // Resolved and closed tickets carry their resolution time; active ones never do.
    this.addSql(`CREATE TABLE support.ticket (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      number integer NOT NULL CHECK (number > 0),
      customer_id uuid NOT NULL,
      location_id uuid,
      subject text NOT NULL CHECK (btrim(subject) <> '' AND char_length(subject) <= 200),
      description text CHECK (char_length(description) <= 10000),
      status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'IN_PROGRESS', 'WAITING_CUSTOMER', 'RESOLVED', 'CLOSED')),
      priority text NOT NULL DEFAULT 'NORMAL' CHECK (priority IN ('LOW', 'NORMAL', 'HIGH', 'URGENT')),
      channel text NOT NULL DEFAULT 'PHONE' CHECK (channel IN ('PHONE', 'PORTAL', 'EMAIL')),
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      resolved_at timestamptz(3),
      CONSTRAINT ticket_resolved_at_check CHECK ((resolved_at IS NOT NULL) = (status IN ('RESOLVED', 'CLOSED')))
    )`);
    this.addSql('CREATE UNIQUE INDEX ticket_tenant_number_key ON support.ticket (tenant_id, number)');
    // Serve Customer.tickets and ServiceLocation.tickets (newest first, with their cursor) and their counts.
    this.addSql('CREATE INDEX ticket_tenant_customer_created_idx ON support.ticket (tenant_id, customer_id, created_at DESC, id DESC)');
    this.addSql('CREATE INDEX ticket_tenant_location_created_idx ON support.ticket (tenant_id, location_id, created_at DESC, id DESC)');
    // Serves Customer.openTicketCount; stays small because most tickets are resolved.
    this.addSql(`CREATE INDEX ticket_tenant_customer_active_idx ON support.ticket (tenant_id, customer_id)
      WHERE status IN ('OPEN', 'IN_PROGRESS', 'WAITING_CUSTOMER')`);
  }
}

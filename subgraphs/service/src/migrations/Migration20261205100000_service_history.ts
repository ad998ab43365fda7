import { Migration } from '@mikro-orm/migrations';

/** Network attachment and versions of locations, equipment removal, address history, network actions. */
export class Migration20261205100000ServiceHistory extends Migration {
  override async up(): Promise<void> {
    // Where a fibre location hangs off the network: OLT, PON port (frame/slot/port) and the ONT's id on that port.
    this.addSql(`ALTER TABLE service.service_location
      ADD COLUMN olt_name text CHECK (btrim(olt_name) <> ''),
      ADD COLUMN olt_port text CHECK (olt_port ~ '^[0-9]+(/[0-9]+){1,3}$'),
      ADD COLUMN ont_id integer CHECK (ont_id BETWEEN 0 AND 1023),
      ADD COLUMN legacy_id text,
      ADD COLUMN version integer NOT NULL DEFAULT 1,
      ADD CONSTRAINT service_location_attachment_check CHECK ((olt_name IS NULL) = (olt_port IS NULL) AND (ont_id IS NULL OR olt_port IS NOT NULL))`);
    // One ONT id per PON port; serves "who is on this port" (outages) as well.
    this.addSql(`CREATE UNIQUE INDEX service_location_tenant_ont_key ON service.service_location (tenant_id, olt_name, olt_port, ont_id)
      WHERE olt_name IS NOT NULL`);
    this.addSql('CREATE UNIQUE INDEX service_location_tenant_legacy_key ON service.service_location (tenant_id, legacy_id) WHERE legacy_id IS NOT NULL');

    this.addSql(`ALTER TABLE service.equipment
      ADD COLUMN removed_at date,
      ADD COLUMN legacy_id text,
      ADD CONSTRAINT equipment_removed_after_install_check CHECK (removed_at IS NULL OR installed_at IS NULL OR removed_at >= installed_at),
      ADD CONSTRAINT equipment_tenant_id_key UNIQUE (tenant_id, id)`);
    this.addSql('CREATE UNIQUE INDEX equipment_tenant_legacy_key ON service.equipment (tenant_id, legacy_id) WHERE legacy_id IS NOT NULL');

    // Each row is an address that was replaced, with when: the legacy delivery history.
    // location_id is null for a customer's earlier address that no location carries any more.
    this.addSql(`CREATE TABLE service.address_history (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      customer_id uuid NOT NULL,
      location_id uuid,
      civic_number text,
      unit text,
      street text NOT NULL,
      city text NOT NULL,
      region text,
      postal_code text,
      country char(2) NOT NULL,
      comparison_key text NOT NULL,
      changed_at timestamptz(3) NOT NULL,
      changed_by text,
      legacy_id text,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      FOREIGN KEY (tenant_id, location_id) REFERENCES service.service_location (tenant_id, id)
    )`);
    // Serve ServiceLocation.addressHistory and Customer.addressHistory pages (newest first) for many parents at once.
    this.addSql('CREATE INDEX address_history_tenant_location_idx ON service.address_history (tenant_id, location_id, changed_at DESC, id DESC)');
    this.addSql('CREATE INDEX address_history_tenant_customer_idx ON service.address_history (tenant_id, customer_id, changed_at DESC, id DESC)');
    this.addSql('CREATE UNIQUE INDEX address_history_tenant_legacy_key ON service.address_history (tenant_id, legacy_id) WHERE legacy_id IS NOT NULL');

    // Port disabled/enabled on suspension/reactivation, with what the network controller said.
    this.addSql(`CREATE TABLE service.network_action (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      location_id uuid NOT NULL,
      customer_id uuid NOT NULL,
      action text NOT NULL CHECK (action IN ('DISABLE_PORT', 'ENABLE_PORT')),
      cause text NOT NULL,
      event_id uuid,
      olt_name text,
      olt_port text,
      ont_id integer,
      outcome text NOT NULL CHECK (outcome IN ('SUCCEEDED', 'FAILED', 'NOT_CONFIGURED', 'NO_ATTACHMENT')),
      detail text,
      requested_at timestamptz(3) NOT NULL DEFAULT now(),
      FOREIGN KEY (tenant_id, location_id) REFERENCES service.service_location (tenant_id, id)
    )`);
    // One action per location per event, whatever the redeliveries.
    this.addSql('CREATE UNIQUE INDEX network_action_tenant_event_location_key ON service.network_action (tenant_id, event_id, location_id)');
    this.addSql('CREATE INDEX network_action_tenant_location_idx ON service.network_action (tenant_id, location_id, requested_at DESC, id DESC)');
  }
}

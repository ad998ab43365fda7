import { Migration } from '@mikro-orm/migrations';

export class Migration20261121120000Service extends Migration {
  override async up(): Promise<void> {
    // UNIQUE (tenant_id, id) is the target of equipment's (tenant_id, location_id) key:
    // a device can only sit at a location of its own tenant.
    this.addSql(`CREATE TABLE service.service_location (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      customer_id uuid NOT NULL,
      civic_number text,
      unit text,
      street text NOT NULL CHECK (btrim(street) <> ''),
      city text NOT NULL CHECK (btrim(city) <> ''),
      region text,
      postal_code text,
      country char(2) NOT NULL,
      comparison_key text NOT NULL,
      connection_type text NOT NULL CHECK (connection_type IN ('FIBRE', 'DSL', 'CABLE', 'WIRELESS')),
      status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'ACTIVE', 'SUSPENDED', 'DISCONNECTED')),
      installed_at date,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      UNIQUE (tenant_id, id)
    )`);
    // Serves Customer.locations for many customers at once, in their order.
    this.addSql('CREATE INDEX service_location_tenant_customer_idx ON service.service_location (tenant_id, customer_id, created_at, id)');
    // Serves lookups by address (service address vs E911 address, "who is at this address").
    this.addSql('CREATE INDEX service_location_tenant_comparison_key_idx ON service.service_location (tenant_id, comparison_key)');

    this.addSql(`CREATE TABLE service.equipment (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      location_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('ONT', 'ROUTER', 'ATA', 'SET_TOP_BOX', 'SWITCH', 'OTHER')),
      model text,
      serial text NOT NULL CHECK (btrim(serial) <> ''),
      mac_address text CHECK (mac_address ~ '^([0-9A-F]{2}:){5}[0-9A-F]{2}$'),
      status text NOT NULL DEFAULT 'INSTALLED' CHECK (status IN ('IN_STOCK', 'INSTALLED', 'RETURNED', 'FAULTY')),
      installed_at date,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      FOREIGN KEY (tenant_id, location_id) REFERENCES service.service_location (tenant_id, id)
    )`);
    // Unique per tenant; addEquipment relies on them to refuse duplicates without a race.
    this.addSql('CREATE UNIQUE INDEX equipment_tenant_serial_key ON service.equipment (tenant_id, serial)');
    this.addSql('CREATE UNIQUE INDEX equipment_tenant_mac_address_key ON service.equipment (tenant_id, mac_address)');
    // Serves ServiceLocation.equipment for many locations at once, in their order (and the foreign key).
    this.addSql('CREATE INDEX equipment_tenant_location_idx ON service.equipment (tenant_id, location_id, created_at, id)');
  }
}

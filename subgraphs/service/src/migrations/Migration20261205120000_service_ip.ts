import { Migration } from '@mikro-orm/migrations';

/** IP history: which address (or delegated prefix) a customer held, from when until when. */
export class Migration20261205120000ServiceIp extends Migration {
  override async up(): Promise<void> {
    // `validity` is [assigned_at, released_at): held at the instant of assignment, no longer at the instant of release.
    // The exclusion constraint (btree_gist for tenant_id) keeps one holder per address at any instant, prefixes
    // included, and its index serves ipHolder(ip, time): tenant =, ip >>= address, validity @> instant.
    this.addSql(`CREATE TABLE service.ip_assignment (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      customer_id uuid NOT NULL,
      location_id uuid,
      ip inet NOT NULL,
      assigned_at timestamptz(3) NOT NULL,
      released_at timestamptz(3) CHECK (released_at > assigned_at),
      validity tstzrange GENERATED ALWAYS AS (tstzrange(assigned_at, released_at, '[)')) STORED,
      legacy_id text,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      FOREIGN KEY (tenant_id, location_id) REFERENCES service.service_location (tenant_id, id),
      CONSTRAINT ip_assignment_one_holder_excl EXCLUDE USING gist (tenant_id WITH =, ip inet_ops WITH &&, validity WITH &&)
    )`);
    // Serves Customer.ipAt(time) for many customers at once.
    this.addSql('CREATE INDEX ip_assignment_tenant_customer_validity_idx ON service.ip_assignment USING gist (tenant_id, customer_id, validity)');
    // Serves ServiceLocation.ipHistory pages, newest first.
    this.addSql('CREATE INDEX ip_assignment_tenant_location_idx ON service.ip_assignment (tenant_id, location_id, assigned_at DESC, id DESC)');
    this.addSql('CREATE UNIQUE INDEX ip_assignment_tenant_legacy_key ON service.ip_assignment (tenant_id, legacy_id) WHERE legacy_id IS NOT NULL');
  }
}

import { Migration } from '@mikro-orm/migrations';

/** VoIP lines (SIP account, voicemail, ATA), their 911 records, sync attempts with the provider, and secret reads. */
export class Migration20261205110000ServiceVoip extends Migration {
  override async up(): Promise<void> {
    // *_secret columns hold AES-256-GCM sealed values (SecretBox), never plain text.
    this.addSql(`CREATE TABLE service.voip_line (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      location_id uuid NOT NULL,
      customer_id uuid NOT NULL,
      subscription_id uuid,
      did text NOT NULL CHECK (did ~ '^\\+[1-9][0-9]{6,14}$'),
      caller_id_name text CHECK (char_length(caller_id_name) BETWEEN 1 AND 15),
      extension text CHECK (extension ~ '^[0-9]{2,6}$'),
      voicemail_enabled boolean NOT NULL DEFAULT true,
      voicemail_pin_secret text,
      voicemail_email text,
      max_calls smallint NOT NULL DEFAULT 2 CHECK (max_calls BETWEEN 1 AND 20),
      call_timeout_seconds smallint NOT NULL DEFAULT 25 CHECK (call_timeout_seconds BETWEEN 5 AND 120),
      language text NOT NULL DEFAULT 'FRENCH' CHECK (language IN ('FRENCH', 'ENGLISH')),
      international_calling boolean NOT NULL DEFAULT false,
      country_allow_list text[] NOT NULL DEFAULT '{}',
      sip_username text NOT NULL,
      sip_domain text NOT NULL,
      sip_password_secret text NOT NULL,
      ata_model text,
      ata_mac_address text CHECK (ata_mac_address ~ '^([0-9A-F]{2}:){5}[0-9A-F]{2}$'),
      ata_port smallint CHECK (ata_port BETWEEN 1 AND 8),
      ata_password_secret text,
      ata_equipment_id uuid,
      ata_provisioned_at timestamptz(3),
      status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'DECOMMISSIONED')),
      decommissioned_at timestamptz(3),
      legacy_id text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      UNIQUE (tenant_id, id),
      CHECK ((status = 'DECOMMISSIONED') = (decommissioned_at IS NOT NULL)),
      FOREIGN KEY (tenant_id, location_id) REFERENCES service.service_location (tenant_id, id),
      FOREIGN KEY (tenant_id, ata_equipment_id) REFERENCES service.equipment (tenant_id, id)
    )`);
    // A DID rings on one live line at a time; decommissioned lines keep theirs for history. Serves the DID report's join.
    this.addSql(`CREATE UNIQUE INDEX voip_line_tenant_did_active_key ON service.voip_line (tenant_id, did) WHERE status = 'ACTIVE'`);
    this.addSql(`CREATE UNIQUE INDEX voip_line_tenant_sip_username_active_key ON service.voip_line (tenant_id, sip_username) WHERE status = 'ACTIVE'`);
    this.addSql(`CREATE UNIQUE INDEX voip_line_tenant_ata_port_active_key ON service.voip_line (tenant_id, ata_mac_address, ata_port)
      WHERE status = 'ACTIVE' AND ata_mac_address IS NOT NULL`);
    this.addSql('CREATE INDEX voip_line_tenant_location_idx ON service.voip_line (tenant_id, location_id, created_at, id)');
    this.addSql('CREATE INDEX voip_line_tenant_customer_idx ON service.voip_line (tenant_id, customer_id, created_at, id)');
    this.addSql('CREATE UNIQUE INDEX voip_line_tenant_legacy_key ON service.voip_line (tenant_id, legacy_id) WHERE legacy_id IS NOT NULL');

    // One 911 registration per DID, whether or not a line still uses the DID (decommissioned lines keep theirs).
    this.addSql(`CREATE TABLE service.e911_record (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      did text NOT NULL CHECK (did ~ '^\\+[1-9][0-9]{6,14}$'),
      customer_id uuid,
      civic_number text NOT NULL CHECK (btrim(civic_number) <> ''),
      unit text,
      street text NOT NULL CHECK (btrim(street) <> ''),
      city text NOT NULL CHECK (btrim(city) <> ''),
      region text,
      postal_code text,
      country char(2) NOT NULL,
      comparison_key text NOT NULL,
      first_name text,
      last_name text,
      municipality_code text,
      service_class text NOT NULL DEFAULT 'RES' CHECK (service_class IN ('RES', 'BUS')),
      enhanced_capable boolean NOT NULL DEFAULT true,
      sync_status text NOT NULL DEFAULT 'PENDING' CHECK (sync_status IN ('SYNCED', 'PENDING', 'MISMATCH', 'MISSING', 'FAILED')),
      synced_at timestamptz(3),
      last_sync_at timestamptz(3),
      last_sync_error text,
      provider_reference text,
      legacy_id text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      UNIQUE (tenant_id, did),
      UNIQUE (tenant_id, id)
    )`);
    // Serves the DID report filtered by sync status, in DID order.
    this.addSql('CREATE INDEX e911_record_tenant_sync_status_idx ON service.e911_record (tenant_id, sync_status, did)');
    this.addSql('CREATE INDEX e911_record_tenant_customer_idx ON service.e911_record (tenant_id, customer_id)');
    this.addSql('CREATE UNIQUE INDEX e911_record_tenant_legacy_key ON service.e911_record (tenant_id, legacy_id) WHERE legacy_id IS NOT NULL');

    // Every push to and check with the provider, with its result: the compliance trail.
    this.addSql(`CREATE TABLE service.e911_sync_attempt (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      record_id uuid NOT NULL,
      did text NOT NULL,
      record_version integer NOT NULL,
      kind text NOT NULL CHECK (kind IN ('PUSH', 'VERIFY')),
      outcome text NOT NULL CHECK (outcome IN ('SYNCED', 'FAILED', 'NOT_CONFIGURED', 'MISMATCH', 'MISSING')),
      http_status integer,
      detail text,
      provider_reference text,
      comparison_key text NOT NULL,
      attempted_at timestamptz(3) NOT NULL DEFAULT now(),
      FOREIGN KEY (tenant_id, record_id) REFERENCES service.e911_record (tenant_id, id)
    )`);
    this.addSql('CREATE INDEX e911_sync_attempt_tenant_record_idx ON service.e911_sync_attempt (tenant_id, record_id, attempted_at DESC, id DESC)');

    // Who read (or tried to read) which secret of which line, and when.
    this.addSql(`CREATE TABLE service.secret_read (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      line_id uuid NOT NULL,
      secret text NOT NULL CHECK (secret IN ('SIP_PASSWORD', 'VOICEMAIL_PIN', 'ATA_PASSWORD')),
      subject text NOT NULL,
      roles text[] NOT NULL,
      granted boolean NOT NULL,
      read_at timestamptz(3) NOT NULL DEFAULT now(),
      FOREIGN KEY (tenant_id, line_id) REFERENCES service.voip_line (tenant_id, id)
    )`);
    this.addSql('CREATE INDEX secret_read_tenant_line_idx ON service.secret_read (tenant_id, line_id, read_at DESC, id DESC)');
  }
}

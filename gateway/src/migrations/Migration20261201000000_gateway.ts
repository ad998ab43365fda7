import { Migration } from '@c360/kit';

/**
 * The gateway's own tables (issue 9), in the `gateway` schema of the
 * `c360_gateway` role: partners' API keys, webhook endpoints, and the durable
 * delivery queue with each attempt. Every row carries its tenant; every list
 * the API pages through has an index in its order.
 */
export class Migration20261201000000Gateway extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE gateway.api_key (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      name text NOT NULL,
      -- The first characters of the key, to recognise it in a list; the key itself is never stored.
      prefix text NOT NULL,
      -- SHA-256 of the key (256 random bits: a slow hash would add nothing).
      key_hash text NOT NULL UNIQUE,
      event_types text[] NOT NULL,
      fields text[] NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      expires_at timestamptz(3) NOT NULL,
      revoked_at timestamptz(3),
      revoked_by text,
      last_used_at timestamptz(3)
    )`);
    this.addSql('CREATE INDEX api_key_tenant_created_idx ON gateway.api_key (tenant_id, created_at DESC, id DESC)');

    this.addSql(`CREATE TABLE gateway.webhook_endpoint (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      -- Who registered it (a person's subject or apikey:<id>): it is theirs to manage and they are told when it is disabled.
      owner text NOT NULL,
      url text NOT NULL,
      description text,
      event_types text[] NOT NULL,
      secret_sealed text NOT NULL,
      status text NOT NULL DEFAULT 'ENABLED' CHECK (status IN ('ENABLED', 'DISABLED')),
      disabled_reason text,
      disabled_at timestamptz(3),
      owner_notified_at timestamptz(3),
      -- Since when every attempt has failed (null after a success).
      failing_since timestamptz(3),
      -- Nothing is sent before this (429, 502, 504, Retry-After).
      throttled_until timestamptz(3),
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    )`);
    this.addSql('CREATE INDEX webhook_endpoint_tenant_created_idx ON gateway.webhook_endpoint (tenant_id, created_at DESC, id DESC)');
    this.addSql("CREATE INDEX webhook_endpoint_fanout_idx ON gateway.webhook_endpoint (tenant_id) WHERE status = 'ENABLED'");
    this.addSql("CREATE INDEX webhook_endpoint_unnotified_idx ON gateway.webhook_endpoint (tenant_id, owner) WHERE status = 'DISABLED' AND owner_notified_at IS NULL");

    this.addSql(`CREATE TABLE gateway.webhook_delivery (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      endpoint_id uuid NOT NULL REFERENCES gateway.webhook_endpoint (id) ON DELETE CASCADE,
      event_id text NOT NULL,
      event_type text NOT NULL,
      event_position bigint NOT NULL,
      -- Deliveries with the same key (the customer) reach an endpoint in bus order.
      order_key text NOT NULL,
      -- The exact body sent (and signed) on every attempt.
      payload text NOT NULL,
      status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
      attempts integer NOT NULL DEFAULT 0,
      -- Null while parked (its endpoint is disabled).
      next_attempt_at timestamptz(3) DEFAULT now(),
      last_attempt_at timestamptz(3),
      last_status_code integer,
      last_error text,
      delivered_at timestamptz(3),
      failed_at timestamptz(3),
      replays integer NOT NULL DEFAULT 0,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      UNIQUE (endpoint_id, event_id)
    )`);
    this.addSql("CREATE INDEX webhook_delivery_due_idx ON gateway.webhook_delivery (next_attempt_at) WHERE status = 'PENDING'");
    this.addSql("CREATE INDEX webhook_delivery_order_idx ON gateway.webhook_delivery (endpoint_id, order_key, event_position) WHERE status = 'PENDING'");
    this.addSql('CREATE INDEX webhook_delivery_log_idx ON gateway.webhook_delivery (endpoint_id, created_at DESC, id DESC)');
    this.addSql('CREATE INDEX webhook_delivery_log_status_idx ON gateway.webhook_delivery (endpoint_id, status, created_at DESC, id DESC)');
    this.addSql("CREATE INDEX webhook_delivery_dead_idx ON gateway.webhook_delivery (tenant_id, failed_at DESC, id DESC) WHERE status = 'FAILED'");

    this.addSql(`CREATE TABLE gateway.webhook_attempt (
      delivery_id uuid NOT NULL REFERENCES gateway.webhook_delivery (id) ON DELETE CASCADE,
      attempt integer NOT NULL,
      tenant_id text NOT NULL,
      attempted_at timestamptz(3) NOT NULL,
      status_code integer,
      error text,
      duration_ms integer NOT NULL,
      PRIMARY KEY (delivery_id, attempt)
    )`);
    // Wakes the dispatchers as soon as deliveries are queued (retries are found by their poll).
    this.addSql(`CREATE FUNCTION gateway.webhook_delivery_notify() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN PERFORM pg_notify('c360_webhook_deliveries', ''); RETURN NULL; END $fn$`);
    this.addSql(`CREATE TRIGGER webhook_delivery_notify AFTER INSERT ON gateway.webhook_delivery
      FOR EACH STATEMENT EXECUTE FUNCTION gateway.webhook_delivery_notify()`);
  }
}

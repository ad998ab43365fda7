import { Migration } from '@mikro-orm/migrations';
import type { MigrationEntry } from './database.ts';
import { outboxChannel } from '../events/outbox.ts';

/**
 * Tables the kit keeps in every subgraph's schema: the transactional outbox and
 * the consumer bookkeeping (processed event ids and each consumer's position).
 */
export function kitMigrations(schema: string): MigrationEntry[] {
  class KitEventTables extends Migration {
    override async up(): Promise<void> {
      this.addSql(`CREATE TABLE "${schema}".outbox (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        tenant_id text NOT NULL,
        type text NOT NULL,
        subject text NOT NULL,
        envelope jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
      this.addSql(`CREATE INDEX outbox_unpublished_idx ON "${schema}".outbox (seq) WHERE published_at IS NULL`);
      // Wakes the relay as soon as a transaction that wrote events commits.
      this.addSql(`CREATE FUNCTION "${schema}".outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN PERFORM pg_notify('${outboxChannel(schema)}', ''); RETURN NULL; END $fn$`);
      this.addSql(`CREATE TRIGGER outbox_notify AFTER INSERT ON "${schema}".outbox
        FOR EACH STATEMENT EXECUTE FUNCTION "${schema}".outbox_notify()`);
      this.addSql(`CREATE TABLE "${schema}".inbox (
        consumer text NOT NULL,
        event_id text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
      this.addSql(`CREATE TABLE "${schema}".consumer_position (
        consumer text PRIMARY KEY,
        position bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    }
  }
  return [{ name: 'Kit0001_event_tables', class: KitEventTables }];
}

import { Migration } from '@mikro-orm/migrations';
import { automationTablesSql } from '@c360/kit';

/**
 * Issue 9: the customer timeline (one row per event about a customer, from
 * every subgraph, keyed by the event id so that replays change nothing) and
 * the automation rules this subgraph applies, with the actions they took.
 * No foreign key to `customer`: events from other domains may name a
 * customer this subgraph deleted as test data, and must not stop the consumer.
 */
export class Migration20261201000000TimelineAutomation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE customers.timeline_entry (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      customer_id uuid NOT NULL,
      type text NOT NULL,
      -- The type's first segment (\`invoice\` of \`invoice.created\`): filters by family use it.
      family text NOT NULL,
      occurred_at timestamptz(3) NOT NULL,
      source text NOT NULL,
      subject text NOT NULL,
      summary text NOT NULL,
      changed_fields text[] NOT NULL DEFAULT '{}',
      data jsonb NOT NULL,
      -- { rule, triggerEventId, triggerType } when an automation rule made the change.
      automation jsonb,
      recorded_at timestamptz(3) NOT NULL DEFAULT now()
    )`);
    this.addSql('CREATE INDEX timeline_entry_customer_idx ON customers.timeline_entry (tenant_id, customer_id, occurred_at DESC, id DESC)');
    this.addSql('CREATE INDEX timeline_entry_customer_family_idx ON customers.timeline_entry (tenant_id, customer_id, family, occurred_at DESC, id DESC)');

    for (const sql of automationTablesSql('customers')) this.addSql(sql);
  }
}

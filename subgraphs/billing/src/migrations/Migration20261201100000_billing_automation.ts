import { Migration } from '@mikro-orm/migrations';
import { automationTablesSql } from '@c360/kit';

/**
 * Issue 9: the automation rules billing applies (reminders, credit alerts)
 * with the actions they took; the once-per-end-date notice that a contract is
 * ending (the daily pass finds contracts by `contract_active_end_idx`); and
 * the open credit-limit alerts (a customer is alerted once per crossing of
 * 90 %, and again only after dropping below).
 */
export class Migration20261201100000BillingAutomation extends Migration {
  override async up(): Promise<void> {
    for (const sql of automationTablesSql('billing')) this.addSql(sql);
    this.addSql(`CREATE TABLE billing.contract_notice (
      tenant_id text NOT NULL,
      contract_id uuid NOT NULL,
      end_date date NOT NULL,
      noticed_at timestamptz(3) NOT NULL DEFAULT now(),
      PRIMARY KEY (contract_id, end_date)
    )`);
    this.addSql(`CREATE TABLE billing.credit_limit_alert (
      tenant_id text NOT NULL,
      customer_id uuid NOT NULL,
      raised_at timestamptz(3) NOT NULL DEFAULT now(),
      balance numeric(14, 2) NOT NULL,
      credit_limit numeric(14, 2) NOT NULL,
      PRIMARY KEY (tenant_id, customer_id)
    )`);
  }
}

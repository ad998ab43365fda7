import type { EntityManager } from '@mikro-orm/postgresql';
import type { Caller } from '../context.ts';
import { DomainError, ErrorCode } from '../errors.ts';
import { newId } from '../ids.ts';
import type { EventEnvelope } from './outbox.ts';

/**
 * Per-tenant automation rules, kept by the subgraph where each rule's action
 * lives: whether a rule is on, and what it did (each action with the event
 * that triggered it, at most once per event). The change a rule makes carries
 * `automation: AutomationCause` in its event's data, which the customer
 * timeline shows.
 */
export interface AutomationCause {
  rule: string;
  triggerEventId: string;
  triggerType: string;
}

export interface AutomationRuleView<R extends string> {
  rule: R;
  enabled: boolean;
  description: string;
  /** A rule's settings beyond on/off (billing's reminder channel). */
  options: Record<string, unknown>;
  updatedAt: Date | null;
  updatedBy: string | null;
}

/** The tables of a subgraph's rules and actions, for its migration. */
export function automationTablesSql(schema: string): string[] {
  return [
    `CREATE TABLE "${schema}".automation_rule (
      tenant_id text NOT NULL,
      rule text NOT NULL,
      enabled boolean NOT NULL,
      options jsonb NOT NULL DEFAULT '{}',
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_by text NOT NULL,
      PRIMARY KEY (tenant_id, rule)
    )`,
    `CREATE TABLE "${schema}".automation_action (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      rule text NOT NULL,
      customer_id uuid NOT NULL,
      trigger_event_id text NOT NULL,
      trigger_type text NOT NULL,
      action text NOT NULL,
      detail text,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      UNIQUE (tenant_id, rule, trigger_event_id)
    )`,
    `CREATE INDEX automation_action_customer_idx ON "${schema}".automation_action (tenant_id, customer_id, created_at DESC, id DESC)`,
  ];
}

/** The identity a rule acts as: the author of what it changes. */
export const automationCaller = (tenantId: string, rule: string): Caller => ({ tenantId, subject: `automation:${rule}`, roles: ['agent'], scopes: ['automation'] });

export const automationCause = (rule: string, trigger: EventEnvelope): AutomationCause => ({ rule, triggerEventId: trigger.id, triggerType: trigger.type });

/** A subgraph's catalogue of rules (name → description); every rule is off until an admin turns it on. */
export class AutomationRuleStore<R extends string> {
  private readonly schema: string;
  private readonly catalogue: Record<R, string>;

  constructor(schema: string, catalogue: Record<R, string>) {
    this.schema = schema;
    this.catalogue = catalogue;
  }

  async list(em: EntityManager, tenantId: string): Promise<AutomationRuleView<R>[]> {
    const rows = await em.execute<{ rule: string; enabled: boolean; options: Record<string, unknown>; updated_at: string; updated_by: string }[]>(
      `SELECT rule, enabled, options, updated_at, updated_by FROM "${this.schema}".automation_rule WHERE tenant_id = ?`, [tenantId]);
    return (Object.keys(this.catalogue) as R[]).map((rule) => {
      const row = rows.find((candidate) => candidate.rule === rule);
      return {
        rule, enabled: row?.enabled ?? false, description: this.catalogue[rule], options: row?.options ?? {},
        updatedAt: row ? new Date(row.updated_at) : null, updatedBy: row?.updated_by ?? null,
      };
    });
  }

  /** Turns a rule on or off (admin), with its options when given; returns it as it now is. */
  async set(em: EntityManager, caller: Caller, input: { rule: R; enabled: boolean; options?: Record<string, unknown> }): Promise<AutomationRuleView<R>> {
    if (!caller.roles.includes('admin')) throw new DomainError(ErrorCode.Forbidden, 'Only admin may change automation rules');
    await em.execute(
      `INSERT INTO "${this.schema}".automation_rule (tenant_id, rule, enabled, options, updated_by) VALUES (?, ?, ?, ?::jsonb, ?)
       ON CONFLICT (tenant_id, rule) DO UPDATE SET enabled = excluded.enabled,
         options = "${this.schema}".automation_rule.options || excluded.options, updated_by = excluded.updated_by, updated_at = now()`,
      [caller.tenantId, input.rule, input.enabled, JSON.stringify(input.options ?? {}), caller.subject]);
    return (await this.list(em, caller.tenantId)).find((view) => view.rule === input.rule)!;
  }

  /** The rules of the caller's tenant, as the API lists and changes them (the request's `em`). */
  scoped(em: EntityManager, caller: Caller) {
    return {
      list: () => this.list(em, caller.tenantId),
      set: (input: { rule: R; enabled: boolean; options?: Record<string, unknown> }) => this.set(em, caller, input),
    };
  }

  /** The rule's options when it is on for the tenant, else null. */
  async enabled(em: EntityManager, tenantId: string, rule: R): Promise<Record<string, unknown> | null> {
    const rows = await em.execute<{ options: Record<string, unknown> }[]>(
      `SELECT options FROM "${this.schema}".automation_rule WHERE tenant_id = ? AND rule = ? AND enabled`, [tenantId, rule]);
    return rows[0]?.options ?? null;
  }

  /** Records what a rule did and the event that triggered it; false when it already acted on that event. */
  async recordAction(em: EntityManager, rule: R, trigger: EventEnvelope, customerId: string, action: string, detail: string): Promise<boolean> {
    const rows = await em.execute<{ id: string }[]>(
      `INSERT INTO "${this.schema}".automation_action (id, tenant_id, rule, customer_id, trigger_event_id, trigger_type, action, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, rule, trigger_event_id) DO NOTHING RETURNING id`,
      [newId(), trigger.tenantid, rule, customerId, trigger.id, trigger.type, action, detail]);
    return rows.length > 0;
  }
}

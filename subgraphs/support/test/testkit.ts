import type { EventEnvelope } from '@c360/kit';
import { testCaller, type TestSubgraph } from '@c360/kit/testing';

/** Helpers shared by the support subgraph's tests; each test file boots its own subgraph. */
export function supportTestkit(subgraph: () => TestSubgraph) {
  const as = (tenant: string, roles?: string[]) =>
    <T = Record<string, any>>(query: string, variables?: Record<string, unknown>) => subgraph().query<T>(testCaller(tenant, roles), query, variables);

  return {
    as,

    /** SQL statements the subgraph ran while serving GraphQL requests, from its metrics endpoint. */
    async statementsInRequests(): Promise<number> {
      const text = await (await fetch(subgraph().url.replace(/\/graphql$/, '/metrics'))).text();
      return Number(/c360_sql_statements_in_requests_total (\d+)/.exec(text)?.[1]);
    },

    /**
     * Publishes an event on the bus as another subgraph's relay would (every subgraph role may call
     * bus.publish), and waits until support has applied it.
     */
    async publish(event: EventEnvelope): Promise<void> {
      await subgraph().orm.em.fork().execute('SELECT bus.publish(?::jsonb)', [JSON.stringify([event])]);
      for (const consumer of subgraph().consumers) await consumer.catchUp();
    },

    /** The outbox events about one entity, oldest first. */
    async outbox(subject: string): Promise<{ type: string; data: any }[]> {
      const rows = await subgraph().orm.em.fork().execute<{ type: string; envelope: any }[]>(
        'SELECT type, envelope FROM support.outbox WHERE subject = ? ORDER BY seq', [subject]);
      return rows.map((row) => ({ type: row.type, data: row.envelope.data }));
    },

    /** Rows of a support table for a tenant (to prove that a refused call stored nothing). */
    async count(table: string, tenant: string): Promise<number> {
      const rows = await subgraph().orm.em.fork().execute<{ n: number }[]>(`SELECT count(*)::int AS n FROM support.${table} WHERE tenant_id = ?`, [tenant]);
      return rows[0]!.n;
    },

    async technician(tenant: string, name: string, department = 'FIELD_SERVICE'): Promise<string> {
      const result = await as(tenant)(
        'mutation($input: CreateTechnicianInput!) { createTechnician(input: $input) { technician { id } } }', { input: { name, department } });
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return result.data!.createTechnician.technician.id;
    },

    async ticket(tenant: string, input: Record<string, unknown>): Promise<{ id: string; number: string }> {
      const result = await as(tenant)(
        'mutation($input: OpenTicketInput!) { openTicket(input: $input) { ticket { id number } } }', { input: { subject: 'No Internet connection', ...input } });
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return result.data!.openTicket.ticket;
    },
  };
}

/** A time on 3 November 2026 (UTC), e.g. at('09:30'); a day offset moves it, e.g. at('01:00', 1). */
export const at = (time: string, days = 0): string => new Date(Date.parse(`2026-11-03T${time}:00.000Z`) + days * 86_400_000).toISOString();

import pg from 'pg';
import { roleFor } from '@c360/kit';
import { SUBGRAPH_NAMES } from '@c360/scripts/system';

/**
 * Counts SQL statements at the database with pg_stat_statements (preloaded by
 * the embedded server): reset, run the requests, sum `calls` of the
 * subgraphs' roles. The work that runs beside requests (outbox relay, bus
 * consumers, job queues in `<subgraph>_jobs`, their transactions and locks)
 * is left out: it does not belong to any request.
 */
export class StatementCounter {
  private readonly client: pg.Client;

  private constructor(client: pg.Client) {
    this.client = client;
  }

  /** Null when the server does not load pg_stat_statements (a DATABASE_URL server without it). */
  static async open(adminUrl: string): Promise<StatementCounter | null> {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      await client.query('SELECT 1 FROM pg_stat_statements LIMIT 1');
      return new StatementCounter(client);
    } catch {
      await client.end();
      return null;
    }
  }

  /** Statements per subgraph while `run` ran. */
  async during(run: () => Promise<void>): Promise<Record<string, number>> {
    await this.client.query('SELECT pg_stat_statements_reset()');
    await run();
    const { rows } = await this.client.query<{ role: string; calls: number }>(
      `SELECT r.rolname AS role, sum(s.calls)::int AS calls
       FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid
       WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
         AND r.rolname = ANY($1)
         AND s.query !~* '(outbox|inbox|consumer_position|bus\\.|_jobs"?\\.|pg_(try_)?advisory)'
         AND s.query !~* '^\\s*(LISTEN|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\\M'
         AND s.query !~ '^SELECT \\$1$'
       GROUP BY r.rolname`,
      [SUBGRAPH_NAMES.map(roleFor)],
    );
    return Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, rows.find((row) => row.role === roleFor(name))?.calls ?? 0]));
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

import { badInput, pageRequest, requireUuid, toConnection, uuidArray, type Connection, type PageArgs } from '@c360/kit';
import { Customer } from '../customer/customer.entity.ts';
import { customerFields } from '../customer/customer.fields.ts';
import { CustomersService } from '../shared/customers-service.ts';
import { RECORD_KINDS } from '../shared/record-kinds.ts';

/** Why a customer looks like test data (computed by PostgreSQL, see the migration's `test_data_reasons`). */
export type TestDataReason = 'NAME_PATTERN' | 'PHONE_PATTERN' | 'NAME_IS_PHONE';

export interface TestDataCandidate {
  customer: Customer;
  reasons: TestDataReason[];
  /** Activity in another domain (an invoice, a payment, a ticket): such a customer cannot be deleted. */
  hasActivity: boolean;
}

/** Most customers one clean-up call deletes. */
export const MAX_DELETIONS = 100;

/**
 * Test-data clean-up: a dry run lists the customers that look like test data
 * (names such as "test", "mock", "demo", "sample", "dummy", "example";
 * phones such as 000000000 or 123456789; a name that is a phone number), then
 * an admin deletes the ones confirmed.
 */
export class TestDataService extends CustomersService {
  /** The dry run: candidates, newest first, from a partial index of the rows that look like test data. */
  async candidates(args: PageArgs): Promise<Connection<TestDataCandidate>> {
    const request = pageRequest(args);
    const after = request.after;
    const condition = `c.tenant_id = ? AND cardinality(c.test_data_reasons) > 0 AND c.merged_into_id IS NULL`;
    const [rows, [count]] = await Promise.all([
      this.em.execute<Record<string, unknown>[]>(
        `SELECT c.* FROM customers.customer c WHERE ${condition} ${after ? 'AND (c.created_at, c.id) < (?::timestamptz, ?::uuid)' : ''}
         ORDER BY c.created_at DESC, c.id DESC LIMIT ?`,
        [this.tenantId, ...(after ? [after.sort, after.id] : []), request.first + 1],
      ),
      this.em.execute<{ total: number }[]>(`SELECT count(*)::int AS total FROM customers.customer c WHERE ${condition}`, [this.tenantId]),
    ]);
    const candidates = rows.map((row) => {
      const customer = this.em.map(Customer, row);
      return { customer, reasons: (customer.testDataReasons ?? []) as TestDataReason[], hasActivity: customer.lastActivityAt != null };
    });
    return toConnection(candidates, request, count?.total ?? 0, (candidate) => ({ sort: candidate.customer.createdAt.toISOString(), id: candidate.customer.id }));
  }

  /**
   * Deletes the confirmed customers — the only hard delete of this subgraph.
   * Everywhere else customers are deactivated, never deleted, because other
   * domains and the history point at them; rows that were only ever test data
   * have no business value and would otherwise pollute lists, statistics and
   * searches forever. So each id must still look like test data, have no
   * activity in another domain (its invoices or tickets would be orphaned) and
   * no customer merged into it; one id failing refuses the whole call. Its
   * records go with it (foreign keys cascade), its change history stays, with
   * a DELETED record, and `customer.deleted` tells the other subgraphs.
   */
  async delete(input: { ids: string[] }): Promise<{ deletedIds: string[] }> {
    this.requireRole(['admin'], 'delete test data');
    if (input.ids.length === 0) throw badInput('input.ids', 'must list at least one customer');
    if (input.ids.length > MAX_DELETIONS) throw badInput('input.ids', `must list at most ${MAX_DELETIONS} customers`);
    const ids = input.ids.map((id, index) => requireUuid(id, `input.ids[${index}]`).toLowerCase());
    return this.write(async (write) => {
      const customers = await write.lockCustomers(ids.map((id, index) => ({ id, field: `input.ids[${index}]` })));
      const [mergedInto] = await write.tx.execute<{ merged_into_id: string }[]>(
        'SELECT merged_into_id FROM customers.customer WHERE tenant_id = ? AND merged_into_id = ANY(?::uuid[]) LIMIT 1',
        [write.tenantId, uuidArray(ids)],
      );
      customers.forEach((customer, index) => {
        const field = `input.ids[${index}]`;
        if ((customer.testDataReasons ?? []).length === 0) throw badInput(field, `customer ${customer.id} does not look like test data`);
        if (customer.lastActivityAt) throw badInput(field, `customer ${customer.id} has activity in other domains; deactivate it instead`);
        if (mergedInto?.merged_into_id === customer.id) throw badInput(field, `customers were merged into ${customer.id}; it cannot be deleted`);
      });
      for (const customer of customers) {
        write.record(RECORD_KINDS.customer, customer.id, customer.id, 'DELETED', customerFields(customer), {});
        write.event('customer.deleted', customer.id, { customerId: customer.id, reason: 'TEST_DATA', customer: customerFields(customer) });
      }
      await write.tx.execute('DELETE FROM customers.customer WHERE tenant_id = ? AND id = ANY(?::uuid[])', [write.tenantId, uuidArray(ids)]);
      return { deletedIds: [...new Set(customers.map((customer) => customer.id))] };
    });
  }
}

import { badInput, pageRequest, requireUuid, type Connection, type PageArgs } from '@c360/kit';
import type { ChangeRecord } from './change-record.entity.ts';
import { CustomersService } from '../shared/customers-service.ts';
import { line } from '../shared/input.ts';

export interface ChangeArgs extends PageArgs {
  /** One field, as change records name it: `email`, `contact.phone`, `address.isDefault`... */
  field?: string | null;
  /** Changes at or after this instant. */
  from?: Date | null;
  /** Changes before this instant. */
  to?: Date | null;
}

/** Reads the change history; it is written by `CustomerWrite` in each change's transaction. */
export class HistoryService extends CustomersService {
  /** By id, whether or not the customer still exists (a deleted customer's history is kept): admins only. */
  ofCustomerId(customerId: string, args: ChangeArgs): Promise<Connection<ChangeRecord>> {
    this.requireRole(['admin'], 'read the history of any customer id');
    return this.forCustomer(requireUuid(customerId, 'customerId').toLowerCase(), args);
  }

  forCustomer(customerId: string, args: ChangeArgs): Promise<Connection<ChangeRecord>> {
    if (args.from && args.to && args.from >= args.to) throw badInput('to', 'must be after from');
    return this.loaders.changePages.load({
      key: customerId,
      args: {
        request: pageRequest(args),
        field: line(args.field, 'field'),
        from: args.from?.toISOString() ?? null,
        to: args.to?.toISOString() ?? null,
      },
    });
  }
}

import { badInput, pageRequest, type Connection, type PageArgs } from '@c360/kit';
import { CustomersService } from '../shared/customers-service.ts';
import type { TimelineEntry } from './timeline.entity.ts';

export interface TimelineArgs extends PageArgs {
  /** Exact types (`invoice.created`) or families (`invoice.*`). */
  types?: string[] | null;
  /** Entries at or after this instant. */
  from?: Date | null;
  /** Entries before this instant. */
  to?: Date | null;
}

/** Part of the loader key: requests asking the same share one statement. */
export interface TimelineFilter {
  request: ReturnType<typeof pageRequest>;
  types: string[] | null;
  from: string | null;
  to: string | null;
}

/** An exact type, or a family: its first segment and `.*`. */
const TYPE = /^([a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+|[a-z][a-z0-9_]*\.\*)$/;
const MAX_TYPES = 50;

/** Reads the customer timeline; the `customer-timeline` consumer writes it from the events. */
export class TimelineService extends CustomersService {
  forCustomer(customerId: string, args: TimelineArgs): Promise<Connection<TimelineEntry>> {
    if (args.from && args.to && args.from >= args.to) throw badInput('to', 'must be after from');
    const types = args.types ?? null;
    if (types) {
      if (types.length === 0 || types.length > MAX_TYPES) throw badInput('types', `must have 1 to ${MAX_TYPES} entries`);
      types.forEach((type, index) => {
        if (!TYPE.test(type)) throw badInput(`types[${index}]`, `"${type}" is not an event type (\`invoice.created\`) or a family (\`invoice.*\`)`);
      });
    }
    return this.loaders.timelinePages.load({
      key: customerId,
      args: { request: pageRequest(args), types: types ? [...new Set(types)].sort() : null, from: args.from?.toISOString() ?? null, to: args.to?.toISOString() ?? null },
    });
  }
}

import { badInput, newId, pageRequest, toConnection, type Connection, type PageArgs } from '@c360/kit';
import { LifeEvent, type LifeEventKind } from './life-event.entity.ts';
import { CustomersService } from '../shared/customers-service.ts';
import type { RecordInput, RecordSpec } from '../shared/customer-write.ts';
import { isoDay, line, text, todayIn } from '../shared/input.ts';
import { RECORD_KINDS, type Snapshot } from '../shared/record-kinds.ts';

export interface AddLifeEventInput {
  customerId: string;
  kind: LifeEventKind;
  /** Required for CUSTOM events. */
  title?: string | null;
  occursOn: Date;
  /** Defaults to true for birthdays, false otherwise. */
  recursYearly?: boolean | null;
  notes?: string | null;
  externalId?: string | null;
}

export interface UpdateLifeEventInput extends RecordInput {
  kind?: LifeEventKind | null;
  title?: string | null;
  occursOn?: Date | null;
  recursYearly?: boolean | null;
  notes?: string | null;
}

/** An event's next occurrence within the window asked for. */
export interface UpcomingLifeEvent {
  event: LifeEvent;
  /** `YYYY-MM-DD`. */
  occursOn: string;
  daysAway: number;
}

/** How far ahead `upcomingLifeEvents` looks at most. */
export const MAX_UPCOMING_DAYS = 366;

const LIFE_EVENTS: RecordSpec<LifeEvent> = { entity: LifeEvent, what: 'Life event', kind: RECORD_KINDS.lifeEvent, snapshot: lifeEventSnapshot };

export class LifeEventService extends CustomersService {
  forCustomer(customerId: string, args: PageArgs): Promise<Connection<LifeEvent>> {
    return this.loaders.lifeEventPages.load({ key: customerId, args: pageRequest(args) });
  }

  add(input: AddLifeEventInput): Promise<{ lifeEvent: LifeEvent }> {
    const title = line(input.title, 'input.title');
    if (input.kind === 'CUSTOM' && !title) throw badInput('input.title', 'is required for a CUSTOM event');
    const values = {
      kind: input.kind,
      title,
      occursOn: isoDay(input.occursOn),
      recursYearly: input.recursYearly ?? input.kind === 'BIRTHDAY',
      notes: text(input.notes, 'input.notes'),
      externalId: line(input.externalId, 'input.externalId', 100),
    };
    return this.write(async (write) => {
      const customer = await write.lockCustomer(input.customerId, 'input.customerId');
      const event = write.tx.create(LifeEvent, { id: newId(), tenantId: write.tenantId, customerId: customer.id, ...values });
      await write.tx.flush();
      write.created(RECORD_KINDS.lifeEvent, customer.id, event.id, lifeEventSnapshot(event));
      return { lifeEvent: event };
    });
  }

  update(input: UpdateLifeEventInput): Promise<{ lifeEvent: LifeEvent }> {
    for (const field of ['kind', 'occursOn', 'recursYearly'] as const) {
      if (input[field] === null) throw badInput(`input.${field}`, 'must not be null');
    }
    const values = {
      ...(input.kind ? { kind: input.kind } : {}),
      ...(input.title !== undefined ? { title: line(input.title, 'input.title') } : {}),
      ...(input.occursOn ? { occursOn: isoDay(input.occursOn) } : {}),
      ...(input.recursYearly != null ? { recursYearly: input.recursYearly } : {}),
      ...(input.notes !== undefined ? { notes: text(input.notes, 'input.notes') } : {}),
    };
    return this.write(async (write) => {
      const { record } = await write.change(LIFE_EVENTS, input, (event) => {
        write.tx.assign(event, values);
        if (event.kind === 'CUSTOM' && !event.title) throw badInput('input.title', 'is required for a CUSTOM event');
      });
      return { lifeEvent: record };
    });
  }

  remove(input: RecordInput): Promise<{ lifeEvent: LifeEvent }> {
    return this.write(async (write) => ({ lifeEvent: (await write.remove(LIFE_EVENTS, input)).record }));
  }

  /**
   * Events of all the tenant's customers whose next occurrence falls within
   * `withinDays` from today (the tenant's time zone), soonest first. One-off
   * events are found by date, yearly ones by month and day (each on its own
   * partial index); a yearly event on 29 February falls on the 28th in other
   * years.
   */
  async upcoming(args: PageArgs & { withinDays: number }): Promise<Connection<UpcomingLifeEvent>> {
    if (!Number.isInteger(args.withinDays) || args.withinDays < 0 || args.withinDays > MAX_UPCOMING_DAYS) {
      throw badInput('withinDays', `must be an integer between 0 and ${MAX_UPCOMING_DAYS}`);
    }
    const request = pageRequest(args);
    const today = todayIn((await this.settings.get()).timeZone);
    const end = isoDay(new Date(Date.parse(today) + args.withinDays * 86_400_000));
    const monthDay = (day: string) => Number(day.slice(5, 7)) * 100 + Number(day.slice(8, 10));
    const [from, to] = [monthDay(today), monthDay(end)];
    const wholeYear = args.withinDays >= 365;
    const yearlyWindow = wholeYear ? 'true' : from <= to ? 'e.month_day BETWEEN ? AND ?' : '(e.month_day >= ? OR e.month_day <= ?)';
    const after = request.after;
    const rows = await this.em.execute<Record<string, unknown>[]>(
      `WITH upcoming AS (
         SELECT e.*, e.occurs_on AS next_on FROM customers.life_event e
         WHERE e.tenant_id = ? AND e.removed_at IS NULL AND NOT e.recurs_yearly AND e.occurs_on BETWEEN ?::date AND ?::date
         UNION ALL
         SELECT e.*, y.next_on FROM customers.life_event e
         CROSS JOIN LATERAL (
           SELECT CASE
             WHEN e.occurs_on >= ?::date THEN e.occurs_on
             WHEN (e.occurs_on + make_interval(years => ? - extract(year FROM e.occurs_on)::int))::date >= ?::date
               THEN (e.occurs_on + make_interval(years => ? - extract(year FROM e.occurs_on)::int))::date
             ELSE (e.occurs_on + make_interval(years => ? + 1 - extract(year FROM e.occurs_on)::int))::date
           END AS next_on
         ) y
         WHERE e.tenant_id = ? AND e.removed_at IS NULL AND e.recurs_yearly AND ${yearlyWindow}
       ), inside AS (
         SELECT * FROM upcoming WHERE next_on BETWEEN ?::date AND ?::date
       )
       -- The count comes back even when the page is empty (past the last row).
       SELECT totals.total_count, page.* FROM (SELECT count(*)::int AS total_count FROM inside) totals
       LEFT JOIN LATERAL (
         SELECT * FROM inside WHERE ${after ? '(next_on, id) > (?::date, ?::uuid)' : 'true'} ORDER BY next_on, id LIMIT ?
       ) page ON true
       ORDER BY page.next_on, page.id`,
      [
        this.tenantId, today, end,
        today, Number(today.slice(0, 4)), today, Number(today.slice(0, 4)), Number(today.slice(0, 4)),
        this.tenantId, ...(wholeYear ? [] : [from, to]),
        today, end,
        ...(after ? [after.sort, after.id] : []),
        request.first + 1,
      ],
    );
    const totalCount = (rows[0]?.total_count as number | undefined) ?? 0;
    const nodes = rows.filter((row) => row.id !== null).map(({ next_on: nextOn, total_count: _count, ...columns }) => {
      const occursOn = typeof nextOn === 'string' ? nextOn : isoDay(nextOn as Date);
      return { event: this.em.map(LifeEvent, columns), occursOn, daysAway: Math.round((Date.parse(occursOn) - Date.parse(today)) / 86_400_000) };
    });
    return toConnection(nodes, request, totalCount, (node) => ({ sort: node.occursOn, id: node.event.id }));
  }
}

export function lifeEventSnapshot(event: LifeEvent): Snapshot {
  return {
    kind: event.kind,
    title: event.title ?? null,
    occursOn: event.occursOn,
    recursYearly: event.recursYearly,
    notes: event.notes ?? null,
    externalId: event.externalId ?? null,
  };
}

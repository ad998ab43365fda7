import {
  RequestScopedService, badInput, conflict, DomainError, ErrorCode, newId, pageRequest, recordEvents, requireUuid,
  type Connection, type DomainEvent, type PageArgs,
} from '@c360/kit';
import type { ServiceLoaders } from '../../loaders.ts';
import { lockRow, violated } from '../../rows.ts';
import type { ServiceLocation } from '../location/location.entity.ts';
import { IpAssignment } from './ip-assignment.entity.ts';
import { IP_ASSIGNMENT_COLUMNS } from './ip.loader.ts';
import { parseIp } from './ip-address.ts';

export interface AssignIpInput {
  locationId: string;
  ip: string;
  /** Parsed by the `DateTime` scalar. */
  assignedAt?: Date | null;
}

export interface ReleaseIpInput {
  assignmentId: string;
  releasedAt?: Date | null;
}

/** Clock skew tolerated between a client and us for "not in the future". */
const SKEW_MS = 60_000;

/**
 * IP history. Each assignment is valid over [assignedAt, releasedAt): held at
 * the instant it was assigned, no longer at the instant it was released. An
 * exclusion constraint keeps one holder per address (or overlapping prefix)
 * at any instant, so concurrent assignments of one address leave one winner.
 */
export class IpService extends RequestScopedService<ServiceLoaders> {

  /** What the customer held at `time`. */
  at(customerId: string, time: Date): Promise<IpAssignment[]> {
    return this.loaders.ipAtByCustomer.load({ key: customerId.toLowerCase(), args: time.toISOString() });
  }

  history(location: ServiceLocation, args: PageArgs): Promise<Connection<IpAssignment>> {
    return this.loaders.ipHistoryByLocation.load({ key: location.id, args: pageRequest(args) });
  }

  /** Who held `ip` (an address, or a prefix: the assignment containing it) at `time`; at most one by the exclusion constraint. */
  async holder(ip: string, time: Date): Promise<IpAssignment | null> {
    const address = parseIp(ip, 'ip', { assignable: false });
    // Served by the exclusion constraint's GiST index: tenant =, ip >>= (contains or equals), validity @> instant.
    const [row] = await this.em.execute<Record<string, unknown>[]>(
      `SELECT ${IP_ASSIGNMENT_COLUMNS} FROM service.ip_assignment
       WHERE tenant_id = ? AND ip >>= ?::inet AND validity @> ?::timestamptz
       ORDER BY masklen(ip) DESC LIMIT 1`,
      [this.tenantId, address.text, time.toISOString()],
    );
    return row ? this.em.map(IpAssignment, row) : null;
  }

  async assign(input: AssignIpInput): Promise<{ assignment: IpAssignment }> {
    const address = parseIp(input.ip, 'input.ip', { assignable: true });
    const assignedAt = input.assignedAt ?? new Date();
    if (assignedAt.getTime() > Date.now() + SKEW_MS) throw badInput('input.assignedAt', 'must not be in the future');
    const location = await this.loaders.locationById.load(requireUuid(input.locationId, 'input.locationId'));
    if (!location) throw new DomainError(ErrorCode.NotFound, 'Service location not found', 'input.locationId');
    return this.em.transactional(async (tx) => {
      const [row] = await tx.execute<Record<string, unknown>[]>(
        `INSERT INTO service.ip_assignment (id, tenant_id, customer_id, location_id, ip, assigned_at)
         VALUES (?, ?, ?, ?, ?::inet, ?) RETURNING ${IP_ASSIGNMENT_COLUMNS}`,
        [newId(), this.tenantId, location.customerId, location.id, address.text, assignedAt.toISOString()],
      ).catch((error: unknown) => {
        if (violated(error, 'ip_assignment_one_holder_excl')) throw conflict(`${address.text} is held by another assignment at that time (or later)`, 'input.ip');
        throw error;
      });
      const assignment = tx.map(IpAssignment, row!);
      await recordEvents(tx, 'service', this.tenantId, [ipEvent('ip.assigned', assignment)]);
      return { assignment };
    });
  }

  async release(input: ReleaseIpInput): Promise<{ assignment: IpAssignment }> {
    const releasedAt = input.releasedAt ?? new Date();
    if (releasedAt.getTime() > Date.now() + SKEW_MS) throw badInput('input.releasedAt', 'must not be in the future');
    return this.em.transactional(async (tx) => {
      const current = tx.map(IpAssignment, await lockRow(tx, 'ip_assignment', this.tenantId, input.assignmentId, 'input.assignmentId', 'IP assignment'));
      if (current.releasedAt) throw badInput('input.assignmentId', `was already released at ${current.releasedAt.toISOString()}`);
      if (releasedAt.getTime() <= current.assignedAt.getTime()) {
        throw badInput('input.releasedAt', `must be after the assignment (${current.assignedAt.toISOString()})`);
      }
      const [row] = await tx.execute<Record<string, unknown>[]>(
        `UPDATE service.ip_assignment SET released_at = ? WHERE tenant_id = ? AND id = ? RETURNING ${IP_ASSIGNMENT_COLUMNS}`,
        [releasedAt.toISOString(), this.tenantId, current.id],
      );
      const assignment = tx.map(IpAssignment, row!);
      await recordEvents(tx, 'service', this.tenantId, [ipEvent('ip.released', assignment)]);
      return { assignment };
    });
  }
}

/** An address given to or taken back from a customer (the demo data records them too, for its past). */
export function ipEvent(type: 'ip.assigned' | 'ip.released', assignment: IpAssignment): DomainEvent {
  return {
    type,
    subject: assignment.id,
    data: {
      customerId: assignment.customerId,
      locationId: assignment.locationId ?? null,
      assignmentId: assignment.id,
      ip: assignment.ip,
      assignedAt: assignment.assignedAt.toISOString(),
      releasedAt: assignment.releasedAt?.toISOString() ?? null,
    },
  };
}

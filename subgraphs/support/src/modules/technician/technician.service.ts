import { LockMode } from '@mikro-orm/core';
import {
  RequestScopedService, conflict, DomainError, ErrorCode, newId, pageRequest, recordEvents, requireUuid, toConnection,
  type Connection, type PageArgs,
} from '@c360/kit';
import type { SupportLoaders } from '../../loaders.ts';
import { optionalText, requiredText } from '../shared/text.ts';
import { Technician, type Department } from './technician.entity.ts';

export interface TechniciansArgs extends PageArgs {
  department?: Department | null;
  includeInactive?: boolean | null;
}

export interface CreateTechnicianInput {
  name: string;
  department?: Department | null;
  externalId?: string | null;
}

export interface UpdateTechnicianInput {
  technicianId: string;
  version: number;
  name?: string | null;
  department?: Department | null;
  active?: boolean | null;
}

export const NAME_MAX_LENGTH = 200;
const EXTERNAL_ID_MAX_LENGTH = 64;

export class TechnicianService extends RequestScopedService<SupportLoaders> {
  get(id: string): Promise<Technician | null> {
    return this.loaders.technicianById.load(requireUuid(id, 'id'));
  }

  /** A technician another record points to (a ticket's assignee, a visit's technician); batched. */
  async referenced(id: string | null | undefined): Promise<Technician | null> {
    return id ? this.loaders.technicianById.load(id) : null;
  }

  /** The tenant's technicians by name, active ones only unless asked otherwise. */
  async list(args: TechniciansArgs): Promise<Connection<Technician>> {
    const request = pageRequest(args);
    const filter: Record<string, unknown> = {
      ...(args.department ? { department: args.department } : {}),
      ...(args.includeInactive ? {} : { active: true }),
    };
    const after = request.after;
    const where = after ? { ...filter, $or: [{ name: { $gt: after.sort } }, { name: after.sort, id: { $gt: after.id } }] } : filter;
    const [rows, totalCount] = await Promise.all([
      this.em.find(Technician, where, { orderBy: { name: 'ASC', id: 'ASC' }, limit: request.first + 1 }),
      this.em.count(Technician, filter),
    ]);
    return toConnection(rows, request, totalCount, (technician) => ({ sort: technician.name, id: technician.id }));
  }

  async create(input: CreateTechnicianInput): Promise<{ technician: Technician }> {
    const name = requiredText(input.name, 'input.name', NAME_MAX_LENGTH);
    const externalId = optionalText(input.externalId, 'input.externalId', EXTERNAL_ID_MAX_LENGTH);
    return this.em.transactional(async (tx) => {
      // The unique (tenant, external id) index decides duplicates, also between concurrent calls.
      const [row] = await tx.execute<Record<string, unknown>[]>(
        `INSERT INTO support.technician (id, tenant_id, external_id, name, department) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING RETURNING *`,
        [newId(), this.tenantId, externalId, name, input.department ?? 'FIELD_SERVICE'],
      );
      if (!row) throw conflict(`Another technician already has the external id "${externalId}"`, 'input.externalId');
      const technician = tx.map(Technician, row);
      await recordEvents(tx, 'support', this.tenantId, [{ type: 'technician.created', subject: technician.id, data: snapshot(technician) }]);
      return { technician };
    });
  }

  /** Renames, moves or (de)activates a technician; `version` must be the one the caller read. */
  async update(input: UpdateTechnicianInput): Promise<{ technician: Technician }> {
    const id = requireUuid(input.technicianId, 'input.technicianId');
    const name = input.name == null ? undefined : requiredText(input.name, 'input.name', NAME_MAX_LENGTH);
    return this.em.transactional(async (tx) => {
      const technician = await tx.findOne(Technician, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      if (!technician) throw new DomainError(ErrorCode.NotFound, 'Technician not found', 'input.technicianId');
      if (technician.version !== input.version) {
        throw conflict(`The technician was changed by someone else (version ${technician.version}, yours ${input.version}); reload and retry`, 'input.version');
      }
      tx.assign(technician, {
        ...(name !== undefined ? { name } : {}),
        ...(input.department ? { department: input.department } : {}),
        ...(input.active != null ? { active: input.active } : {}),
      });
      await tx.flush();
      await recordEvents(tx, 'support', this.tenantId, [{ type: 'technician.updated', subject: technician.id, data: snapshot(technician) }]);
      return { technician };
    });
  }
}

function snapshot(technician: Technician) {
  return {
    technicianId: technician.id, name: technician.name, department: technician.department, active: technician.active,
    externalId: technician.externalId ?? null, version: technician.version,
  };
}

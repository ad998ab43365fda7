import { badInput, DomainError, ErrorCode, isUuid, keyedLoader, requireUuid, type EntityManager } from '@c360/kit';
import { Technician } from './technician.entity.ts';

export interface TechnicianLoaders {
  /** Technicians by id within the request's tenant (the tenant filter applies). */
  technicianById: ReturnType<typeof keyedLoader<string, Technician>>;
}

export function createTechnicianLoaders(em: EntityManager): TechnicianLoaders {
  return {
    technicianById: keyedLoader(
      (ids) => em.find(Technician, { id: { $in: ids.filter(isUuid) } }),
      (technician) => technician.id,
    ),
  };
}

/**
 * The technicians a request names (a ticket's assignee, a job's crew, a work
 * order's visits), each checked in one batched read: a valid id, of the tenant,
 * and when `mustBeActive`, still active. `fieldOf` names each one in errors,
 * e.g. `input.technicianIds[1]`.
 */
export async function requireTechnicians(
  loaders: TechnicianLoaders, ids: readonly string[], fieldOf: (index: number) => string, mustBeActive: boolean,
): Promise<Technician[]> {
  ids.forEach((id, index) => requireUuid(id, fieldOf(index)));
  const found = await loaders.technicianById.loadMany(ids);
  return found.map((technician, index) => {
    if (technician instanceof Error) throw technician;
    if (!technician) throw new DomainError(ErrorCode.NotFound, 'Technician not found', fieldOf(index));
    if (mustBeActive && !technician.active) throw badInput(fieldOf(index), `${technician.name} is no longer active and cannot be assigned`);
    return technician;
  });
}

/** Refuses the same technician twice in one list (a crew, the visits of a work order). */
export function requireDistinct(ids: readonly string[], fieldOf: (index: number) => string): void {
  ids.forEach((id, index) => {
    if (ids.indexOf(id) !== index) throw badInput(fieldOf(index), 'names the same technician twice');
  });
}

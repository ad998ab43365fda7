import { groupedLoader, isUuid, keyedLoader, uuidArray, type EntityManager } from '@c360/kit';
import { DispatchJob, type CrewRow } from './dispatch.entity.ts';

export interface DispatchLoaders {
  /** Dispatch jobs by id within the request's tenant (the tenant filter applies). */
  dispatchJobById: ReturnType<typeof keyedLoader<string, DispatchJob>>;
  /** Each ticket's dispatch jobs, earliest window first: one statement for all tickets. */
  dispatchJobsByTicket: ReturnType<typeof groupedLoader<string, DispatchJob>>;
  /** Each job's technicians in the order they were named: one statement for all jobs. */
  crewByDispatchJob: ReturnType<typeof groupedLoader<string, CrewRow>>;
}

export function createDispatchLoaders(em: EntityManager, tenantId: string): DispatchLoaders {
  return {
    dispatchJobById: keyedLoader(
      (ids) => em.find(DispatchJob, { id: { $in: ids.filter(isUuid) } }),
      (job) => job.id,
    ),
    // Served by (tenant, ticket, scheduled_start).
    dispatchJobsByTicket: groupedLoader(
      (ticketIds) => em.find(DispatchJob, { ticketId: { $in: ticketIds.filter(isUuid) } }, { orderBy: { scheduledStart: 'ASC', id: 'ASC' } }),
      (job) => job.ticketId,
    ),
    crewByDispatchJob: groupedLoader(
      (jobIds) => em.execute<CrewRow[]>(
        `SELECT dispatch_job_id, technician_id, position FROM support.dispatch_assignment
         WHERE tenant_id = ? AND dispatch_job_id = ANY(?::uuid[]) ORDER BY dispatch_job_id, position`,
        [tenantId, uuidArray(jobIds)],
      ),
      (row) => row.dispatch_job_id,
    ),
  };
}

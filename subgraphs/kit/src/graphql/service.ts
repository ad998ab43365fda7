import type { EntityManager } from '../db/database.ts';

/** What every domain service of a request works with. */
export interface RequestScope<L> {
  /** The request's EntityManager, already scoped to the tenant. */
  em: EntityManager;
  tenantId: string;
  /** The request's loaders: reads go through them so that they batch. */
  loaders: L;
}

/** Base of the domain services built per request in a subgraph's createContext. */
export abstract class RequestScopedService<L> {
  protected readonly em: EntityManager;
  protected readonly tenantId: string;
  protected readonly loaders: L;

  constructor(scope: RequestScope<L>) {
    this.em = scope.em;
    this.tenantId = scope.tenantId;
    this.loaders = scope.loaders;
  }
}

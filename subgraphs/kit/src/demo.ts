import { Faker, fr_CA, en_CA, en, base } from '@faker-js/faker';
import type { EntityDictionary, EntityName } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { v5 as uuidv5 } from 'uuid';
import { recordHistory, type DomainEvent, type EventEnvelope, type PastEvent } from './events/outbox.ts';

/** Namespace for ids that every subgraph derives the same way from the same demo plan. */
const DEMO_NAMESPACE = '6f1c1f62-2a4e-4c55-9a77-0c3603c6a360';

/** A stable id from a path, e.g. demoId('demo', 'customer', 17): reruns make no duplicates. */
export const demoId = (...parts: (string | number)[]): string => uuidv5(parts.join('/'), DEMO_NAMESPACE);

/** A faker that gives the same data for the same seed, with French and English Canadian names. */
export function demoFaker(seed: number, locale: 'fr' | 'en' = seed % 3 === 0 ? 'en' : 'fr'): Faker {
  const faker = new Faker({ locale: locale === 'fr' ? [fr_CA, en, base] : [en_CA, en, base] });
  faker.seed(seed);
  return faker;
}

const reseeded = new Map<'fr' | 'en', Faker>();

/**
 * The same draws as `demoFaker(seed, locale)` without building a faker per
 * seed (about half a millisecond each): one faker per locale, reseeded. The
 * instance is shared, so finish drawing from it before the next call. For bulk
 * loads that draw thousands of rows.
 */
export function reseededFaker(seed: number, locale: 'fr' | 'en'): Faker {
  let faker = reseeded.get(locale);
  if (!faker) {
    faker = demoFaker(seed, locale);
    reseeded.set(locale, faker);
  }
  faker.seed(seed);
  return faker;
}

export interface DemoCustomer {
  index: number;
  id: string;
  /** Every customer has one or two service locations. */
  locationIds: string[];
}

export interface DemoTenant {
  id: string;
  name: string;
  customers: DemoCustomer[];
}

/**
 * The shape of the demo data that all subgraphs seed from: which tenants, which
 * customer ids, which location ids. Each subgraph fills in its own domain.
 */
export function demoPlan(): DemoTenant[] {
  const tenant = (id: string, name: string, count: number): DemoTenant => ({
    id,
    name,
    customers: Array.from({ length: count }, (_, index) => ({
      index,
      id: demoId(id, 'customer', index),
      locationIds: Array.from({ length: index % 4 === 0 ? 2 : 1 }, (_, n) => demoId(id, 'location', index, n)),
    })),
  });
  return [tenant('demo', 'Démo Télécom', 200), tenant('acme', 'Acme Fibre', 20)];
}

/**
 * The past of the rows a demo seed inserted, as the events the API would have
 * written for them, each at the time its row says it happened; recorded in the
 * seed's transaction with `recordHistory`.
 */
export class DemoHistory {
  private readonly em: EntityManager;
  private readonly schema: string;
  private readonly tenantId: string;
  /** Entities only feed the API's event functions: they live on a fork that is never flushed. */
  private readonly mapper: EntityManager;
  private readonly events: PastEvent[] = [];

  constructor(em: EntityManager, schema: string, tenantId: string) {
    this.em = em;
    this.schema = schema;
    this.tenantId = tenantId;
    this.mapper = em.fork({ clear: true });
  }

  /** Entities from rows a raw statement returned. */
  entities<E extends object>(entity: EntityName<E>, rows: Record<string, unknown>[]): E[] {
    return rows.map((row) => this.mapper.map(entity, row as EntityDictionary<E>));
  }

  /** Events that happened at `time`; none when it never happened (no time). */
  add(events: DomainEvent | DomainEvent[], time: Date | string | null | undefined): void {
    if (!time) return;
    for (const event of Array.isArray(events) ? events : [events]) this.events.push({ ...event, time });
  }

  record(): Promise<EventEnvelope[]> {
    return recordHistory(this.em, this.schema, this.tenantId, this.events);
  }
}

import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Fields a tenant can make mandatory when a customer is created (`RequiredCustomerField` in the SDL). */
export const REQUIRABLE_FIELDS = ['PHONE', 'MOBILE', 'EMAIL', 'ADDRESS', 'TAX_NUMBER', 'REGISTRATION_NUMBER', 'COMPANY_NAME', 'SALES_REP'] as const;
export type RequirableField = (typeof REQUIRABLE_FIELDS)[number];

/** Per-tenant settings of the customers domain. Rows are keyed by the tenant's slug. */
export const Tenant = defineEntity({
  name: 'Tenant',
  tableName: 'tenant',
  properties: {
    id: p.string().primary(),
    name: p.string(),
    defaultCountry: p.string().default('CA'),
    requiredFields: p.array().default([]),
    /** IANA zone: what "today" and "this month" mean for the tenant. */
    timeZone: p.string().default('America/Toronto'),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export type Tenant = InferEntity<typeof Tenant>;

import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantFilter } from '@c360/kit';
import type { WorkOrderTaxRate } from './work-order.pricing.ts';

export const WORK_ORDER_STATUSES = ['OPEN', 'COMPLETED', 'CANCELLED'] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

/** A tax applied to a work order, as stored with it (`amount` is a decimal string). */
export interface AppliedTax extends WorkOrderTaxRate {
  amount: string;
}

/**
 * A work order (the legacy "bon de travail"): what technicians did at a
 * customer's, with their visits (`work_order_visit`) and items
 * (`work_order_item`). Money columns are decimal strings derived from the
 * visits, items, labour rate and taxes in the transaction that writes them.
 */
export const WorkOrder = defineEntity({
  name: 'WorkOrder',
  tableName: 'work_order',
  filters: tenantFilter,
  properties: {
    id: p.uuid().primary(),
    tenantId: p.string(),
    /** The legacy bon_travail id, unique per tenant. */
    externalId: p.string().nullable(),
    customerId: p.uuid(),
    locationId: p.uuid().nullable(),
    ticketId: p.uuid().nullable(),
    dispatchJobId: p.uuid().nullable(),
    /** When the first technician arrived: the work order's date, and its place in lists. */
    startedAt: p.datetime(),
    status: p.enum([...WORK_ORDER_STATUSES]).default('OPEN'),
    billable: p.boolean().default(true),
    note: p.text().nullable(),
    currency: p.string(),
    labourRate: p.decimal(),
    subtotal: p.decimal(),
    taxes: p.json<AppliedTax[]>(),
    taxTotal: p.decimal(),
    total: p.decimal(),
    completedAt: p.datetime().nullable(),
    version: p.integer().version(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export type WorkOrder = InferEntity<typeof WorkOrder>;

/** The tenant's work-order currency, taxes and labour rate (see WorkOrderProfile). */
export const WorkOrderProfileRow = defineEntity({
  name: 'WorkOrderProfileRow',
  tableName: 'work_order_profile',
  filters: tenantFilter,
  properties: {
    tenantId: p.string().primary(),
    currency: p.string(),
    taxes: p.json<WorkOrderTaxRate[]>(),
    labourRate: p.decimal(),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

/** A `work_order_visit` row as the loader reads it. */
export interface VisitRow {
  work_order_id: string;
  position: number;
  technician_id: string;
  arrived_at: Date;
  departed_at: Date;
}

/** A `work_order_item` row as the loader reads it; money and quantity are decimal strings. */
export interface ItemRow {
  work_order_id: string;
  line_no: number;
  product_code: string | null;
  description: string;
  quantity: string;
  unit_price: string;
  amount: string;
}

import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantFilter } from '@c360/kit';
import { addressProperties } from '../location/location.entity.ts';

export const E911_SYNC_STATUSES = ['SYNCED', 'PENDING', 'MISMATCH', 'MISSING', 'FAILED'] as const;
export type E911SyncStatus = (typeof E911_SYNC_STATUSES)[number];
export const E911_SERVICE_CLASSES = ['RES', 'BUS'] as const;

/** The 911 address registered for a DID with the 911 provider, and where that registration stands. */
export const E911Record = defineEntity({
  name: 'E911Record',
  tableName: 'e911_record',
  filters: tenantFilter,
  properties: {
    id: p.uuid().primary(),
    tenantId: p.string(),
    /** E.164; one record per DID, with or without a line using it. */
    did: p.string(),
    customerId: p.uuid().nullable(),
    ...addressProperties(),
    /** 911 needs the civic number. */
    civicNumber: p.string(),
    firstName: p.string().nullable(),
    lastName: p.string().nullable(),
    /** Municipality code (CAUCA) the provider routes the call with. */
    municipalityCode: p.string().nullable(),
    serviceClass: p.enum([...E911_SERVICE_CLASSES]).default('RES'),
    enhancedCapable: p.boolean().default(true),
    syncStatus: p.enum([...E911_SYNC_STATUSES]).default('PENDING'),
    syncedAt: p.datetime().nullable(),
    lastSyncAt: p.datetime().nullable(),
    lastSyncError: p.string().nullable(),
    providerReference: p.string().nullable(),
    legacyId: p.string().nullable(),
    /** Increases with every change of the address or names (not with sync results). */
    version: p.integer().default(1),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export type E911Record = InferEntity<typeof E911Record>;

import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantFilter } from '@c360/kit';

export const VOIP_LINE_STATUSES = ['ACTIVE', 'DECOMMISSIONED'] as const;
export const VOIP_LANGUAGES = ['FRENCH', 'ENGLISH'] as const;

/**
 * A SIP line on a DID at a service location, with its voicemail and the ATA
 * port it is provisioned on. The `*Secret` columns are sealed (SecretBox) and
 * only ever opened by VoipSecrets, which checks the caller's role and audits.
 */
export const VoipLine = defineEntity({
  name: 'VoipLine',
  tableName: 'voip_line',
  filters: tenantFilter,
  properties: {
    id: p.uuid().primary(),
    tenantId: p.string(),
    locationId: p.uuid(),
    /** The location's customer, kept here so that Customer.voipLines needs no join. */
    customerId: p.uuid(),
    /** The billing subgraph's subscription this line is sold under. */
    subscriptionId: p.uuid().nullable(),
    /** E.164. */
    did: p.string(),
    callerIdName: p.string().nullable(),
    extension: p.string().nullable(),
    voicemailEnabled: p.boolean().default(true),
    voicemailPinSecret: p.string().nullable(),
    voicemailEmail: p.string().nullable(),
    maxCalls: p.integer().default(2),
    callTimeoutSeconds: p.integer().default(25),
    language: p.enum([...VOIP_LANGUAGES]).default('FRENCH'),
    internationalCalling: p.boolean().default(false),
    /** ISO 3166-1 alpha-2 codes callable when international calling is on; empty means every country. */
    countryAllowList: p.array(),
    sipUsername: p.string(),
    sipDomain: p.string(),
    sipPasswordSecret: p.string(),
    ataModel: p.string().nullable(),
    ataMacAddress: p.string().nullable(),
    ataPort: p.integer().nullable(),
    ataPasswordSecret: p.string().nullable(),
    ataEquipmentId: p.uuid().nullable(),
    ataProvisionedAt: p.datetime().nullable(),
    status: p.enum([...VOIP_LINE_STATUSES]).default('ACTIVE'),
    decommissionedAt: p.datetime().nullable(),
    legacyId: p.string().nullable(),
    version: p.integer().default(1),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export type VoipLine = InferEntity<typeof VoipLine>;

import type { PageArgs, Resolvers } from '@c360/kit';
import type { ServiceContext } from '../../context.ts';
import { customerRef } from '../location/location.resolvers.ts';
import type { ServiceLocation } from '../location/location.entity.ts';
import type { VoipLine } from './voip-line.entity.ts';
import type { CreateVoipLineInput, ProvisionAtaInput, UpdateVoipLineInput } from './voip-line.service.ts';
import type { VoipSecretName } from './voip-secrets.ts';

/** `AtaProvisioning`: the line's ATA columns, with the line to read the password of. */
function ataOf(line: VoipLine) {
  if (!line.ataMacAddress) return null;
  return { line, model: line.ataModel, macAddress: line.ataMacAddress, port: line.ataPort, equipmentId: line.ataEquipmentId ?? null, provisionedAt: line.ataProvisionedAt };
}

export const voipLineResolvers: Resolvers<ServiceContext> = {
  Query: {
    voipLine: (_root, args: { id: string }, ctx) => ctx.voipLines.get(args.id),
    voipLineByDid: (_root, args: { did: string }, ctx) => ctx.voipLines.byDid(args.did),
  },
  Mutation: {
    createVoipLine: (_root, args: { input: CreateVoipLineInput }, ctx) => ctx.voipLines.create(args.input),
    updateVoipLine: (_root, args: { input: UpdateVoipLineInput }, ctx) => ctx.voipLines.update(args.input),
    decommissionVoipLine: (_root, args: { input: { lineId: string; version: number } }, ctx) => ctx.voipLines.decommission(args.input),
    setVoipLineSecret: (_root, args: { input: { lineId: string; secret: VoipSecretName; value?: string | null } }, ctx) => ctx.voipLines.setSecret(args.input),
    provisionAta: (_root, args: { input: ProvisionAtaInput }, ctx) => ctx.voipLines.provisionAta(args.input),
  },
  Customer: {
    voipLines: (customer: { id: string }, _args, ctx) => ctx.voipLines.ofCustomer(customer.id),
  },
  ServiceLocation: {
    voipLines: (location: ServiceLocation, _args, ctx) => ctx.voipLines.ofLocation(location),
  },
  VoipLine: {
    __resolveReference: (ref: { id: string }, ctx: ServiceContext) => ctx.loaders.voipLineById.load(ref.id),
    location: (line: VoipLine, _args, ctx) => ctx.loaders.locationById.load(line.locationId),
    customer: (line: VoipLine) => customerRef(line.customerId),
    sipPassword: (line: VoipLine, _args, ctx) => ctx.voipSecrets.read(line, 'SIP_PASSWORD'),
    voicemailPin: (line: VoipLine, _args, ctx) => ctx.voipSecrets.read(line, 'VOICEMAIL_PIN'),
    ata: (line: VoipLine) => ataOf(line),
    e911: (line: VoipLine, _args, ctx) => ctx.e911.forLine(line),
    secretReads: (line: VoipLine, args: PageArgs, ctx) => ctx.voipSecrets.reads(line, args),
  },
  AtaProvisioning: {
    password: (ata: { line: VoipLine }, _args, ctx) => ctx.voipSecrets.read(ata.line, 'ATA_PASSWORD'),
    equipment: (ata: { equipmentId: string | null }, _args, ctx) => (ata.equipmentId ? ctx.loaders.equipmentById.load(ata.equipmentId) : null),
  },
};

import { badInput, newId, requireUuid } from '@c360/kit';
import { PartnerLink } from './partner.entity.ts';
import { CustomersService } from '../shared/customers-service.ts';
import type { RecordInput, RecordSpec } from '../shared/customer-write.ts';
import { line, requiredLine, text } from '../shared/input.ts';
import { RECORD_KINDS, type Snapshot } from '../shared/record-kinds.ts';

export interface AddPartnerInput {
  customerId: string;
  /** Another customer of the tenant... */
  partnerCustomerId?: string | null;
  /** ...or an outside organisation: exactly one of the two. */
  organisationName?: string | null;
  role: string;
  note?: string | null;
  externalId?: string | null;
}

export interface UpdatePartnerInput extends RecordInput {
  role?: string | null;
  note?: string | null;
}

/** Most current partner links one customer may have recorded. */
export const MAX_PARTNERS = 100;

const PARTNERS: RecordSpec<PartnerLink> = { entity: PartnerLink, what: 'Partner link', kind: RECORD_KINDS.partner, snapshot: partnerSnapshot };

export class PartnerService extends CustomersService {
  /** Links in which the customer takes part, on either side, oldest first. */
  async ofCustomer(customerId: string): Promise<PartnerLink[]> {
    return (await this.loaders.partnersByCustomer.load(customerId)).map((side) => side.link);
  }

  /** Links a customer to another customer or to an outside organisation. Both customers are locked. */
  add(input: AddPartnerInput): Promise<{ partner: PartnerLink }> {
    const role = requiredLine(input.role, 'input.role');
    const note = text(input.note, 'input.note');
    const organisationName = line(input.organisationName, 'input.organisationName');
    const partnerCustomerId = input.partnerCustomerId ? requireUuid(input.partnerCustomerId, 'input.partnerCustomerId').toLowerCase() : null;
    if (!partnerCustomerId === !organisationName) throw badInput('input.partnerCustomerId', 'give exactly one of a partner customer (`partnerCustomerId`) or an outside organisation (`organisationName`)');
    if (partnerCustomerId === input.customerId.toLowerCase()) throw badInput('input.partnerCustomerId', 'a customer cannot be its own partner');
    const externalId = line(input.externalId, 'input.externalId', 100);
    return this.write(async (write) => {
      const [customer] = await write.lockCustomers([
        { id: input.customerId, field: 'input.customerId' },
        ...(partnerCustomerId ? [{ id: partnerCustomerId, field: 'input.partnerCustomerId' }] : []),
      ]);
      const current = await write.tx.count(PartnerLink, { customerId: customer!.id, removedAt: null });
      if (current >= MAX_PARTNERS) throw badInput('input.customerId', `a customer records at most ${MAX_PARTNERS} partners`);
      const link = write.tx.create(PartnerLink, {
        id: newId(), tenantId: write.tenantId, customerId: customer!.id, partnerCustomerId, organisationName, role, note, externalId,
      });
      await write.tx.flush();
      write.created(RECORD_KINDS.partner, customer!.id, link.id, partnerSnapshot(link));
      // The partner customer's history shows the link too.
      if (partnerCustomerId) write.record(RECORD_KINDS.partner, partnerCustomerId, link.id, 'CREATED', {}, partnerSnapshot(link));
      return { partner: link };
    });
  }

  update(input: UpdatePartnerInput): Promise<{ partner: PartnerLink }> {
    if (input.role === null) throw badInput('input.role', 'must not be null');
    const values = {
      ...(input.role !== undefined ? { role: requiredLine(input.role, 'input.role') } : {}),
      ...(input.note !== undefined ? { note: text(input.note, 'input.note') } : {}),
    };
    return this.write(async (write) => {
      const { record } = await write.change(PARTNERS, input, (link) => {
        const before = partnerSnapshot(link);
        write.tx.assign(link, values);
        // The partner customer's history shows the change too (the owner's is recorded by `change`).
        if (link.partnerCustomerId) write.record(RECORD_KINDS.partner, link.partnerCustomerId, link.id, 'UPDATED', before, partnerSnapshot(link));
      });
      return { partner: record };
    });
  }

  remove(input: RecordInput): Promise<{ partner: PartnerLink }> {
    return this.write(async (write) => {
      const { record } = await write.remove(PARTNERS, input, (link) => {
        if (link.partnerCustomerId) write.record(RECORD_KINDS.partner, link.partnerCustomerId, link.id, 'REMOVED', partnerSnapshot(link), {});
      });
      return { partner: record };
    });
  }
}

export function partnerSnapshot(link: PartnerLink): Snapshot {
  return {
    customerId: link.customerId,
    partnerCustomerId: link.partnerCustomerId ?? null,
    organisationName: link.organisationName ?? null,
    role: link.role,
    note: link.note ?? null,
    externalId: link.externalId ?? null,
  };
}

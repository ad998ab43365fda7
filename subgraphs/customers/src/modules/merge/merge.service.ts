import { badInput, conflict, uuidArray } from '@c360/kit';
import type { Customer } from '../customer/customer.entity.ts';
import { customerFields } from '../customer/customer.fields.ts';
import { Contact } from '../contact/contact.entity.ts';
import { CustomerAddress } from '../address/address.entity.ts';
import { PartnerLink } from '../partner/partner.entity.ts';
import { partnerSnapshot } from '../partner/partner.service.ts';
import { CustomersService } from '../shared/customers-service.ts';
import { checkVersion, type CustomerWrite } from '../shared/customer-write.ts';
import { RECORD_KINDS, type RecordKind } from '../shared/record-kinds.ts';
import { MERGE_RECORD_KINDS, planFields, type MergePlan, type MergeRecordKind } from './merge.plan.ts';

export interface MergeCustomersInput {
  survivorId: string;
  mergedId: string;
  /** Only compute what the merge would do. */
  dryRun?: boolean | null;
  survivorVersion?: number | null;
  mergedVersion?: number | null;
}

export interface MergeResult {
  dryRun: boolean;
  preview: MergePlan & { demotedIds: string[] };
  survivor: Customer;
  merged: Customer;
}

/**
 * The plan's reads stay out of the identity map: the merge then changes these
 * rows with set-based SQL, and later reads in the request must see the new rows.
 */
const READ_ONLY = { disableIdentityMap: true } as const;

/** Where each kind of record lives, and how history names it. */
const TABLES: Record<MergeRecordKind, { table: string; kind: RecordKind; versioned: boolean; current: string }> = {
  CONTACT: { table: 'customers.contact', kind: RECORD_KINDS.contact, versioned: true, current: 'removed_at IS NULL' },
  ADDRESS: { table: 'customers.customer_address', kind: RECORD_KINDS.address, versioned: true, current: 'removed_at IS NULL' },
  PARTNER: { table: 'customers.partner_link', kind: RECORD_KINDS.partner, versioned: true, current: 'removed_at IS NULL' },
  LIFE_EVENT: { table: 'customers.life_event', kind: RECORD_KINDS.lifeEvent, versioned: true, current: 'removed_at IS NULL' },
  EMAIL: { table: 'customers.email_message', kind: RECORD_KINDS.email, versioned: false, current: 'true' },
  NOTE: { table: 'customers.note', kind: RECORD_KINDS.note, versioned: true, current: 'removed_at IS NULL' },
};

/**
 * Merges a duplicate customer into the one that stays. The plan (field
 * outcomes, records that move, partner links dropped, flags cleared) is
 * computed under both customers' locks and is the dry run's answer; the real
 * merge computes the same plan the same way and applies exactly it. The
 * merged customer stays, INACTIVE and `mergedInto` the survivor, with its own
 * history; its phone is released (the survivor takes it if it has none).
 * `customer.merged` carries `{ survivorId, mergedId }` for the other subgraphs
 * to re-point their records.
 */
export class MergeService extends CustomersService {
  async merge(input: MergeCustomersInput): Promise<MergeResult> {
    this.requireRole(['admin', 'agent'], 'merge customers');
    if (input.survivorId.toLowerCase() === input.mergedId.toLowerCase()) throw badInput('input.mergedId', 'must be another customer than survivorId');
    return this.write(async (write) => {
      const [survivor, merged] = await write.lockCustomers([
        { id: input.survivorId, field: 'input.survivorId' },
        { id: input.mergedId, field: 'input.mergedId' },
      ]) as [Customer, Customer];
      checkVersion(`Customer ${survivor.id}`, survivor.version, input.survivorVersion, 'input.survivorVersion');
      checkVersion(`Customer ${merged.id}`, merged.version, input.mergedVersion, 'input.mergedVersion');
      if (merged.status === 'SUSPENDED') {
        throw conflict(`Customer ${merged.id} is SUSPENDED; reactivate it first so that no suspension is left behind on a merged customer`, 'input.mergedId');
      }
      const preview = await this.plan(write, survivor, merged);
      if (!input.dryRun) await this.apply(write, preview, survivor, merged);
      return { dryRun: !!input.dryRun, preview, survivor, merged };
    });
  }

  private async plan(write: CustomerWrite, survivor: Customer, merged: Customer): Promise<MergeResult['preview']> {
    const ids = await write.tx.execute<{ kind: MergeRecordKind; id: string }[]>(
      MERGE_RECORD_KINDS.filter((kind) => kind !== 'PARTNER')
        .map((kind) => `SELECT '${kind}' AS kind, id FROM ${TABLES[kind].table} WHERE tenant_id = ? AND customer_id = ? AND ${TABLES[kind].current}`)
        .join(' UNION ALL ') + ' ORDER BY kind, id',
      MERGE_RECORD_KINDS.filter((kind) => kind !== 'PARTNER').flatMap(() => [write.tenantId, merged.id]),
    );
    const partners = await this.planPartners(write, survivor, merged);
    const moves = MERGE_RECORD_KINDS.map((kind) => ({
      kind,
      ids: kind === 'PARTNER' ? partners.moved : ids.filter((row) => row.kind === kind).map((row) => row.id),
    }));
    return { survivorId: survivor.id, mergedId: merged.id, ...planFields(survivor, merged), moves, droppedPartnerLinkIds: partners.dropped, demotedIds: await this.planDemotions(write, survivor, merged) };
  }

  /** Links of the merged customer move unless they join the two customers or repeat a link of the survivor. */
  private async planPartners(write: CustomerWrite, survivor: Customer, merged: Customer): Promise<{ moved: string[]; dropped: string[] }> {
    const links = await write.tx.find(PartnerLink, {
      removedAt: null,
      $or: [{ customerId: { $in: [survivor.id, merged.id] } }, { partnerCustomerId: { $in: [survivor.id, merged.id] } }],
    }, { orderBy: { id: 'ASC' }, ...READ_ONLY });
    const repoint = (id: string | null | undefined) => (id === merged.id ? survivor.id : id ?? null);
    const keyOf = (link: PartnerLink) => [repoint(link.customerId), repoint(link.partnerCustomerId) ?? link.organisationName?.toLowerCase(), link.role.toLowerCase()].join('|');
    const involvesMerged = (link: PartnerLink) => link.customerId === merged.id || link.partnerCustomerId === merged.id;
    const kept = new Set(links.filter((link) => !involvesMerged(link)).map(keyOf));
    const moved: string[] = [];
    const dropped: string[] = [];
    for (const link of links.filter(involvesMerged)) {
      const key = keyOf(link);
      if (repoint(link.customerId) === repoint(link.partnerCustomerId) || kept.has(key)) dropped.push(link.id);
      else {
        kept.add(key);
        moved.push(link.id);
      }
    }
    return { moved, dropped };
  }

  /** The merged customer's principal contact and default addresses lose the flag where the survivor has one. */
  private async planDemotions(write: CustomerWrite, survivor: Customer, merged: Customer): Promise<string[]> {
    const [contacts, addresses] = await Promise.all([
      write.tx.find(Contact, { customerId: { $in: [survivor.id, merged.id] }, removedAt: null, isPrincipal: true }, READ_ONLY),
      write.tx.find(CustomerAddress, { customerId: { $in: [survivor.id, merged.id] }, removedAt: null, isDefault: true }, READ_ONLY),
    ]);
    const survivorHasPrincipal = contacts.some((contact) => contact.customerId === survivor.id);
    const survivorDefaults = new Set(addresses.filter((address) => address.customerId === survivor.id).map((address) => address.type));
    return [
      ...contacts.filter((contact) => contact.customerId === merged.id && survivorHasPrincipal).map((contact) => contact.id),
      ...addresses.filter((address) => address.customerId === merged.id && survivorDefaults.has(address.type)).map((address) => address.id),
    ].sort();
  }

  private async apply(write: CustomerWrite, plan: MergeResult['preview'], survivor: Customer, merged: Customer): Promise<void> {
    // The merged customer first: its phone must be free before the survivor may take it.
    const mergedBefore = customerFields(merged);
    write.tx.assign(merged, { phone: null, phoneRaw: null, status: 'INACTIVE', mergedIntoId: survivor.id, mergedAt: new Date(), deactivatedAt: new Date() });
    await write.tx.flush();
    write.record(RECORD_KINDS.customer, merged.id, merged.id, 'UPDATED', mergedBefore, customerFields(merged));

    const survivorBefore = customerFields(survivor);
    write.tx.assign(survivor, plan.survivorValues);
    await write.tx.flush();
    const changedFields = write.updated(RECORD_KINDS.customer, survivor.id, survivor.id, survivorBefore, customerFields(survivor), { version: survivor.version });

    await this.dropPartnerLinks(write, plan, survivor, merged);
    for (const move of plan.moves) await this.move(write, move.kind, move.ids, plan.demotedIds, survivor, merged);
    write.event('customer.merged', merged.id, {
      survivorId: survivor.id,
      mergedId: merged.id,
      moved: Object.fromEntries(plan.moves.map((move) => [move.kind, move.ids])),
      droppedPartnerLinkIds: plan.droppedPartnerLinkIds,
      survivorChangedFields: changedFields,
    });
  }

  private async dropPartnerLinks(write: CustomerWrite, plan: MergePlan, survivor: Customer, merged: Customer): Promise<void> {
    if (plan.droppedPartnerLinkIds.length === 0) return;
    const links = await write.tx.find(PartnerLink, { id: { $in: plan.droppedPartnerLinkIds } }, READ_ONLY);
    await write.tx.execute(
      `UPDATE customers.partner_link SET removed_at = now(), updated_at = now(), version = version + 1 WHERE tenant_id = ? AND id = ANY(?::uuid[])`,
      [write.tenantId, uuidArray(plan.droppedPartnerLinkIds)],
    );
    for (const link of links) {
      for (const customer of [survivor, merged]) write.record(RECORD_KINDS.partner, customer.id, link.id, 'REMOVED', partnerSnapshot(link), {});
    }
  }

  /**
   * Re-points one kind of record in one statement (emails can be many). Flags
   * are cleared in the same statement, so the one-principal and one-default
   * indexes never see two.
   */
  private async move(write: CustomerWrite, kind: MergeRecordKind, ids: string[], demotedIds: string[], survivor: Customer, merged: Customer): Promise<void> {
    if (ids.length === 0) return;
    const { table, versioned } = TABLES[kind];
    const owner = kind === 'PARTNER'
      ? 'customer_id = CASE WHEN customer_id = ?::uuid THEN ?::uuid ELSE customer_id END, partner_customer_id = CASE WHEN partner_customer_id = ?::uuid THEN ?::uuid ELSE partner_customer_id END'
      : 'customer_id = ?::uuid';
    const ownerParams = kind === 'PARTNER' ? [merged.id, survivor.id, merged.id, survivor.id] : [survivor.id];
    const clearFlag = kind === 'CONTACT' ? ', is_principal = is_principal AND NOT id = ANY(?::uuid[])' : kind === 'ADDRESS' ? ', is_default = is_default AND NOT id = ANY(?::uuid[])' : '';
    await write.tx.execute(
      `UPDATE ${table} SET ${owner}${clearFlag}${versioned ? ', version = version + 1, updated_at = now()' : ''} WHERE tenant_id = ? AND id = ANY(?::uuid[])`,
      [...ownerParams, ...(clearFlag ? [uuidArray(demotedIds)] : []), write.tenantId, uuidArray(ids)],
    );
    // History under both customers; a partner link may involve the merged customer on either side.
    const field = kind === 'PARTNER' ? 'partyId' : 'customerId';
    const flag = kind === 'CONTACT' ? 'isPrincipal' : 'isDefault';
    for (const id of ids) {
      for (const customer of [survivor, merged]) write.record(TABLES[kind].kind, customer.id, id, 'UPDATED', { [field]: merged.id }, { [field]: survivor.id });
      if (demotedIds.includes(id)) write.record(TABLES[kind].kind, survivor.id, id, 'UPDATED', { [flag]: true }, { [flag]: false });
    }
  }
}

import type { PartnerFieldsFragment } from '../../generated/graphql.ts';

export interface PartnerView {
  /** The other party: a customer of the tenant (with an id to link to) or an outside organisation. */
  partner: { id: string | null; name: string };
  /** What the partner is to this customer, or this customer to them when the link was recorded on their side. */
  relation: string;
}

/**
 * A partner link as seen from one of its customers. A link shows on both
 * customers; its `role` says what the partner is to the customer the link was
 * recorded on, so seen from the partner's side it reads the other way.
 */
export function partnerView(link: PartnerFieldsFragment, customerId: string): PartnerView {
  if (link.customer.id !== customerId) {
    return { partner: { id: link.customer.id, name: link.customer.name }, relation: `This customer is their ${link.role.toLowerCase()}` };
  }
  const partner = link.partnerCustomer
    ? { id: link.partnerCustomer.id, name: link.partnerCustomer.name }
    : { id: null, name: link.organisationName ?? 'Unnamed organisation' };
  return { partner, relation: link.role };
}

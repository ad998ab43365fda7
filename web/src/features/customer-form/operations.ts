import { gql, type TypedDocumentNode } from '@apollo/client';
import type { CustomerKind, CustomerStatus } from '../../shared/graph-types.ts';

/** What the form edits, as read from the graph. */
export interface EditableCustomer {
  id: string;
  kind: CustomerKind;
  name: string;
  phone: string | null;
  phoneAsTyped: string | null;
  email: string | null;
  status: CustomerStatus;
  version: number;
  updatedAt: string;
}

const EDITABLE_CUSTOMER = gql`
  fragment EditableCustomer on Customer { id kind name phone phoneAsTyped email status version updatedAt }
`;

export const CUSTOMER_FOR_EDIT_QUERY: TypedDocumentNode<{ customer: EditableCustomer | null }, { id: string }> = gql`
  query CustomerForEdit($id: ID!) { customer(id: $id) { ...EditableCustomer } }
  ${EDITABLE_CUSTOMER}
`;

export interface UpsertCustomerInput {
  phone: string;
  name: string;
  kind: CustomerKind;
  email: string | null;
  version?: number;
}

/** Find-or-create by phone: the phone identifies the customer within the tenant. */
export const UPSERT_CUSTOMER_MUTATION: TypedDocumentNode<
  { upsertCustomer: { isNew: boolean; customer: EditableCustomer } },
  { input: UpsertCustomerInput }
> = gql`
  mutation UpsertCustomer($input: UpsertCustomerInput!) {
    upsertCustomer(input: $input) { isNew customer { ...EditableCustomer } }
  }
  ${EDITABLE_CUSTOMER}
`;

/** Who already has this phone number, before a new customer is saved over them. */
export const PHONE_OWNER_QUERY: TypedDocumentNode<{ customerByPhone: { id: string; name: string } | null }, { phone: string }> = gql`
  query PhoneOwner($phone: String!) { customerByPhone(phone: $phone) { id name } }
`;

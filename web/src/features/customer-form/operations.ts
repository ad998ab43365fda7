import { gql, type TypedDocumentNode } from '@apollo/client';
import type { CustomerRecord } from '../../shared/customer-record.ts';
import type { AddressType, CustomerCategory, CustomerKind, RequiredCustomerField } from '../../shared/graph-types.ts';

/** What the form edits, as read from the graph. */
export interface EditableCustomer extends CustomerRecord {
  mobileAsTyped: string | null;
  updatedAt: string;
}

const EDITABLE_CUSTOMER = gql`
  fragment EditableCustomer on Customer {
    id kind category name companyName phone phoneAsTyped mobile mobileAsTyped email website preferredLanguage group tags salesRep
    registrationNumber taxNumber legalForm sector headcount remarks status version updatedAt
  }
`;

export const CUSTOMER_FOR_EDIT_QUERY: TypedDocumentNode<{ customer: EditableCustomer | null }, { id: string }> = gql`
  query CustomerForEdit($id: ID!) { customer(id: $id) { ...EditableCustomer } }
  ${EDITABLE_CUSTOMER}
`;

/** The fields the tenant requires of every customer (customers subgraph's settings). */
export const REQUIRED_FIELDS_QUERY: TypedDocumentNode<{ tenantSettings: { requiredFields: RequiredCustomerField[] } }, Record<string, never>> = gql`
  query TenantRequiredFields { tenantSettings { requiredFields } }
`;

export interface AddressInput {
  number?: string;
  unit?: string;
  street: string;
  city: string;
  region?: string;
  postalCode?: string;
  country?: string;
}

/** The customer's own fields as the form sends them; null clears a field (update only). */
export interface CustomerFieldsInput {
  kind?: CustomerKind;
  category?: CustomerCategory;
  name?: string;
  companyName?: string | null;
  phone?: string | null;
  mobile?: string | null;
  email?: string | null;
  website?: string | null;
  preferredLanguage?: string | null;
  group?: string | null;
  tags?: string[];
  salesRep?: string | null;
  registrationNumber?: string | null;
  taxNumber?: string | null;
  legalForm?: string | null;
  sector?: string | null;
  headcount?: number | null;
  remarks?: string | null;
}

export interface CreateCustomerInput extends CustomerFieldsInput {
  name: string;
  addresses?: { type: AddressType; address: AddressInput }[];
}

export interface UpdateCustomerInput extends CustomerFieldsInput {
  id: string;
  version: number;
}

export const CREATE_CUSTOMER_MUTATION: TypedDocumentNode<{ createCustomer: { customer: EditableCustomer } }, { input: CreateCustomerInput }> = gql`
  mutation CreateCustomer($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { ...EditableCustomer } } }
  ${EDITABLE_CUSTOMER}
`;

export const UPDATE_CUSTOMER_MUTATION: TypedDocumentNode<{ updateCustomer: { customer: EditableCustomer } }, { input: UpdateCustomerInput }> = gql`
  mutation UpdateCustomer($input: UpdateCustomerInput!) { updateCustomer(input: $input) { customer { ...EditableCustomer } } }
  ${EDITABLE_CUSTOMER}
`;

/** Who already has this phone number: a new customer with it lands on them instead. */
export const PHONE_OWNER_QUERY: TypedDocumentNode<{ customerByPhone: { id: string; name: string } | null }, { phone: string }> = gql`
  query PhoneOwner($phone: String!) { customerByPhone(phone: $phone) { id name } }
`;

import { graphql } from '../../generated/gql.ts';

export const CUSTOMER_FOR_EDIT_QUERY = graphql(`
  query CustomerForEdit($id: ID!) { customer(id: $id) { ...EditableCustomer } }
`);

/** The fields the tenant requires of every customer (customers subgraph's settings). */
export const REQUIRED_FIELDS_QUERY = graphql(`
  query TenantRequiredFields { tenantSettings { requiredFields } }
`);

export const CREATE_CUSTOMER_MUTATION = graphql(`
  mutation CreateCustomer($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { ...EditableCustomer } } }
`);

export const UPDATE_CUSTOMER_MUTATION = graphql(`
  mutation UpdateCustomer($input: UpdateCustomerInput!) { updateCustomer(input: $input) { customer { ...EditableCustomer } } }
`);

/** Who already has this phone number: a new customer with it lands on them instead. */
export const PHONE_OWNER_QUERY = graphql(`
  query PhoneOwner($phone: String!) { customerByPhone(phone: $phone) { id name } }
`);

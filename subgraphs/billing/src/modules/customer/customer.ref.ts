/** How billing points at a customer: a federation reference that the customers subgraph resolves. */
export interface CustomerRef {
  __typename: 'Customer';
  id: string;
}

export const customerRef = (id: string): CustomerRef => ({ __typename: 'Customer', id });

import type { CustomerCategory, CustomerKind, CustomerStatus } from './graph-types.ts';

/** The customer's own record (the customers subgraph), as the 360 page and the form read it. */
export interface CustomerRecord {
  id: string;
  kind: CustomerKind;
  category: CustomerCategory;
  name: string;
  status: CustomerStatus;
  companyName: string | null;
  phone: string | null;
  phoneAsTyped: string | null;
  mobile: string | null;
  email: string | null;
  website: string | null;
  preferredLanguage: string | null;
  group: string | null;
  tags: string[];
  salesRep: string | null;
  registrationNumber: string | null;
  taxNumber: string | null;
  legalForm: string | null;
  sector: string | null;
  headcount: number | null;
  remarks: string | null;
  /** Send it back with an update to detect concurrent edits. */
  version: number;
}

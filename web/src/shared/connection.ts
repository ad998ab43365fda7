import type { PageInfoPartsFragment } from '../generated/graphql.ts';

/** A page of a Relay connection (GUIDE §7) as the shared tables read it, whatever its nodes: every `…Page` fragment is one. */
export interface Connection<Node> {
  totalCount: number;
  pageInfo: PageInfoPartsFragment;
  edges: readonly { cursor: string; node: Node }[];
}

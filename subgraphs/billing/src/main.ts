import { main } from '@c360/kit';
import { billingSubgraph } from './subgraph.ts';

await main(billingSubgraph);

import { main } from '@c360/kit';
import { customersSubgraph } from './subgraph.ts';

await main(customersSubgraph);

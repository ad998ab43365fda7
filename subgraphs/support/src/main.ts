import { main } from '@c360/kit';
import { supportSubgraph } from './subgraph.ts';

await main(supportSubgraph);

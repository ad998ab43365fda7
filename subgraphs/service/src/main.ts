import { main } from '@c360/kit';
import { serviceSubgraph } from './subgraph.ts';

await main(serviceSubgraph);

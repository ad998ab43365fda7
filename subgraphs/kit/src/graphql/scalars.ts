import { DateResolver, DateTimeResolver } from 'graphql-scalars';

/** ISO-8601 `DateTime` and `Date` scalars, shared by every subgraph. */
export const scalarResolvers = { DateTime: DateTimeResolver, Date: DateResolver };

import { describe, expect, it } from 'vitest';
import { DISPATCH_STATUSES } from './dispatch.entity.ts';
import { canChangeDispatchStatus } from './dispatch.status.ts';

describe('dispatch job life', () => {
  it('allows exactly the documented changes; DONE and CANCELLED are final', () => {
    const allowed = DISPATCH_STATUSES.flatMap((from) => DISPATCH_STATUSES.filter((to) => canChangeDispatchStatus(from, to)).map((to) => `${from}->${to}`));
    expect(allowed).toEqual([
      'SCHEDULED->EN_ROUTE', 'SCHEDULED->ON_SITE', 'SCHEDULED->CANCELLED',
      'EN_ROUTE->ON_SITE', 'EN_ROUTE->CANCELLED',
      'ON_SITE->DONE',
    ]);
  });
});

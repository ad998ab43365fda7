import { describe, expect, it } from 'vitest';
import { DEFAULT_LIST_PARAMS, filterOf, listQueryString, parseListParams } from './list-params.ts';

describe('the customers list parameters', () => {
  it('survive a trip through the address', () => {
    const params = { search: 'côté', kind: 'COMPANY', category: 'PROSPECT', status: 'SUSPENDED', tag: 'vip', sort: 'NAME' } as const;
    expect(parseListParams(listQueryString(params))).toEqual(params);
    expect(parseListParams('')).toEqual(DEFAULT_LIST_PARAMS);
  });

  it('ignore values the graph does not know', () => {
    expect(parseListParams('?kind=ROBOT&sort=RANDOM&status=active')).toEqual(DEFAULT_LIST_PARAMS);
  });

  it('send only the filters that are set', () => {
    expect(filterOf(DEFAULT_LIST_PARAMS)).toBeNull();
    expect(filterOf({ ...DEFAULT_LIST_PARAMS, status: 'ACTIVE', tag: '  vip ' })).toEqual({ status: 'ACTIVE', tag: 'vip' });
  });
});

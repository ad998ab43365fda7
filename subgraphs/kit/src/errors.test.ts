import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { DomainError, ErrorCode, externalSystemError, maskError } from './errors.ts';

describe('maskError', () => {
  it('shows a third-party system code as it is, in the subgraph and again at the gateway', () => {
    const error = externalSystemError('ACS', 'UNAVAILABLE', 'GenieACS did not answer within 1500 ms');
    const inSubgraph = maskError({ message: error.message }, error);
    expect(inSubgraph).toEqual({ message: 'GenieACS did not answer within 1500 ms', extensions: { code: 'ACS_UNAVAILABLE' } });
    // The gateway only sees the formatted error the subgraph sent.
    const forwarded = new GraphQLError(inSubgraph.message, { extensions: inSubgraph.extensions });
    expect(maskError({ message: forwarded.message, extensions: { ...forwarded.extensions } }, forwarded).extensions).toEqual({ code: 'ACS_UNAVAILABLE' });
  });

  it('refuses to build a code that is not SYSTEM_PROBLEM', () => {
    expect(() => externalSystemError('acs', 'UNAVAILABLE', 'x')).toThrow();
  });

  it('masks anything else that is not deliberate', () => {
    expect(maskError({ message: 'relation "x" does not exist', extensions: { code: 'SOMETHING_ELSE' } }, new Error('sql'))).toEqual({
      message: 'Internal server error', extensions: { code: ErrorCode.Internal },
    });
    expect(maskError({ message: 'm' }, new DomainError(ErrorCode.Forbidden, 'no')).extensions).toEqual({ code: 'FORBIDDEN' });
  });
});

import { describe, expect, it } from 'vitest';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { describeError, formErrors, hasErrorCode } from './graphql-errors.ts';

const graphQLError = (message: string, extensions: Record<string, unknown>) =>
  new CombinedGraphQLErrors({ data: null, errors: [{ message, extensions }] });

describe('formErrors', () => {
  const fields = ['phone', 'name', 'email'] as const;

  it('puts an error on the field the server named in extensions.field', () => {
    const error = graphQLError('"12" is not a valid phone number', { code: 'BAD_USER_INPUT', field: 'input.phone' });
    expect(formErrors(error, fields)).toEqual({ fields: { phone: '"12" is not a valid phone number' }, general: [] });
  });

  it('keeps errors on fields the form does not have, or on none, as general messages', () => {
    const error = new CombinedGraphQLErrors({
      data: null,
      errors: [
        { message: 'stale', extensions: { code: 'CONFLICT', field: 'version' } },
        { message: 'no field', extensions: { code: 'FORBIDDEN' } },
      ],
    });
    expect(formErrors(error, fields)).toEqual({ fields: {}, general: ['stale', 'no field'] });
  });

  it('reads the errors of a response that came with an error status', () => {
    const response = new Response(null, { status: 400 });
    const error = new ServerError('bad', { response, bodyText: JSON.stringify({ errors: [{ message: 'must not be empty', extensions: { field: 'input.name' } }] }) });
    expect(formErrors(error, fields).fields).toEqual({ name: 'must not be empty' });
  });

  it('explains a network failure as a general message', () => {
    expect(formErrors(new TypeError('fetch failed'), fields)).toEqual({ fields: {}, general: [expect.stringMatching(/could not be reached/)] });
  });
});

describe('hasErrorCode and describeError', () => {
  it('finds a code and never shows internal messages', () => {
    expect(hasErrorCode(graphQLError('x', { code: 'CONFLICT' }), 'CONFLICT')).toBe(true);
    expect(hasErrorCode(new Error('x'), 'CONFLICT')).toBe(false);
    expect(describeError(graphQLError('Internal server error', { code: 'INTERNAL_SERVER_ERROR' }))).toMatch(/failed to answer/);
  });
});

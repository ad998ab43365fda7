import { GraphQLError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';

/** Every error a client can see carries one of these as `extensions.code`. */
export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  Internal: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An expected failure of a domain rule. `field` names the input field at fault. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.field = field;
  }
}

export const badInput = (field: string, message: string) => new DomainError(ErrorCode.BadUserInput, message, field);
export const notFound = (what: string) => new DomainError(ErrorCode.NotFound, `${what} not found`);
export const conflict = (message: string, field?: string) => new DomainError(ErrorCode.Conflict, message, field);

function httpStatus(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.BadUserInput:
      return 400;
    case ErrorCode.NotFound:
      return 404;
    case ErrorCode.Conflict:
      return 409;
    case ErrorCode.Unauthenticated:
      return 401;
    case ErrorCode.Forbidden:
      return 403;
    case ErrorCode.Internal:
      return 500;
    default: {
      const exhaustive: never = code;
      return exhaustive;
    }
  }
}

/** Converts a domain error to the GraphQL error clients see. */
export function toGraphQLError(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: {
      code: error.code,
      ...(error.field ? { field: error.field } : {}),
      http: { status: httpStatus(error.code) },
    },
  });
}

/** Codes that describe the request, not our internals: safe to show as they are. */
const knownCodes = new Set<string>(Object.values(ErrorCode).filter((code) => code !== ErrorCode.Internal));

/**
 * Masks anything that is not a deliberate error: no stack traces, no SQL. Domain
 * and GraphQL validation errors pass through with their code.
 */
export function maskError(formatted: { message: string; extensions?: Record<string, unknown> }, original: unknown) {
  const cause = unwrapResolverError(original);
  if (cause instanceof DomainError) {
    const error = toGraphQLError(cause);
    return { ...formatted, message: error.message, extensions: { code: cause.code, ...(cause.field ? { field: cause.field } : {}) } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && (knownCodes.has(code) || code.startsWith('GRAPHQL_') || code === 'PERSISTED_QUERY_NOT_FOUND')) {
    const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  if (cause) console.error(cause);
  return { message: 'Internal server error', extensions: { code: ErrorCode.Internal } };
}

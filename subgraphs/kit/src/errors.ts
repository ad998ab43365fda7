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

/**
 * Codes for a third-party system a subgraph calls (GenieACS, a 911 provider, a
 * card processor), named by the subgraph: `<SYSTEM>_UNAVAILABLE` when it failed
 * or did not answer in time (retry later), `<SYSTEM>_NOT_CONFIGURED` when this
 * deployment has no address for it. Clients see them as they are.
 */
export type ExternalSystemCode = `${string}_UNAVAILABLE` | `${string}_NOT_CONFIGURED`;
const EXTERNAL_SYSTEM_CODE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*_(UNAVAILABLE|NOT_CONFIGURED)$/;
const isExternalSystemCode = (code: string): code is ExternalSystemCode => EXTERNAL_SYSTEM_CODE.test(code);

/** An expected failure of a domain rule. `field` names the input field at fault. */
export class DomainError extends Error {
  readonly code: ErrorCode | ExternalSystemCode;
  readonly field: string | undefined;
  constructor(code: ErrorCode | ExternalSystemCode, message: string, field?: string) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.field = field;
  }
}

export const badInput = (field: string, message: string) => new DomainError(ErrorCode.BadUserInput, message, field);
export const notFound = (what: string) => new DomainError(ErrorCode.NotFound, `${what} not found`);
export const conflict = (message: string, field?: string) => new DomainError(ErrorCode.Conflict, message, field);

/** A third-party system could not be used; `system` is its code prefix, e.g. `ACS`. */
export function externalSystemError(system: string, problem: 'UNAVAILABLE' | 'NOT_CONFIGURED', message: string): DomainError {
  const code = `${system}_${problem}`;
  if (!isExternalSystemCode(code)) throw new Error(`not an external system code: ${code}`);
  return new DomainError(code, message);
}

function httpStatus(code: ErrorCode | ExternalSystemCode): number {
  if (isExternalSystemCode(code)) return 503;
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
  if (typeof code === 'string' && (knownCodes.has(code) || isExternalSystemCode(code) || code.startsWith('GRAPHQL_') || code === 'PERSISTED_QUERY_NOT_FOUND')) {
    const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  if (cause) console.error(cause);
  return { message: 'Internal server error', extensions: { code: ErrorCode.Internal } };
}

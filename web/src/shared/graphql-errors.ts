import type { GraphQLFormattedError } from 'graphql';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';

/** The GraphQL errors behind an Apollo error, also when they came with a non-2xx status. */
export function graphQLErrorsOf(error: unknown): readonly GraphQLFormattedError[] {
  if (CombinedGraphQLErrors.is(error)) return error.errors;
  if (ServerError.is(error)) {
    try {
      const body = JSON.parse(error.bodyText) as { errors?: GraphQLFormattedError[] };
      return Array.isArray(body.errors) ? body.errors : [];
    } catch {
      return [];
    }
  }
  return [];
}

export const errorCode = (error: GraphQLFormattedError): string | undefined => {
  const code = error.extensions?.code;
  return typeof code === 'string' ? code : undefined;
};

export const hasErrorCode = (error: unknown, code: string): boolean =>
  graphQLErrorsOf(error).some((graphQLError) => errorCode(graphQLError) === code);

/** What to tell a person about an error that is not about one of their inputs. */
export function describeError(error: unknown): string {
  const [first] = graphQLErrorsOf(error);
  if (first) return errorCode(first) === 'INTERNAL_SERVER_ERROR' ? 'The server failed to answer. Try again in a moment.' : first.message;
  if (ServerError.is(error)) return `The server answered with status ${error.statusCode}.`;
  return 'The server could not be reached. Check your connection and try again.';
}

export interface FormErrors<F extends string> {
  /** Messages for the form's own fields, by field name. */
  fields: Partial<Record<F, string>>;
  /** Messages that belong to no field of the form. */
  general: string[];
}

/**
 * Places each server error on the form field it names: the server names the
 * input field in `extensions.field` (`input.phone`), the form's field is the
 * part after `input.`. Errors naming no field of this form are general.
 */
export function formErrors<F extends string>(error: unknown, formFields: readonly F[]): FormErrors<F> {
  const result: FormErrors<F> = { fields: {}, general: [] };
  for (const graphQLError of graphQLErrorsOf(error)) {
    const field = graphQLError.extensions?.field;
    const name = typeof field === 'string' ? field.replace(/^input\./, '') : undefined;
    const formField = formFields.find((candidate) => candidate === name);
    if (formField && result.fields[formField] === undefined) result.fields[formField] = graphQLError.message;
    else result.general.push(graphQLError.message);
  }
  if (result.general.length === 0 && Object.keys(result.fields).length === 0 && error) result.general.push(describeError(error));
  return result;
}

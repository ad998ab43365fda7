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

/** The input field an error names (`extensions.field`), e.g. `input.phone`. */
export const errorField = (error: GraphQLFormattedError): string | undefined => {
  const field = error.extensions?.field;
  return typeof field === 'string' ? field : undefined;
};

/**
 * Places each server error on the form field it names: the server names the
 * input field in `extensions.field` (`input.phone`), the form's field is the
 * part after `input.` (as `rename` maps it, for nested inputs). Errors naming
 * no field of this form are general.
 */
export function formErrors<F extends string>(error: unknown, formFields: readonly F[], rename: (field: string) => string = (field) => field): FormErrors<F> {
  const result: FormErrors<F> = { fields: {}, general: [] };
  for (const graphQLError of graphQLErrorsOf(error)) {
    const field = errorField(graphQLError);
    const name = field === undefined ? undefined : rename(field.replace(/^input\./, ''));
    const formField = formFields.find((candidate) => candidate === name);
    if (formField && result.fields[formField] === undefined) result.fields[formField] = graphQLError.message;
    else result.general.push(graphQLError.message);
  }
  if (result.general.length === 0 && Object.keys(result.fields).length === 0 && error) result.general.push(describeError(error));
  return result;
}

/** Whether one of the errors has this code and names this input field, e.g. a CONFLICT on `input.version`. */
export const hasFieldError = (error: unknown, code: string, field: string): boolean =>
  graphQLErrorsOf(error).some((graphQLError) => errorCode(graphQLError) === code && errorField(graphQLError) === field);

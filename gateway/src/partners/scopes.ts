import { badInput } from '@c360/kit';

/**
 * Scopes of partners' keys and webhook endpoints. An event type scope is an
 * exact type (`invoice.created`), a family (`customer.*`) or `*`; a field scope
 * is `Type.field`, `Type.*` or `*`.
 */
const EVENT_TYPE_SCOPE = /^(\*|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*(\.\*)?)$/;
const FIELD_SCOPE = /^(\*|[A-Z][A-Za-z0-9_]*\.(\*|[A-Za-z_][A-Za-z0-9_]*))$/;
const MAX_SCOPES = 200;

/** True when `type` is covered by one of the patterns. */
export function eventTypeAllowed(patterns: readonly string[], type: string): boolean {
  return patterns.some((pattern) => pattern === '*' || pattern === type || (pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1))));
}

/** True when every event `type` matched by `pattern` is covered by `allowed` (a pattern asks for no more than a key has). */
export function eventPatternAllowed(allowed: readonly string[], pattern: string): boolean {
  if (pattern === '*') return allowed.includes('*');
  if (pattern.endsWith('.*')) return allowed.some((scope) => scope === '*' || (scope.endsWith('.*') && pattern.startsWith(scope.slice(0, -1))));
  return eventTypeAllowed(allowed, pattern);
}

/** Fields every caller of the event stream may read: the event itself. */
const ALWAYS_ALLOWED_FIELDS = ['Subscription.customerChanged', 'CustomerChange.id', 'CustomerChange.type', 'CustomerChange.time',
  'CustomerChange.customerId', 'CustomerChange.changedFields', 'CustomerChange.customer'];

/** True when `Type.field` is covered by one of the patterns. */
export function fieldAllowed(patterns: readonly string[], typeName: string, fieldName: string): boolean {
  const coordinate = `${typeName}.${fieldName}`;
  return ALWAYS_ALLOWED_FIELDS.includes(coordinate)
    || patterns.some((pattern) => pattern === '*' || pattern === coordinate || pattern === `${typeName}.*`);
}

/** Validates a list of event type scopes; `field` names the input list in errors. */
export function eventTypeScopes(values: readonly string[], field: string): string[] {
  return scopes(values, field, EVENT_TYPE_SCOPE, 'an event type (`invoice.created`), a family (`customer.*`) or `*`');
}

/** Validates a list of field scopes; `field` names the input list in errors. */
export function fieldScopes(values: readonly string[], field: string): string[] {
  return scopes(values, field, FIELD_SCOPE, 'a field as `Type.field`, `Type.*` or `*`');
}

function scopes(values: readonly string[], field: string, shape: RegExp, what: string): string[] {
  if (values.length === 0) throw badInput(field, 'must have at least one entry');
  if (values.length > MAX_SCOPES) throw badInput(field, `must have at most ${MAX_SCOPES} entries`);
  const trimmed = values.map((value, index) => {
    const scope = value.trim();
    if (!shape.test(scope)) throw badInput(`${field}[${index}]`, `"${value}" is not ${what}`);
    return scope;
  });
  return [...new Set(trimmed)];
}

import { skipToken, useQuery } from '@apollo/client/react';
import { useDebouncedValue } from '../../shared/useDebouncedValue.ts';
import { PHONE_OWNER_QUERY } from './operations.ts';

/** Fewer digits than this cannot be a whole phone number: no lookup. */
const MIN_DIGITS = 7;

/**
 * The customer who already has the phone being typed, if any. Saving a new
 * customer with that phone updates them instead (find-or-create by phone), so
 * the form says so before it happens. A number the server cannot read yet is
 * simply "no owner": the save will name the problem on the field.
 */
export function usePhoneOwner(phone: string, enabled: boolean) {
  const settled = useDebouncedValue(phone.trim(), 400);
  const lookUp = enabled && settled.replace(/\D/g, '').length >= MIN_DIGITS;
  const { data } = useQuery(PHONE_OWNER_QUERY, lookUp ? { variables: { phone: settled }, errorPolicy: 'ignore' } : skipToken);
  return lookUp ? (data?.customerByPhone ?? null) : null;
}

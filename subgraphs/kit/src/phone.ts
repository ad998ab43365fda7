import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { badInput } from './errors.ts';

/**
 * Normalises a typed phone number to E.164 with the tenant's default country, so
 * that `450-272-2408`, `(450) 272-2408` and `+14502722408` compare equal.
 */
export function toE164(raw: string, defaultCountry: string, field = 'phone'): string {
  const parsed = parsePhoneNumberFromString(raw.trim(), defaultCountry as CountryCode);
  if (!parsed || !parsed.isValid()) throw badInput(field, `"${raw}" is not a valid phone number`);
  return parsed.number;
}

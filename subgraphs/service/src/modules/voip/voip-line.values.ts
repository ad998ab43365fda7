import { badInput, requireUuid } from '@c360/kit';
import { isCountryCode } from '@c360/kit';
import type { VOIP_LANGUAGES } from './voip-line.entity.ts';
import { generatePassword, generatePin } from './secret-box.ts';
import type { VoipSecretName } from './voip-secrets.ts';

/** The settings of a line a client may set (`CreateVoipLineInput`, `UpdateVoipLineInput`). */
export interface VoipSettingsInput {
  subscriptionId?: string | null;
  callerIdName?: string | null;
  extension?: string | null;
  voicemailEnabled?: boolean | null;
  voicemailEmail?: string | null;
  maxCalls?: number | null;
  callTimeoutSeconds?: number | null;
  language?: (typeof VOIP_LANGUAGES)[number] | null;
  internationalCalling?: boolean | null;
  countryAllowList?: string[] | null;
}

/** Validated settings as column values; only the settings present in the input. */
export type VoipSettingsColumns = Partial<Record<keyof typeof COLUMNS, unknown>>;

/** Setting → column. Also the whitelist of what an update may write. */
export const COLUMNS = {
  subscriptionId: 'subscription_id',
  callerIdName: 'caller_id_name',
  extension: 'extension',
  voicemailEnabled: 'voicemail_enabled',
  voicemailEmail: 'voicemail_email',
  maxCalls: 'max_calls',
  callTimeoutSeconds: 'call_timeout_seconds',
  language: 'language',
  internationalCalling: 'international_calling',
  countryAllowList: 'country_allow_list',
} as const;

const CALLER_ID_MAX = 15;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PASSWORD = /^[A-Za-z0-9!#$%*+,\-./:=?@^_~]{12,64}$/;
const PIN = /^\d{4,10}$/;
/** Settings that may not be set to null (they have a value on every line). */
const REQUIRED = new Set<keyof VoipSettingsInput>(['voicemailEnabled', 'maxCalls', 'callTimeoutSeconds', 'language', 'internationalCalling', 'countryAllowList']);

function integerBetween(value: number, min: number, max: number, field: string): number {
  if (!Number.isInteger(value) || value < min || value > max) throw badInput(field, `must be an integer between ${min} and ${max}`);
  return value;
}

/**
 * Validates the settings present in `input` (an absent one stays as it is; null
 * clears a nullable one). Errors name the field under `field`, e.g. `input.extension`.
 */
export function validateSettings(input: VoipSettingsInput, field: string): VoipSettingsColumns {
  const columns: VoipSettingsColumns = {};
  for (const key of Object.keys(COLUMNS) as (keyof VoipSettingsInput)[]) {
    const value = input[key];
    if (value === undefined) continue;
    if (value === null) {
      if (REQUIRED.has(key)) throw badInput(`${field}.${key}`, 'cannot be null');
      columns[key] = null;
      continue;
    }
    columns[key] = validateSetting(key, value, `${field}.${key}`);
  }
  return columns;
}

function validateSetting(key: keyof VoipSettingsInput, value: NonNullable<VoipSettingsInput[keyof VoipSettingsInput]>, field: string): unknown {
  switch (key) {
    case 'subscriptionId':
      return requireUuid(String(value), field);
    case 'callerIdName': {
      const name = String(value).trim().replace(/\s+/g, ' ');
      if (!name) throw badInput(field, 'must not be empty (use null for none)');
      if (name.length > CALLER_ID_MAX) throw badInput(field, `must be at most ${CALLER_ID_MAX} characters (what phone networks carry)`);
      if (/\p{C}/u.test(name)) throw badInput(field, 'must not contain control characters');
      return name;
    }
    case 'extension':
      if (!/^\d{2,6}$/.test(String(value))) throw badInput(field, 'must be 2 to 6 digits');
      return String(value);
    case 'voicemailEmail': {
      const email = String(value).trim().toLowerCase();
      if (email.length > 254 || !EMAIL.test(email)) throw badInput(field, `"${value}" is not an e-mail address`);
      return email;
    }
    case 'maxCalls':
      return integerBetween(Number(value), 1, 20, field);
    case 'callTimeoutSeconds':
      return integerBetween(Number(value), 5, 120, field);
    case 'countryAllowList': {
      const codes = (value as string[]).map((code) => code.trim().toUpperCase());
      codes.forEach((code, index) => {
        if (!isCountryCode(code)) throw badInput(`${field}[${index}]`, `"${(value as string[])[index]}" is not an ISO 3166-1 alpha-2 country code`);
      });
      return [...new Set(codes)].sort();
    }
    default:
      // voicemailEnabled, internationalCalling, language: typed by the schema.
      return value;
  }
}

/** A secret's value as given, validated, or a generated one. */
export function secretValue(secret: VoipSecretName, value: string | null | undefined, field: string): string {
  if (value === undefined || value === null) return secret === 'VOICEMAIL_PIN' ? generatePin() : generatePassword();
  if (secret === 'VOICEMAIL_PIN') {
    if (!PIN.test(value)) throw badInput(field, 'must be 4 to 10 digits');
    if (/^(\d)\1*$/.test(value)) throw badInput(field, 'must not be one digit repeated');
    return value;
  }
  if (!PASSWORD.test(value)) throw badInput(field, 'must be 12 to 64 letters, digits or !#$%*+,-./:=?@^_~');
  return value;
}

import { z } from 'zod';
import { parseEnv, unsetIfEmpty } from '@c360/kit';

/**
 * Development key for the VoIP secrets (SIP password, voicemail PIN, ATA
 * password): deliberately obvious, 32 bytes in base64. Production sets SECRETS_KEY.
 */
export const DEV_SECRETS_KEY = Buffer.from('dev-only-c360-service-secret-key').toString('base64');

/** An optional URL: unset or empty means the third-party system is not configured here. */
const optionalUrl = unsetIfEmpty(z.url({ protocol: /^https?$/ }).optional());
const milliseconds = (fallback: number) => z.coerce.number().int().min(0).max(120_000).default(fallback);

/** The service subgraph's own variables (the kit parses the ones every subgraph reads). */
export const serviceEnvSchema = z.object({
  /** GenieACS NBI, e.g. `http://acs.internal:7557`. Unset: `Equipment.liveStatus` reports ACS_NOT_CONFIGURED. */
  ACS_URL: optionalUrl,
  /** HTTP basic credentials of the NBI, when it sits behind them. */
  ACS_USERNAME: z.string().optional(),
  ACS_PASSWORD: z.string().optional(),
  /** Short: the ACS is asked while a 360 query waits for the answer. */
  ACS_TIMEOUT_MS: milliseconds(1500),
  /** Reboots and refreshes wait for the device to answer the ACS's connection request. */
  ACS_TASK_TIMEOUT_MS: milliseconds(10_000),
  /** After the ACS failed or timed out, it is not asked again for this long (the fields report ACS_UNAVAILABLE at once). */
  ACS_RETRY_AFTER_MS: milliseconds(15_000),
  /** The 911 provider's API. Unset: 911 changes stay PENDING and each attempt is recorded as NOT_CONFIGURED. */
  E911_PROVIDER_URL: optionalUrl,
  E911_PROVIDER_API_KEY: z.string().optional(),
  E911_TIMEOUT_MS: milliseconds(5000),
  /** The OLT management system that enables and disables customer ports. Unset: actions are recorded as NOT_CONFIGURED. */
  NETWORK_CONTROLLER_URL: optionalUrl,
  NETWORK_CONTROLLER_TIMEOUT_MS: milliseconds(5000),
  /** AES-256 key (32 bytes, base64) that encrypts VoIP secrets at rest. */
  SECRETS_KEY: unsetIfEmpty(z.string().default(DEV_SECRETS_KEY).refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes in base64 (openssl rand -base64 32)')),
  /** SIP domain (registrar) of new VoIP lines. */
  SIP_DOMAIN: z.string().regex(/^[a-z0-9.-]+$/i).default('sip.example.net'),
});

export type ServiceEnv = z.infer<typeof serviceEnvSchema>;

export const loadServiceEnv = (source: NodeJS.ProcessEnv = process.env): Readonly<ServiceEnv> => parseEnv(serviceEnvSchema, source);

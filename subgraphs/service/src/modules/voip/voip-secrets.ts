import {
  RequestScopedService, DomainError, ErrorCode, keyedLoader, newId, pageRequest,
  type Caller, type Connection, type PageArgs, type RequestScope,
} from '@c360/kit';
import type { ServiceLoaders } from '../../loaders.ts';
import type { VoipLine } from './voip-line.entity.ts';
import type { SecretReadView } from './voip-line.loader.ts';
import type { SecretBox } from './secret-box.ts';

export const VOIP_SECRETS = ['SIP_PASSWORD', 'VOICEMAIL_PIN', 'ATA_PASSWORD'] as const;
export type VoipSecretName = (typeof VOIP_SECRETS)[number];

/**
 * Roles that may read (and set) each secret. Technicians configure phones and
 * ATAs; agents help callers with their voicemail; billing and viewers see none.
 */
export const SECRET_READERS: Record<VoipSecretName, readonly string[]> = {
  SIP_PASSWORD: ['admin', 'technician'],
  VOICEMAIL_PIN: ['admin', 'agent', 'technician'],
  ATA_PASSWORD: ['admin', 'technician'],
};
/** Who may see the audit of secret reads. */
const AUDIT_READERS: readonly string[] = ['admin'];

const LABELS: Record<VoipSecretName, string> = { SIP_PASSWORD: 'The SIP password', VOICEMAIL_PIN: 'The voicemail PIN', ATA_PASSWORD: 'The ATA password' };

const SEALED_COLUMN: Record<VoipSecretName, 'sipPasswordSecret' | 'voicemailPinSecret' | 'ataPasswordSecret'> = {
  SIP_PASSWORD: 'sipPasswordSecret', VOICEMAIL_PIN: 'voicemailPinSecret', ATA_PASSWORD: 'ataPasswordSecret',
};

/** The authenticated data a secret is sealed with: it only opens in its own tenant, line and field (bulk loads seal with it too). */
export const sealContext = (tenantId: string, lineId: string, secret: VoipSecretName) => `${tenantId}/voip_line/${lineId}/${secret}`;

/**
 * The only way a VoIP secret leaves the database in clear: checks the caller's
 * roles, writes the audit row (allowed or refused, batched: one INSERT for all
 * the reads of a request) before answering, and opens the sealed value.
 */
export class VoipSecrets extends RequestScopedService<ServiceLoaders> {
  private readonly box: SecretBox;
  private readonly caller: Caller;
  /** Keys `lineId/secret/granted`; loading one writes its audit row. */
  private readonly audit: ReturnType<typeof keyedLoader<string, string>>;

  constructor(deps: RequestScope<ServiceLoaders> & { box: SecretBox; caller: Caller }) {
    super(deps);
    this.box = deps.box;
    this.caller = deps.caller;
    this.audit = keyedLoader(async (keys) => {
      const reads = keys.map((key) => key.split('/')).map(([lineId, secret, granted]) => ({ id: newId(), line_id: lineId, secret, granted: granted === 'true' }));
      await this.em.execute(
        `INSERT INTO service.secret_read (id, tenant_id, line_id, secret, subject, roles, granted)
         SELECT r.id, ?, r.line_id, r.secret, ?, ARRAY(SELECT jsonb_array_elements_text(?::jsonb)), r.granted
         FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, line_id uuid, secret text, granted boolean)`,
        [this.tenantId, this.caller.subject, JSON.stringify(this.caller.roles), JSON.stringify(reads)],
      );
      return [...keys];
    }, (key) => key);
  }

  mayRead(secret: VoipSecretName): boolean {
    return this.caller.roles.some((role) => SECRET_READERS[secret].includes(role));
  }

  /** A line's secret in clear, or null when it has none; FORBIDDEN for other roles. Audited either way. */
  async read(line: VoipLine, secret: VoipSecretName): Promise<string | null> {
    const granted = this.mayRead(secret);
    await this.audit.load(`${line.id}/${secret}/${granted}`);
    if (!granted) throw this.forbidden(secret);
    const sealed = line[SEALED_COLUMN[secret]];
    return sealed ? this.box.open(sealed, sealContext(this.tenantId, line.id, secret)) : null;
  }

  /** Setting a secret is for the roles that may read it. */
  requireWriter(secret: VoipSecretName): void {
    if (!this.mayRead(secret)) throw this.forbidden(secret);
  }

  seal(lineId: string, secret: VoipSecretName, value: string): string {
    return this.box.seal(value, sealContext(this.tenantId, lineId, secret));
  }

  reads(line: VoipLine, args: PageArgs): Promise<Connection<SecretReadView>> {
    if (!this.caller.roles.some((role) => AUDIT_READERS.includes(role))) {
      throw new DomainError(ErrorCode.Forbidden, `The audit of secret reads is only shown to ${AUDIT_READERS.join(', ')}`);
    }
    return this.loaders.secretReadsByLine.load({ key: line.id, args: pageRequest(args) });
  }

  private forbidden(secret: VoipSecretName): DomainError {
    return new DomainError(ErrorCode.Forbidden, `${LABELS[secret]} is only shown to ${SECRET_READERS[secret].join(', ')}`);
  }
}

import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** What is sealed: the processor's handles, never a card or account number. */
export interface ProcessorReferences {
  /** The processor's customer or profile (Stripe `cus_...`, a Paysafe profile id). */
  customerReference: string | null;
  /** The processor's payment method, card or bank token (Stripe `pm_...`). */
  methodReference: string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals processor references at rest with AES-256-GCM (node:crypto). The row's
 * tenant and id are the additional authenticated data, so a sealed value copied
 * to another row does not open. Layout: iv (12 bytes) | tag (16) | ciphertext.
 * `keyId` (a digest prefix of the key) is stored beside it: a value sealed with
 * another key is reported as such rather than as corrupt.
 */
export class ReferenceCipher {
  readonly keyId: string;
  private readonly key: Buffer;

  constructor(keyBase64: string) {
    this.key = Buffer.from(keyBase64, 'base64');
    if (this.key.length !== 32) throw new Error('PAYMENT_METHOD_KEY must be 32 bytes');
    this.keyId = createHash('sha256').update(this.key).digest('hex').slice(0, 12);
  }

  seal(references: ProcessorReferences, row: { tenantId: string; id: string }): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(aad(row));
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(references), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
  }

  open(sealed: Buffer, keyId: string, row: { tenantId: string; id: string }): ProcessorReferences {
    if (keyId !== this.keyId) throw new Error(`payment method ${row.id} was sealed with key ${keyId}; PAYMENT_METHOD_KEY is ${this.keyId}`);
    const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, IV_BYTES));
    decipher.setAAD(aad(row));
    decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const plaintext = Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    return JSON.parse(plaintext.toString('utf8')) as ProcessorReferences;
  }
}

const aad = (row: { tenantId: string; id: string }) => Buffer.from(`billing.payment_method:${row.tenantId}:${row.id}`, 'utf8');

import { randomInt } from 'node:crypto';

/** AES-256-GCM sealing of secrets at rest lives in the kit (the gateway seals webhook secrets with it too). */
export { SecretBox } from '@c360/kit';

/** A password a SIP phone or an ATA accepts: 16 characters, no look-alikes or characters that need escaping in configs. */
export function generatePassword(length = 16): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
}

/** A voicemail PIN of `length` digits. */
export const generatePin = (length = 6) => Array.from({ length }, () => String(randomInt(10))).join('');

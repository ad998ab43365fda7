import { describe, expect, it } from 'vitest';
import { SecretBox, generatePassword, generatePin } from './secret-box.ts';

const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');

describe('SecretBox (AES-256-GCM)', () => {
  const box = new SecretBox(key(1));

  it('opens what it sealed, in the same context only', () => {
    const sealed = box.seal('Correct-Horse-42', 't1/voip_line/a/SIP_PASSWORD');
    expect(sealed).toMatch(/^v1:[\w-]{8}:[\w-]+:[\w-]+:[\w-]+$/);
    expect(sealed).not.toContain('Correct-Horse-42');
    expect(box.open(sealed, 't1/voip_line/a/SIP_PASSWORD')).toBe('Correct-Horse-42');
    // A ciphertext copied to another line, field or tenant does not open.
    expect(() => box.open(sealed, 't1/voip_line/b/SIP_PASSWORD')).toThrow();
    expect(() => box.open(sealed, 't2/voip_line/a/SIP_PASSWORD')).toThrow();
  });

  it('seals the same value differently each time (random IV), and detects tampering', () => {
    const [a, b] = [box.seal('482913', 'c'), box.seal('482913', 'c')];
    expect(a).not.toBe(b);
    const parts = a.split(':');
    const flipped = Buffer.from(parts[4]!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => box.open([...parts.slice(0, 4), flipped.toString('base64url')].join(':'), 'c')).toThrow();
  });

  it('says which key a value needs when opened with another one', () => {
    const sealed = new SecretBox(key(2)).seal('x', 'c');
    expect(() => box.open(sealed, 'c')).toThrow(/sealed with another key/);
    expect(() => new SecretBox(Buffer.alloc(16).toString('base64'))).toThrow(/32 bytes/);
  });

  it('generates passwords and PINs of the asked length', () => {
    expect(generatePassword()).toMatch(/^[A-Za-z2-9]{16}$/);
    expect(generatePin(8)).toMatch(/^\d{8}$/);
  });
});

import { describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { signCaller, verifyCaller } from './context.ts';

const SECRET = 'a-test-secret-of-sufficient-length';
const caller = { tenantId: 'demo', subject: 'alice', roles: ['agent'], scopes: [] };

describe('gateway-signed caller', () => {
  it('round-trips the caller', async () => {
    expect(await verifyCaller(await signCaller(caller, SECRET), SECRET)).toEqual(caller);
  });

  it('refuses a missing, forged or expired header', async () => {
    await expect(verifyCaller(undefined, SECRET)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(verifyCaller(await signCaller(caller, 'another-secret-of-enough-length'), SECRET)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const expired = await new SignJWT({ tenant: 'demo', roles: [] }).setProtectedHeader({ alg: 'HS256' }).setSubject('alice')
      .setAudience('c360-subgraphs').setIssuer('c360-gateway').setIssuedAt(1_000).setExpirationTime(1_060).sign(new TextEncoder().encode(SECRET));
    await expect(verifyCaller(expired, SECRET)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

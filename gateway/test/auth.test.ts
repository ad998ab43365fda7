import { describe, expect, it } from 'vitest';
import { authenticate, issueToken } from '../src/auth.ts';

const SECRET = 'a-gateway-test-secret-long-enough';

describe('authenticate', () => {
  it('turns a valid bearer token into the caller', async () => {
    const token = await issueToken({ tenant: 'demo', subject: 'alice', roles: ['agent'], secret: SECRET });
    expect(await authenticate(`Bearer ${token}`, SECRET)).toEqual({ tenantId: 'demo', subject: 'alice', roles: ['agent'], scopes: [] });
  });

  it.each([
    ['no header', undefined],
    ['another scheme', 'Basic YWxpY2U6c2VjcmV0'],
    ['garbage', 'Bearer not.a.jwt'],
  ])('refuses %s', async (_label, header) => {
    await expect(authenticate(header, SECRET)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a token signed with another secret or expired', async () => {
    const foreign = await issueToken({ tenant: 'demo', subject: 'mallory', roles: ['admin'], secret: 'some-other-secret-entirely' });
    await expect(authenticate(`Bearer ${foreign}`, SECRET)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const expired = await issueToken({ tenant: 'demo', subject: 'alice', roles: [], secret: SECRET, expiresIn: '-1s' });
    await expect(authenticate(`Bearer ${expired}`, SECRET)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

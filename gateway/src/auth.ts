import { SignJWT, jwtVerify } from 'jose';
import { DomainError, ErrorCode, ExpiringCache, type Caller } from '@c360/kit';

const ISSUER = 'c360';
const AUDIENCE = 'c360-graph';

/** Roles a person can hold; the subgraphs check them where the data lives. */
export const ROLES = ['admin', 'agent', 'billing', 'technician', 'viewer'] as const;

/** Issues a person's token (the development sign-in and `npm run token`). */
export function issueToken(input: { tenant: string; subject: string; roles: string[]; secret: string; expiresIn?: string }): Promise<string> {
  return new SignJWT({ tenant: input.tenant, roles: input.roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(input.subject)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(input.expiresIn ?? '12h')
    .sign(new TextEncoder().encode(input.secret));
}

/** Tokens already verified, until they expire: a person sends the same token with every request (callers are read-only). */
const verified = new ExpiringCache<Caller>(10_000);

/** Verifies `Authorization: Bearer <jwt>`; anything else is UNAUTHENTICATED. */
export async function authenticate(authorization: string | undefined, secret: string): Promise<Caller> {
  const token = authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
  if (!token) throw new DomainError(ErrorCode.Unauthenticated, 'A bearer token is required (Authorization: Bearer <token>)');
  const cacheKey = `${secret}\n${token}`;
  const cached = verified.get(cacheKey);
  if (cached) return cached;
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
    if (typeof payload.tenant !== 'string' || !payload.tenant || typeof payload.sub !== 'string') throw new Error('incomplete token');
    const roles = Array.isArray(payload.roles) ? payload.roles.map(String) : [];
    const caller: Caller = { tenantId: payload.tenant, subject: payload.sub, roles, scopes: [] };
    if (payload.exp) verified.set(cacheKey, caller, payload.exp * 1000);
    return caller;
  } catch {
    throw new DomainError(ErrorCode.Unauthenticated, 'The bearer token is invalid or expired');
  }
}

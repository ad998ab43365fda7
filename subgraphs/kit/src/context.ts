import { SignJWT, jwtVerify } from 'jose';
import { DomainError, ErrorCode } from './errors.ts';
import { ExpiringCache } from './expiring-cache.ts';

/** Who is asking, as verified by the gateway. */
export interface Caller {
  tenantId: string;
  subject: string;
  roles: string[];
  scopes: string[];
}

export const hasRole = (caller: Caller, roles: readonly string[]): boolean => caller.roles.some((role) => roles.includes(role));

/** Refuses the caller unless it has one of `roles`; authorisation is checked where the data lives. */
export function requireRole(caller: Caller, roles: readonly string[], what: string): void {
  if (!hasRole(caller, roles)) throw new DomainError(ErrorCode.Forbidden, `Only ${roles.join(' or ')} may ${what}`);
}

/** The header through which the gateway hands the verified caller to subgraphs. */
export const CALLER_HEADER = 'x-c360-caller';

const AUDIENCE = 'c360-subgraphs';
const ISSUER = 'c360-gateway';
/** Short: a captured header is worthless a minute later. */
const LIFETIME_SECONDS = 60;

const keyCache = new Map<string, Uint8Array>();
function key(secret: string): Uint8Array {
  let encoded = keyCache.get(secret);
  if (!encoded) {
    encoded = new TextEncoder().encode(secret);
    keyCache.set(secret, encoded);
  }
  return encoded;
}

/**
 * A signed caller is reused while it has at least this long to live: signing
 * (HMAC through WebCrypto) cost more CPU per request than many a subgraph
 * call, and a header reused for 30 s is no more exposed than one valid for 60.
 */
const REUSE_SECONDS = 30;
const signedCallers = new ExpiringCache<Promise<string>>(1_000);
/** Verified headers until they expire: the gateway sends the same one many times (callers are read-only). */
const verifiedCallers = new ExpiringCache<Caller>(10_000);

/** Gateway side: the caller signed for subgraph requests. */
export function signCaller(caller: Caller, secret: string): Promise<string> {
  const cacheKey = JSON.stringify([secret, caller.tenantId, caller.subject, caller.roles, caller.scopes]);
  const cached = signedCallers.get(cacheKey);
  if (cached) return cached;
  const signed = new SignJWT({ tenant: caller.tenantId, roles: caller.roles, scopes: caller.scopes })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(caller.subject)
    .setAudience(AUDIENCE)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(`${LIFETIME_SECONDS}s`)
    .sign(key(secret));
  signedCallers.set(cacheKey, signed, Date.now() + REUSE_SECONDS * 1000);
  signed.catch(() => signedCallers.delete(cacheKey));
  return signed;
}

/** Subgraph side: refuses any request the gateway did not sign. */
export async function verifyCaller(header: string | undefined, secret: string): Promise<Caller> {
  if (!header) throw new DomainError(ErrorCode.Unauthenticated, 'Requests must come through the gateway');
  const cacheKey = `${secret}\n${header}`;
  const cached = verifiedCallers.get(cacheKey);
  if (cached) return cached;
  try {
    const { payload } = await jwtVerify(header, key(secret), { audience: AUDIENCE, issuer: ISSUER, algorithms: ['HS256'] });
    if (typeof payload.tenant !== 'string' || typeof payload.sub !== 'string') throw new Error('incomplete caller');
    const caller: Caller = {
      tenantId: payload.tenant,
      subject: payload.sub,
      roles: Array.isArray(payload.roles) ? payload.roles.map(String) : [],
      scopes: Array.isArray(payload.scopes) ? payload.scopes.map(String) : [],
    };
    if (payload.exp) verifiedCallers.set(cacheKey, caller, payload.exp * 1000);
    return caller;
  } catch {
    throw new DomainError(ErrorCode.Unauthenticated, 'Invalid gateway signature');
  }
}

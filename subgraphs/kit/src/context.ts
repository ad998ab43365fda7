import { SignJWT, jwtVerify } from 'jose';
import { DomainError, ErrorCode } from './errors.ts';

/** Who is asking, as verified by the gateway. */
export interface Caller {
  tenantId: string;
  subject: string;
  roles: string[];
  scopes: string[];
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

/** Gateway side: signs the caller for one subgraph request. */
export function signCaller(caller: Caller, secret: string): Promise<string> {
  return new SignJWT({ tenant: caller.tenantId, roles: caller.roles, scopes: caller.scopes })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(caller.subject)
    .setAudience(AUDIENCE)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(`${LIFETIME_SECONDS}s`)
    .sign(key(secret));
}

/** Subgraph side: refuses any request the gateway did not sign. */
export async function verifyCaller(header: string | undefined, secret: string): Promise<Caller> {
  if (!header) throw new DomainError(ErrorCode.Unauthenticated, 'Requests must come through the gateway');
  try {
    const { payload } = await jwtVerify(header, key(secret), { audience: AUDIENCE, issuer: ISSUER, algorithms: ['HS256'] });
    if (typeof payload.tenant !== 'string' || typeof payload.sub !== 'string') throw new Error('incomplete caller');
    return {
      tenantId: payload.tenant,
      subject: payload.sub,
      roles: Array.isArray(payload.roles) ? payload.roles.map(String) : [],
      scopes: Array.isArray(payload.scopes) ? payload.scopes.map(String) : [],
    };
  } catch {
    throw new DomainError(ErrorCode.Unauthenticated, 'Invalid gateway signature');
  }
}

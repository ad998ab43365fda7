/** Who is signed in: a person's token for one tenant and role, kept for the browser tab's session. */
export interface Session {
  token: string;
  tenant: string;
  role: string;
}

const KEY = 'c360.session';
const listeners = new Set<() => void>();
let cache: { raw: string | null; session: Session | null } = { raw: null, session: null };
let signedOutBecause: string | null = null;

function parse(raw: string | null): Session | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<Session>;
    return typeof value.token === 'string' && typeof value.tenant === 'string' && typeof value.role === 'string'
      ? { token: value.token, tenant: value.tenant, role: value.role }
      : null;
  } catch {
    return null;
  }
}

/** The current session; the same object until it changes (what `useSyncExternalStore` needs). */
export function currentSession(): Session | null {
  const raw = sessionStorage.getItem(KEY);
  if (raw !== cache.raw) cache = { raw, session: parse(raw) };
  return cache.session;
}

export function signIn(session: Session): void {
  signedOutBecause = null;
  sessionStorage.setItem(KEY, JSON.stringify(session));
  for (const listener of listeners) listener();
}

/** Forgets the token; `reason` is shown on the sign-in page (e.g. an expired token). */
export function signOut(reason?: string): void {
  signedOutBecause = reason ?? null;
  sessionStorage.removeItem(KEY);
  for (const listener of listeners) listener();
}

export const signOutReason = (): string | null => signedOutBecause;

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

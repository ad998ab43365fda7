/**
 * The gateway's development sign-in (`/auth/dev-token`, on only when the
 * gateway runs with DEV_TOKENS=true, as `npm start` does).
 */
export interface SignInOptions {
  tenants: { id: string; name: string }[];
  roles: string[];
}

const PATH = '/auth/dev-token';

export class DevSignInUnavailable extends Error {}

export async function fetchSignInOptions(): Promise<SignInOptions> {
  const response = await fetch(PATH);
  if (response.status === 404) throw new DevSignInUnavailable('The development sign-in is off on this gateway.');
  if (!response.ok) throw new Error(`The gateway answered ${response.status}.`);
  return (await response.json()) as SignInOptions;
}

export async function requestDevToken(tenant: string, role: string): Promise<string> {
  const response = await fetch(PATH, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant, role }) });
  const body = (await response.json().catch(() => ({}))) as { token?: string; error?: string };
  if (!response.ok || !body.token) throw new Error(body.error ?? `The gateway answered ${response.status}.`);
  return body.token;
}

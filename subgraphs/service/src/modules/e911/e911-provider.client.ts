import { ExternalCallError, HttpJsonClient } from '../../external/http-client.ts';

/** A DID's 911 registration as the provider holds it. */
export interface E911Registration {
  did: string;
  firstName: string | null;
  lastName: string | null;
  address: {
    houseNumber: string;
    unit: string | null;
    street: string;
    city: string;
    province: string | null;
    postalCode: string | null;
    country: string;
  };
  /** Municipality code (CAUCA) that routes the call to the right answering point. */
  municipalityCode: string | null;
  serviceClass: 'RES' | 'BUS';
  enhancedCapable: boolean;
}

export type RegisterResult =
  | { accepted: true; httpStatus: number; reference: string | null }
  /** The provider refused the address (e.g. it failed its civic address validation); `reason` says why. */
  | { accepted: false; httpStatus: number; reason: string };

/** The 911 provider as this subgraph uses it. Unavailability (timeout, network, 5xx) throws ExternalCallError. */
export interface E911Provider {
  register(registration: E911Registration): Promise<RegisterResult>;
  /** What the provider has for the DID, or null when it has nothing. */
  lookup(did: string): Promise<E911Registration | null>;
}

export interface E911ProviderOptions {
  url: string;
  apiKey?: string | undefined;
  timeoutMs: number;
}

/**
 * The provider's REST API: `PUT /v1/registrations/{did}` registers (or
 * replaces) a DID's 911 address and answers 200/201 with `{ reference }`, or
 * 400/422 with `{ error: { code, message } }` when it refuses the address;
 * `GET /v1/registrations/{did}` answers the registration or 404. DIDs are
 * E.164, percent-encoded in the path. A bearer API key authenticates.
 */
export class HttpE911Provider implements E911Provider {
  private readonly http: HttpJsonClient;

  constructor(options: E911ProviderOptions) {
    this.http = new HttpJsonClient({
      name: 'The 911 provider',
      baseUrl: options.url,
      timeoutMs: options.timeoutMs,
      headers: options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : undefined,
      // No pause: a 911 change must always be attempted, and its failure recorded.
    });
  }

  async register(registration: E911Registration): Promise<RegisterResult> {
    const { status, body } = await this.http.request('PUT', path(registration.did), { body: registration, accept: [200, 201, 400, 422] });
    if (status === 400 || status === 422) return { accepted: false, httpStatus: status, reason: errorMessage(body) ?? `refused (HTTP ${status})` };
    const reference = (body as { reference?: unknown } | null)?.reference;
    return { accepted: true, httpStatus: status, reference: typeof reference === 'string' ? reference : null };
  }

  async lookup(did: string): Promise<E911Registration | null> {
    const { status, body } = await this.http.request('GET', path(did), { accept: [200, 404] });
    if (status === 404) return null;
    if (!isRegistration(body)) throw new ExternalCallError('BAD_RESPONSE', 'The 911 provider answered a registration without an address');
    return body;
  }
}

const path = (did: string) => `/v1/registrations/${encodeURIComponent(did)}`;

function errorMessage(body: unknown): string | null {
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  return typeof message === 'string' ? message : null;
}

function isRegistration(body: unknown): body is E911Registration {
  const address = (body as { address?: Record<string, unknown> } | null)?.address;
  return !!address && typeof address.street === 'string' && typeof address.city === 'string';
}

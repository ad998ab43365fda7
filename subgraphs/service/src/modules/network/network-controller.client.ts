import { HttpJsonClient } from '../../external/http-client.ts';

/** Where a customer's ONT hangs off the network. */
export interface PortAddress {
  oltName: string;
  /** `frame/slot/port` of the PON port. */
  oltPort: string;
  /** The ONT's id on that port; without it the whole PON port would be meant, which is never what we want. */
  ontId: number;
}

/**
 * The provisioning side of the network as this subgraph uses it: switches a
 * customer's service on or off at the OLT. Unavailability or a refusal throws.
 */
export interface NetworkController {
  setServiceState(port: PortAddress, enabled: boolean): Promise<void>;
}

/**
 * The OLT management system's REST API:
 * `PUT /v1/olts/{olt}/ports/{frame/slot/port}/onts/{ontId}/admin-state` with
 * `{ "adminState": "up" | "down" }`, answered 200 or 204 once applied.
 */
export class HttpNetworkController implements NetworkController {
  private readonly http: HttpJsonClient;

  constructor(options: { url: string; timeoutMs: number }) {
    this.http = new HttpJsonClient({ name: 'The network controller', baseUrl: options.url, timeoutMs: options.timeoutMs });
  }

  async setServiceState(port: PortAddress, enabled: boolean): Promise<void> {
    const portPath = port.oltPort.split('/').map(encodeURIComponent).join('/');
    await this.http.request('PUT', `/v1/olts/${encodeURIComponent(port.oltName)}/ports/${portPath}/onts/${port.ontId}/admin-state`, {
      body: { adminState: enabled ? 'up' : 'down' },
      accept: [200, 204],
    });
  }
}

import http from 'node:http';

/*
 * Local fakes of the third-party systems the service subgraph calls, speaking
 * their protocols over real HTTP: GenieACS's NBI, the 911 provider's API and
 * the OLT controller's API. Each can be switched to answer, fail (5xx) or hang
 * (accept the request and never answer), and records what it was sent.
 */

export type FakeMode = 'ok' | 'error' | 'hang';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

export interface FakeServer {
  url: string;
  mode: FakeMode;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

type Handler = (request: RecordedRequest, res: http.ServerResponse) => void;

async function startFake(handle: Handler): Promise<FakeServer> {
  const fake = { mode: 'ok' as FakeMode, requests: [] as RecordedRequest[] };
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    const request = { method: req.method ?? 'GET', path: decodeURIComponent(url.pathname), query: url.searchParams, headers: req.headers, body: text ? JSON.parse(text) : null };
    fake.requests.push(request);
    if (fake.mode === 'hang') return;
    if (fake.mode === 'error') return void res.writeHead(503, { 'content-type': 'text/plain' }).end('Service unavailable: maintenance');
    handle(request, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  });
}

const json = (res: http.ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

/** A GenieACS device document with the parameters the live status reads (TR-098, Huawei ONT). */
export function genieDevice(serial: string, values: { lastInform: Date; rxPower?: number; txPower?: number; firmware?: string; wifi?: number[]; uptime?: number }) {
  const leaf = (value: unknown) => ({ _value: value, _timestamp: values.lastInform.toISOString(), _type: 'xsd:string' });
  return {
    _id: `00E0FC-HG8245H-${serial}`,
    _lastInform: values.lastInform.toISOString(),
    _deviceId: { _Manufacturer: 'Huawei', _OUI: '00E0FC', _ProductClass: 'HG8245H', _SerialNumber: serial },
    InternetGatewayDevice: {
      DeviceInfo: { SoftwareVersion: leaf(values.firmware ?? 'V3R017C10S115'), UpTime: leaf(String(values.uptime ?? 86_400)) },
      WANDevice: { 1: { X_GponInterafceConfig: { RXPower: leaf(String(values.rxPower ?? -19.5)), TXPower: leaf(String(values.txPower ?? 2.1)) } } },
      LANDevice: { 1: { WLANConfiguration: Object.fromEntries((values.wifi ?? [3, 2]).map((count, n) => [n + 1, { TotalAssociations: leaf(count) }])) } },
    },
  };
}

export interface FakeGenieAcs extends FakeServer {
  devices: Record<string, unknown>[];
  /** 200 (ran now) or 202 (queued for the next inform). */
  taskStatus: number;
}

/** GenieACS NBI: `GET /devices/?query=&projection=`, `POST /devices/<id>/tasks?timeout=&connection_request`. */
export async function fakeGenieAcs(devices: Record<string, unknown>[] = []): Promise<FakeGenieAcs> {
  const serialOf = (device: Record<string, unknown>) => (device._deviceId as { _SerialNumber: string })._SerialNumber;
  // Assigned before the first request can arrive: the handler reads the live settings through it.
  let acs: FakeGenieAcs | undefined;
  const fake = await startFake((request, res) => {
    const { devices: known, taskStatus } = acs!;
    if (request.method === 'GET' && request.path === '/devices/') {
      const query = JSON.parse(request.query.get('query') ?? '{}') as Record<string, unknown>;
      const wanted = query['_deviceId._SerialNumber'];
      const serials = typeof wanted === 'string' ? [wanted] : ((wanted as { $in?: string[] } | undefined)?.$in ?? []);
      return json(res, 200, known.filter((device) => serials.includes(serialOf(device))));
    }
    const task = /^\/devices\/(.+)\/tasks$/.exec(request.path);
    if (request.method === 'POST' && task) {
      if (!known.some((device) => device._id === task[1])) return json(res, 404, { error: 'No such device' });
      if (!request.query.has('connection_request')) return json(res, 400, { error: 'expected a connection request' });
      return json(res, taskStatus, { _id: `task-${acs!.requests.length}`, device: task[1], ...(request.body as object) });
    }
    json(res, 404, { error: 'not found' });
  });
  acs = Object.assign(fake, { devices, taskStatus: 200 });
  return acs;
}

export interface FakeE911Provider extends FakeServer {
  /** What the provider holds, by DID. */
  registrations: Map<string, Record<string, any>>;
  /** DIDs whose address the provider refuses (HTTP 422). */
  refused: Set<string>;
}

export const E911_API_KEY = 'test-e911-api-key';

/** The 911 provider: `PUT` and `GET /v1/registrations/{did}`, bearer API key. */
export async function fakeE911Provider(): Promise<FakeE911Provider> {
  const registrations = new Map<string, Record<string, any>>();
  const refused = new Set<string>();
  const fake = await startFake((request, res) => {
    if (request.headers.authorization !== `Bearer ${E911_API_KEY}`) return json(res, 401, { error: { code: 'UNAUTHORIZED', message: 'bad key' } });
    const match = /^\/v1\/registrations\/(\+\d+)$/.exec(request.path);
    if (!match) return json(res, 404, { error: { code: 'NOT_FOUND', message: 'no route' } });
    const did = match[1]!;
    if (request.method === 'GET') return registrations.has(did) ? json(res, 200, registrations.get(did)) : json(res, 404, { error: { code: 'NOT_FOUND', message: 'no registration' } });
    if (refused.has(did)) return json(res, 422, { error: { code: 'ADDRESS_NOT_VALIDATED', message: 'civic address not found in the address guide' } });
    registrations.set(did, request.body as Record<string, any>);
    json(res, 200, { did, status: 'PROVISIONED', reference: `REG-${did.slice(-4)}-${registrations.size}` });
  });
  return Object.assign(fake, { registrations, refused });
}

export interface FakeNetworkController extends FakeServer {
  /** `olt port ont` keys the controller refuses (HTTP 500). */
  failing: Set<string>;
}

/** The OLT controller: `PUT /v1/olts/{olt}/ports/{f/s/p}/onts/{id}/admin-state`. */
export async function fakeNetworkController(): Promise<FakeNetworkController> {
  const failing = new Set<string>();
  const fake = await startFake((request, res) => {
    const match = /^\/v1\/olts\/([^/]+)\/ports\/(.+)\/onts\/(\d+)\/admin-state$/.exec(request.path);
    if (request.method !== 'PUT' || !match) return json(res, 404, {});
    if (failing.has(`${match[1]} ${match[2]} ${match[3]}`)) return json(res, 500, { error: 'OLT unreachable' });
    res.writeHead(204).end();
  });
  return Object.assign(fake, { failing });
}

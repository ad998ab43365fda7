import { basicAuth, ExternalCallError, HttpJsonClient } from '../../external/http-client.ts';
import { LIVE_STATUS_PROJECTION, liveStatusOf, serialOf, type LiveStatus } from './live-status.ts';

/** TR-069 tasks we run on a device through the ACS. */
export type AcsTask = { name: 'reboot' } | { name: 'refreshObject'; objectName: string };

export interface AcsTaskResult {
  /** EXECUTED: the device answered the connection request and ran it; QUEUED: it runs at the device's next inform. */
  status: 'EXECUTED' | 'QUEUED';
  /** The task's id in the ACS. */
  taskId: string | null;
}

/** The auto-configuration server (TR-069) as this subgraph uses it. Failures throw ExternalCallError. */
export interface Acs {
  /** Live status of the devices with these serial numbers, in one request; a serial the ACS does not know is absent. */
  liveStatusBySerial(serials: readonly string[]): Promise<Map<string, LiveStatus>>;
  /** Runs a task on the device with this serial now; null when the ACS does not know the device. */
  runTask(serial: string, task: AcsTask): Promise<AcsTaskResult | null>;
}

export interface GenieAcsOptions {
  url: string;
  username?: string | undefined;
  password?: string | undefined;
  timeoutMs: number;
  taskTimeoutMs: number;
  pauseAfterFailureMs: number;
}

const SERIAL_FIELD = '_deviceId._SerialNumber';

/**
 * GenieACS's northbound interface (NBI, port 7557 by default):
 * `GET /devices/?query=<MongoDB query>&projection=<paths>` and
 * `POST /devices/<id>/tasks?timeout=<ms>&connection_request` (200 when the
 * device ran the task, 202 when it is queued for its next inform).
 */
export class GenieAcsClient implements Acs {
  private readonly reads: HttpJsonClient;
  private readonly tasks: HttpJsonClient;
  private readonly taskTimeoutMs: number;

  constructor(options: GenieAcsOptions) {
    const headers = options.username ? { authorization: basicAuth(options.username, options.password ?? '') } : undefined;
    this.reads = new HttpJsonClient({ name: 'GenieACS', baseUrl: options.url, timeoutMs: options.timeoutMs, headers, pauseAfterFailureMs: options.pauseAfterFailureMs });
    this.tasks = new HttpJsonClient({ name: 'GenieACS', baseUrl: options.url, timeoutMs: options.taskTimeoutMs, headers });
    this.taskTimeoutMs = options.taskTimeoutMs;
  }

  async liveStatusBySerial(serials: readonly string[]): Promise<Map<string, LiveStatus>> {
    const statuses = new Map<string, LiveStatus>();
    if (serials.length === 0) return statuses;
    const devices = await this.findDevices({ [SERIAL_FIELD]: { $in: serials } }, LIVE_STATUS_PROJECTION);
    const now = new Date();
    for (const device of devices) {
      const serial = serialOf(device);
      if (serial) statuses.set(serial.toUpperCase(), liveStatusOf(device, now));
    }
    return statuses;
  }

  async runTask(serial: string, task: AcsTask): Promise<AcsTaskResult | null> {
    const [device] = await this.findDevices({ [SERIAL_FIELD]: serial }, '_id');
    if (!device || typeof device._id !== 'string') return null;
    // The NBI gives up waiting for the device a second before we give up waiting for the NBI.
    const { status, body } = await this.tasks.request('POST', `/devices/${encodeURIComponent(device._id)}/tasks`, {
      query: { timeout: String(Math.max(this.taskTimeoutMs - 1000, 500)), connection_request: '' },
      body: task,
      accept: [200, 202],
    });
    const taskId = body && typeof body === 'object' && typeof (body as { _id?: unknown })._id === 'string' ? (body as { _id: string })._id : null;
    return { status: status === 200 ? 'EXECUTED' : 'QUEUED', taskId };
  }

  private async findDevices(query: Record<string, unknown>, projection: string): Promise<Record<string, unknown>[]> {
    const { body } = await this.reads.request('GET', '/devices/', { query: { query: JSON.stringify(query), projection }, accept: [200] });
    if (!Array.isArray(body)) throw new ExternalCallError('BAD_RESPONSE', 'GenieACS answered a device search with something that is not a list');
    return body.filter((device): device is Record<string, unknown> => device !== null && typeof device === 'object');
  }
}

/**
 * Reads a device's live status out of a GenieACS device document (as the NBI's
 * `GET /devices` returns it: nested objects whose leaves are `{ _value, _timestamp, _type }`).
 * Devices speak TR-098 (`InternetGatewayDevice.`) or TR-181 (`Device.`), and ONT
 * vendors put optical levels under their own names, so each value has a list
 * of places to look, the first one present winning.
 */

/** What `Equipment.liveStatus` shows. */
export interface LiveStatus {
  online: boolean;
  lastContactAt: Date | null;
  /** Received optical power in dBm (fibre ONTs). */
  opticalRxPowerDbm: number | null;
  /** Transmitted optical power in dBm (fibre ONTs). */
  opticalTxPowerDbm: number | null;
  wifiClients: number | null;
  firmware: string | null;
  uptimeSeconds: number | null;
  /** The device's id in the ACS, e.g. `00E0FC-HG8245H-HWTC12345678`. */
  acsDeviceId: string;
}

/**
 * A device informs the ACS periodically (typically every 5 minutes); one that
 * has not done so for two periods is taken as offline.
 */
export const ONLINE_WITHIN_MS = 10 * 60_000;

/** Parameter paths, in order of preference, with the factor that turns the raw value into the unit we expose. */
const FIRMWARE = ['InternetGatewayDevice.DeviceInfo.SoftwareVersion', 'Device.DeviceInfo.SoftwareVersion'];
const UPTIME = ['InternetGatewayDevice.DeviceInfo.UpTime', 'Device.DeviceInfo.UpTime'];
const RX_POWER: [string, number][] = [
  ['InternetGatewayDevice.WANDevice.1.X_GponInterafceConfig.RXPower', 1], // Huawei (sic)
  ['InternetGatewayDevice.WANDevice.1.X_ZTE-COM_WANPONInterfaceConfig.RXPower', 1],
  ['InternetGatewayDevice.X_ALU_OntOpticalParam.RxPower', 1], // Nokia
  ['Device.Optical.Interface.1.OpticalSignalLevel', 0.001], // TR-181: thousandths of a dBm
];
const TX_POWER: [string, number][] = [
  ['InternetGatewayDevice.WANDevice.1.X_GponInterafceConfig.TXPower', 1],
  ['InternetGatewayDevice.WANDevice.1.X_ZTE-COM_WANPONInterfaceConfig.TXPower', 1],
  ['InternetGatewayDevice.X_ALU_OntOpticalParam.TxPower', 1],
  ['Device.Optical.Interface.1.TransmitOpticalLevel', 0.001],
];
/** Objects whose instances each count their associated Wi-Fi clients (one per radio/SSID). */
const WIFI_TR098 = { object: 'InternetGatewayDevice.LANDevice.1.WLANConfiguration', count: 'TotalAssociations' };
const WIFI_TR181 = { object: 'Device.WiFi.AccessPoint', count: 'AssociatedDeviceNumberOfEntries' };

/** The NBI `projection`: only what the status needs, so that the answer stays small. */
export const LIVE_STATUS_PROJECTION = [
  '_id', '_lastInform', '_deviceId._SerialNumber', ...FIRMWARE, ...UPTIME,
  ...RX_POWER.map(([path]) => path), ...TX_POWER.map(([path]) => path), WIFI_TR098.object, WIFI_TR181.object,
].join(',');

type Node = Record<string, unknown>;

function child(node: unknown, key: string): unknown {
  return node !== null && typeof node === 'object' ? (node as Node)[key] : undefined;
}

/** The `_value` at a dotted path, or undefined. */
function valueAt(device: Node, path: string): unknown {
  let node: unknown = device;
  for (const key of path.split('.')) node = child(node, key);
  return child(node, '_value');
}

function firstString(device: Node, paths: string[]): string | null {
  for (const path of paths) {
    const value = valueAt(device, path);
    if (value !== undefined && value !== null && String(value).trim()) return String(value).trim();
  }
  return null;
}

function firstNumber(device: Node, paths: [string, number][]): number | null {
  for (const [path, factor] of paths) {
    const raw = valueAt(device, path);
    const value = typeof raw === 'number' || (typeof raw === 'string' && raw.trim()) ? Number(raw) : Number.NaN;
    if (Number.isFinite(value)) return Math.round(value * factor * 100) / 100;
  }
  return null;
}

/** Sum of a counter over the numbered instances of an object; null when the device has none. */
function sumOverInstances(device: Node, spec: { object: string; count: string }): number | null {
  let node: unknown = device;
  for (const key of spec.object.split('.')) node = child(node, key);
  if (!node || typeof node !== 'object') return null;
  let total: number | null = null;
  for (const [key, instance] of Object.entries(node as Node)) {
    if (!/^\d+$/.test(key)) continue;
    const count = Number(child(child(instance, spec.count), '_value'));
    if (Number.isFinite(count)) total = (total ?? 0) + count;
  }
  return total;
}

export function serialOf(device: Node): string | null {
  const serial = child(child(device, '_deviceId'), '_SerialNumber');
  return typeof serial === 'string' ? serial : null;
}

export function liveStatusOf(device: Node, now = new Date()): LiveStatus {
  const lastInform = typeof device._lastInform === 'string' ? new Date(device._lastInform) : null;
  const lastContactAt = lastInform && !Number.isNaN(lastInform.getTime()) ? lastInform : null;
  const uptime = firstString(device, UPTIME);
  return {
    online: lastContactAt !== null && now.getTime() - lastContactAt.getTime() <= ONLINE_WITHIN_MS,
    lastContactAt,
    opticalRxPowerDbm: firstNumber(device, RX_POWER),
    opticalTxPowerDbm: firstNumber(device, TX_POWER),
    wifiClients: sumOverInstances(device, WIFI_TR098) ?? sumOverInstances(device, WIFI_TR181),
    firmware: firstString(device, FIRMWARE),
    uptimeSeconds: uptime !== null && /^\d+$/.test(uptime) ? Number(uptime) : null,
    acsDeviceId: String(device._id),
  };
}

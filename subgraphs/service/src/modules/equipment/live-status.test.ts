import { describe, expect, it } from 'vitest';
import { liveStatusOf, serialOf } from './live-status.ts';

const now = new Date('2026-11-21T12:00:00Z');
const leaf = (value: unknown) => ({ _value: value, _timestamp: '2026-11-21T11:59:00Z', _type: 'xsd:int' });

describe('liveStatusOf a GenieACS device document', () => {
  it('reads a TR-181 device: optical levels in thousandths of a dBm, Wi-Fi clients over every access point', () => {
    const device = {
      _id: '001122-ONT-ALCL0001', _lastInform: '2026-11-21T11:55:00Z', _deviceId: { _SerialNumber: 'ALCL0001' },
      Device: {
        DeviceInfo: { SoftwareVersion: leaf('3FE49568IJHK08'), UpTime: leaf(3600) },
        Optical: { Interface: { 1: { OpticalSignalLevel: leaf(-18_250), TransmitOpticalLevel: leaf(2_300) } } },
        WiFi: { AccessPoint: { 1: { AssociatedDeviceNumberOfEntries: leaf(5) }, 2: { AssociatedDeviceNumberOfEntries: leaf(1) }, _object: true } },
      },
    };
    expect(serialOf(device)).toBe('ALCL0001');
    expect(liveStatusOf(device, now)).toEqual({
      online: true, lastContactAt: new Date('2026-11-21T11:55:00Z'), opticalRxPowerDbm: -18.25, opticalTxPowerDbm: 2.3,
      wifiClients: 6, firmware: '3FE49568IJHK08', uptimeSeconds: 3600, acsDeviceId: '001122-ONT-ALCL0001',
    });
  });

  it('takes a device silent for more than 10 minutes as offline, and leaves out what it does not report', () => {
    const status = liveStatusOf({ _id: 'x', _lastInform: '2026-11-21T11:49:59Z', InternetGatewayDevice: { DeviceInfo: { UpTime: leaf('') } } }, now);
    expect(status).toEqual({
      online: false, lastContactAt: new Date('2026-11-21T11:49:59Z'), opticalRxPowerDbm: null, opticalTxPowerDbm: null,
      wifiClients: null, firmware: null, uptimeSeconds: null, acsDeviceId: 'x',
    });
    expect(liveStatusOf({ _id: 'never' }, now)).toMatchObject({ online: false, lastContactAt: null });
  });
});

import type { EquipmentFieldsFragment } from '../../generated/graphql.ts';
import { formatDateTime } from '../../shared/dates.ts';
import { label } from '../../shared/labels.ts';
import { StatusBadge } from '../../shared/StatusBadge.tsx';
import { liveStatusView } from './live-status.ts';

function LiveStatusBadges({ device }: { device: EquipmentFieldsFragment }) {
  if (device.status !== 'INSTALLED') return null;
  const live = liveStatusView(device.liveStatus);
  const lastContact = device.liveStatus?.lastContactAt;
  return (
    <>
      <span className={`badge badge-${live.tone}`} title={lastContact ? `Last contact ${formatDateTime(lastContact)}` : undefined}>{live.text}</span>
      {live.signal && <span className={`badge badge-${live.signal.tone}`}><span className="visually-hidden">Optical signal </span>{live.signal.text}</span>}
      {device.liveStatus?.wifiClients != null && <span>{device.liveStatus.wifiClients} Wi-Fi clients</span>}
    </>
  );
}

/** The devices at a location, side by side, with what they report to the ACS right now. */
export function EquipmentStrip({ equipment }: { equipment: EquipmentFieldsFragment[] }) {
  if (equipment.length === 0) return <p className="empty">No equipment installed.</p>;
  return (
    <ul className="equipment-strip" aria-label="Equipment">
      {equipment.map((device) => (
        <li key={device.id} className="device">
          <span className="device-kind">{label(device.kind)}</span>
          {device.model && <span>{device.model}</span>}
          <span className="mono" title="Serial number">{device.serial}</span>
          {device.macAddress && <span className="mono" title="MAC address">{device.macAddress}</span>}
          <StatusBadge value={device.status} />
          <LiveStatusBadges device={device} />
        </li>
      ))}
    </ul>
  );
}

import { label } from '../../shared/labels.ts';
import { StatusBadge } from '../../shared/StatusBadge.tsx';
import type { EquipmentItem } from './operations.ts';

/** The devices at a location, side by side. */
export function EquipmentStrip({ equipment }: { equipment: EquipmentItem[] }) {
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
        </li>
      ))}
    </ul>
  );
}

import type { EquipmentFieldsFragment } from '../../generated/graphql.ts';
import type { Tone } from '../../shared/labels.ts';

/** Healthy received optical power of a fibre ONT, in dBm (weaker is a dirty or broken fibre, stronger saturates). */
const HEALTHY_RX_DBM = { min: -27, max: -8 };

export interface LiveStatusView {
  text: string;
  tone: Tone;
  /** Received optical power, e.g. `-19.2 dBm`, and whether it is healthy. */
  signal?: { text: string; tone: Tone };
}

const dbm = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/**
 * A device's live status for its badge. Null is normal: the device is not
 * installed, the ACS does not know it, or the ACS could not be asked (the
 * page then says why, once, for all devices).
 */
export function liveStatusView(status: EquipmentFieldsFragment['liveStatus']): LiveStatusView {
  if (!status) return { text: 'Live status unknown', tone: 'neutral' };
  const view: LiveStatusView = status.online ? { text: 'Online', tone: 'good' } : { text: 'Offline', tone: 'bad' };
  const rx = status.opticalRxPowerDbm;
  if (rx !== null) {
    const healthy = rx >= HEALTHY_RX_DBM.min && rx <= HEALTHY_RX_DBM.max;
    view.signal = { text: `${dbm.format(rx)} dBm`, tone: healthy ? 'good' : 'bad' };
  }
  return view;
}

import { describe, expect, it } from 'vitest';
import type { PartnerFieldsFragment } from '../../generated/graphql.ts';
import { cutoffCountdown } from './arrangement.ts';
import { e911Badge } from './e911.ts';
import { formatHours, workOrderHours } from './hours.ts';
import { liveStatusView } from './live-status.ts';
import { partnerView } from './partners.ts';

describe('the 911 badge', () => {
  const record = (syncStatus: 'SYNCED' | 'PENDING' | 'MISMATCH' | 'MISSING' | 'FAILED') =>
    ({ id: 'e1', syncStatus, lastSyncError: null, address: { number: '1', unit: null, street: 'rue A', city: 'Granby', region: 'QC', postalCode: null, country: 'CA' } });

  it('is green when the provider holds this address, red when it holds another or none', () => {
    expect(e911Badge(record('SYNCED'))).toMatchObject({ text: '911 synced', tone: 'good' });
    expect(e911Badge(record('MISMATCH'))).toMatchObject({ text: '911 mismatch', tone: 'bad' });
    expect(e911Badge(record('MISSING'))).toMatchObject({ text: '911 missing', tone: 'bad' });
    expect(e911Badge(record('PENDING'))).toMatchObject({ tone: 'warn' });
  });

  it('calls a line without a 911 record missing', () => {
    expect(e911Badge(null)).toEqual({ status: 'MISSING', text: '911 missing', tone: 'bad' });
  });
});

describe('the arrangement countdown', () => {
  it.each([
    [9, 'OPEN', 'Payment arrangement: 9 days to cutoff', 'warn'],
    [3, 'OPEN', 'Payment arrangement: 3 days to cutoff', 'bad'],
    [1, 'PENDING', 'Proposed arrangement: 1 day to cutoff', 'bad'],
    [0, 'OPEN', 'Payment arrangement: cutoff today', 'bad'],
    [-2, 'OPEN', 'Payment arrangement: cutoff passed 2 days ago', 'bad'],
  ] as const)('%i days, %s → %s', (daysToCutoff, status, text, tone) => {
    expect(cutoffCountdown({ daysToCutoff, status })).toEqual({ text, tone });
  });
});

describe('live status', () => {
  const live = { online: true, lastContactAt: null, opticalRxPowerDbm: -19.24, wifiClients: 3, firmware: 'V1.2' };

  it('says online or offline, with the optical signal judged against the healthy range', () => {
    expect(liveStatusView(live)).toEqual({ text: 'Online', tone: 'good', signal: { text: `${(-19.2).toLocaleString()} dBm`, tone: 'good' } });
    expect(liveStatusView({ ...live, online: false, opticalRxPowerDbm: -29.5 })).toMatchObject({ text: 'Offline', tone: 'bad', signal: { tone: 'bad' } });
    expect(liveStatusView({ ...live, opticalRxPowerDbm: null }).signal).toBeUndefined();
  });

  it('is unknown, not an alarm, when the ACS had nothing to say', () => {
    expect(liveStatusView(null)).toEqual({ text: 'Live status unknown', tone: 'neutral' });
  });
});

describe('work order hours', () => {
  it('add up every visit to the hundredth', () => {
    const visit = (hours: number) => ({ technician: { id: 't', name: 'Alexis Roy' }, hours });
    expect(workOrderHours({ visits: [visit(0.1), visit(0.2)] })).toBe(0.3);
    expect(formatHours(workOrderHours({ visits: [visit(1.5), visit(2)] }))).toBe(`${(3.5).toLocaleString()} h`);
  });
});

describe('a partner link', () => {
  const link: PartnerFieldsFragment = {
    id: 'p1', customer: { id: 'c1', name: 'Maxime Tremblay' }, partnerCustomer: { id: 'c2', name: 'Roy & associés' },
    organisationName: null, role: 'Comptable', note: null,
  };

  it('names the other side and what it is to the customer it was recorded on', () => {
    expect(partnerView(link, 'c1')).toEqual({ partner: { id: 'c2', name: 'Roy & associés' }, relation: 'Comptable' });
  });

  it('reads the other way round from the partner’s own page', () => {
    expect(partnerView(link, 'c2')).toEqual({ partner: { id: 'c1', name: 'Maxime Tremblay' }, relation: 'This customer is their comptable' });
  });

  it('names an outside organisation without a link', () => {
    expect(partnerView({ ...link, partnerCustomer: null, organisationName: 'Cabinet Roy' }, 'c1').partner).toEqual({ id: null, name: 'Cabinet Roy' });
  });
});

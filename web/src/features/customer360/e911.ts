import type { E911SyncStatus, VoipLineFieldsFragment } from '../../generated/graphql.ts';
import type { Tone } from '../../shared/labels.ts';

const WORDING: Record<E911SyncStatus, { text: string; tone: Tone }> = {
  SYNCED: { text: '911 synced', tone: 'good' },
  PENDING: { text: '911 pending', tone: 'warn' },
  MISMATCH: { text: '911 mismatch', tone: 'bad' },
  MISSING: { text: '911 missing', tone: 'bad' },
  FAILED: { text: '911 sync failed', tone: 'bad' },
};

/**
 * Where a line's 911 registration stands, as the badge shows it: green when
 * the provider holds exactly this address, red when it holds another one or
 * none (a line without a 911 record is MISSING, as in the DID report).
 */
export function e911Badge(record: VoipLineFieldsFragment['e911']): { status: E911SyncStatus; text: string; tone: Tone } {
  const status = record?.syncStatus ?? 'MISSING';
  return { status, ...WORDING[status] };
}

import type { EventEnvelope } from '@c360/kit';

/** How a family of events names what it is about, when its type's first segment says it badly. */
const NOUNS: Record<string, string> = {
  customer_address: 'Address', partner_link: 'Partner link', life_event: 'Life event', email_message: 'E-mail',
  customer_account: 'Account', credit_ledger: 'Credit ledger', payment_method: 'Payment method', location: 'Service location',
  voip_line: 'VoIP line', e911: '911 record', ip: 'IP address', work_order: 'Work order', dispatch: 'Technician visit',
  credit_limit: 'Credit limit', arrangement: 'Payment arrangement',
};

/** Plain words for the verbs of event types (`status_changed` → `status changed`). */
const words = (text: string) => text.replaceAll('_', ' ');
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function amount(data: Record<string, unknown>): string | null {
  const value = data.total ?? data.amount ?? data.outstanding;
  return typeof value === 'string' || typeof value === 'number' ? `${value}${typeof data.currency === 'string' ? ` ${data.currency}` : ''}` : null;
}

/** Details worth a glance, in a fixed order, from the fields events commonly carry. */
function details(event: EventEnvelope): string[] {
  const data = event.data ?? {};
  const parts: string[] = [];
  const money = amount(data);
  if (money) parts.push(money);
  for (const key of ['status', 'to', 'reason', 'channel', 'kind', 'did', 'ip', 'syncStatus'] as const) {
    const value = data[key];
    if (typeof value === 'string' && value) parts.push(key === 'to' ? `now ${value}` : value);
  }
  const changed = data.changedFields;
  if (Array.isArray(changed) && changed.length > 0) parts.push(`changed: ${changed.join(', ')}`);
  return parts;
}

/**
 * A one-line description of an event for the timeline, e.g. `Invoice
 * INV-000012 created (115.00 CAD, ISSUED)`, from its type and the fields the
 * domains' events carry; an automation says which rule acted.
 */
export function summarise(event: EventEnvelope): string {
  const [family = event.type, ...rest] = event.type.split('.');
  const noun = NOUNS[family] ?? capitalised(words(family));
  const number = typeof event.data?.number === 'string' ? ` ${event.data.number}` : '';
  const extra = details(event);
  const automation = event.data?.automation as { rule?: string } | undefined;
  const by = automation?.rule ? ` by automation ${automation.rule}` : '';
  return `${noun}${number} ${words(rest.join(' ')) || 'recorded'}${extra.length ? ` (${extra.join(', ')})` : ''}${by}`;
}

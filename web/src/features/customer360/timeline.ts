/**
 * The kinds of activity the timeline can be narrowed to, each the event
 * families it gathers (an event type's first segment: `invoice.created` is of
 * the `invoice` family). The graph filters by families (`invoice.*`).
 */
export const ACTIVITY_KINDS = {
  PROFILE: { label: 'Profile', families: ['customer', 'contact', 'customer_address', 'partner_link', 'life_event', 'suspension'] },
  NOTES: { label: 'Notes and e-mails', families: ['note', 'email_message'] },
  MONEY: {
    label: 'Money',
    families: [
      'invoice', 'payment', 'payment_method', 'arrangement', 'reminder', 'quote', 'contract', 'subscription', 'voucher', 'credit_ledger',
      'credit_limit', 'customer_account', 'billing',
    ],
  },
  SERVICE: { label: 'Service', families: ['location', 'equipment', 'voip_line', 'e911', 'ip', 'service'] },
  SUPPORT: { label: 'Support', families: ['ticket', 'dispatch', 'work_order', 'support'] },
} as const satisfies Record<string, { label: string; families: readonly string[] }>;

export type ActivityKind = keyof typeof ACTIVITY_KINDS;

export const ACTIVITY_KIND_KEYS = Object.keys(ACTIVITY_KINDS) as ActivityKind[];

export const activityKindLabel = (kind: ActivityKind): string => ACTIVITY_KINDS[kind].label;

/** The timeline's `types` argument for the kinds checked: their families; null (everything) when none is. */
export function timelineTypes(kinds: readonly ActivityKind[]): string[] | null {
  if (kinds.length === 0) return null;
  return kinds.flatMap((kind) => ACTIVITY_KINDS[kind].families.map((family) => `${family}.*`));
}

/** The kind of activity an event type belongs to; undefined for a family no kind gathers (it shows, unfiltered). */
export function activityKindOf(type: string): ActivityKind | undefined {
  const family = type.split('.')[0];
  return ACTIVITY_KIND_KEYS.find((kind) => (ACTIVITY_KINDS[kind].families as readonly string[]).includes(family ?? ''));
}

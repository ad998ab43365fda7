import type { MoneyPartsFragment, QuoteStatus } from '../../generated/graphql.ts';
import { label, toneOf, type Tone } from '../../shared/labels.ts';
import { formatMoney } from '../../shared/money.ts';

/** Colours of the tones, as the stylesheet has them (SVG attributes cannot read CSS variables everywhere). */
export const TONE_COLOURS: Record<Tone, string> = { good: '#1f7a3d', warn: '#b07800', bad: '#b3261e', neutral: '#1d5fa8' };

/** One bar or slice of a chart, and one row of its table. */
export interface Datum {
  name: string;
  value: number;
  /** How the value reads in the table and the tooltip. */
  text: string;
  fill: string;
}

const counted = (name: string, value: number, tone: Tone): Datum => ({ name, value, text: value.toLocaleString(), fill: TONE_COLOURS[tone] });

/** Counts by an enum value (customers by status, reminders by status...), coloured by how alarming the value is. */
export function countData<K extends string, T extends Record<K, string> & { count: number }>(rows: readonly T[], key: K): Datum[] {
  return rows.map((row) => counted(label(row[key]), row.count, toneOf(row[key])));
}

/** Money as a chart value: a float is fine for drawing; the exact decimal stays in `text`. */
export const moneyDatum = (name: string, money: MoneyPartsFragment, tone: Tone): Datum =>
  ({ name, value: Number(money.amount), text: formatMoney(money), fill: TONE_COLOURS[tone] });

const DECIDED: readonly QuoteStatus[] = ['ACCEPTED', 'REFUSED', 'EXPIRED'];

/** The decided quotes (what the conversion rate is computed from), by outcome. */
export function decidedQuotes(quotesByStatus: readonly { status: QuoteStatus; count: number }[]): Datum[] {
  return quotesByStatus.filter((row) => DECIDED.includes(row.status) && row.count > 0).map((row) => counted(label(row.status), row.count, toneOf(row.status)));
}

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

/** `0.625` → `62.5 %` (as the reader's locale writes it); a dash before any quote is decided. */
export const formatRate = (rate: number | null): string => (rate === null ? '—' : percent.format(rate));

/** "Active 191, Suspended 9": a chart's figures in one sentence, for its accessible name. */
export const describeData = (data: readonly Datum[]): string => data.map((datum) => `${datum.name} ${datum.text}`).join(', ');

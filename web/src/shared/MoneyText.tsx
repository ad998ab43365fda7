import type { MoneyPartsFragment } from '../generated/graphql.ts';
import { formatMoney, moneySign } from './money.ts';

/** An amount; a balance below zero is credit and says so. */
export function MoneyText({ money, credit = false }: { money: MoneyPartsFragment; credit?: boolean }) {
  const sign = moneySign(money);
  return (
    <span className={`money${sign < 0 ? ' money-negative' : ''}`}>
      {formatMoney(money)}
      {credit && sign < 0 && ' (credit)'}
    </span>
  );
}

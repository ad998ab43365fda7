import { formatMoney, moneySign, type Money } from './money.ts';

/** An amount; a balance below zero is credit and says so. */
export function MoneyText({ money, credit = false }: { money: Money; credit?: boolean }) {
  const sign = moneySign(money);
  return (
    <span className={`money${sign < 0 ? ' money-negative' : ''}`}>
      {formatMoney(money)}
      {credit && sign < 0 && ' (credit)'}
    </span>
  );
}

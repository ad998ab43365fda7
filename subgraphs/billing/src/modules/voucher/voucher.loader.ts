import { groupedLoader, keyedLoader, uuidArray, type EntityManager } from '@c360/kit';
import { Voucher, type VoucherRedemptionRow } from './voucher.entity.ts';

/** Per-request loaders of vouchers: one statement per loader per request. */
export interface VoucherLoaders {
  /** The vouchers attached to each customer, oldest first. */
  customerVouchers: ReturnType<typeof groupedLoader<string, Voucher>>;
  /** Each voucher's use, when it has been used. */
  voucherRedemption: ReturnType<typeof keyedLoader<string, VoucherRedemptionRow>>;
}

export function createVoucherLoaders(em: EntityManager, tenantId: string): VoucherLoaders {
  return {
    customerVouchers: groupedLoader(
      async (customerIds) => {
        const rows = await em.execute<Record<string, unknown>[]>(
          'SELECT * FROM billing.voucher WHERE tenant_id = ? AND customer_id = ANY(?::uuid[]) ORDER BY created_at, id',
          [tenantId, uuidArray(customerIds)],
        );
        return rows.map((row) => em.map(Voucher, row));
      },
      (voucher) => voucher.customerId!,
    ),
    voucherRedemption: keyedLoader(
      (voucherIds) => em.execute<VoucherRedemptionRow[]>(
        'SELECT voucher_id, invoice_id, amount, redeemed_at FROM billing.voucher_redemption WHERE tenant_id = ? AND voucher_id = ANY(?::uuid[])',
        [tenantId, uuidArray(voucherIds)],
      ),
      (redemption) => redemption.voucher_id,
    ),
  };
}

import type { CustomerWrite } from './customer-write.ts';
import type { RecordKind, Snapshot } from './record-kinds.ts';

/**
 * "Exactly one" rules over a group of a customer's current records: the
 * principal contact, the default address of each type. A partial unique index
 * makes two flagged records impossible; these helpers keep one flagged while
 * the group is not empty, recording every flag they move. Callers hold the
 * customer lock, so the group they read cannot change under them.
 */
export interface FlaggedGroup<E extends { id: string; customerId: string; createdAt: Date }> {
  kind: RecordKind;
  flag: 'isPrincipal' | 'isDefault';
  snapshot: (record: E) => Snapshot;
}

/** Clears the flag on every record of the group but `keep`; flushed before anything else is flagged. */
export async function clearFlag<E extends { id: string; customerId: string; createdAt: Date }>(
  write: CustomerWrite, spec: FlaggedGroup<E>, group: E[], keep: E | null,
): Promise<void> {
  const flagged = group.filter((record) => record !== keep && (record as Record<string, unknown>)[spec.flag] === true);
  await setFlag(write, spec, flagged, false);
}

/** Flags the oldest record of the group when none is flagged (after the flagged one left the group). */
export async function promoteIfNone<E extends { id: string; customerId: string; createdAt: Date }>(
  write: CustomerWrite, spec: FlaggedGroup<E>, group: E[],
): Promise<void> {
  if (group.length === 0 || group.some((record) => (record as Record<string, unknown>)[spec.flag] === true)) return;
  const oldest = [...group].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))[0]!;
  await setFlag(write, spec, [oldest], true);
}

async function setFlag<E extends { id: string; customerId: string; createdAt: Date }>(write: CustomerWrite, spec: FlaggedGroup<E>, records: E[], value: boolean): Promise<void> {
  if (records.length === 0) return;
  const befores = records.map((record) => spec.snapshot(record));
  for (const record of records) (record as Record<string, unknown>)[spec.flag] = value;
  await write.tx.flush();
  records.forEach((record, index) => write.updated(spec.kind, record.customerId, record.id, befores[index]!, spec.snapshot(record)));
}

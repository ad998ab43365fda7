import DataLoader from 'dataloader';

/**
 * Loader for entities by key: one batched fetch (one `IN`/`ANY` statement) per
 * tick, results handed back in key order with `null` for misses.
 */
export function keyedLoader<K extends string, V>(fetch: (keys: readonly K[]) => Promise<V[]>, keyOf: (value: V) => K): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(async (keys) => {
    const byKey = new Map<K, V>();
    for (const value of await fetch(keys)) byKey.set(keyOf(value), value);
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/**
 * Loader for a list field on a parent (e.g. `Customer.locations`): one fetch
 * for all parents, rows grouped back by parent key; a parent without rows gets [].
 */
export function groupedLoader<K extends string, V>(fetch: (keys: readonly K[]) => Promise<V[]>, parentKeyOf: (value: V) => K): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(async (keys) => {
    const byParent = new Map<K, V[]>();
    for (const value of await fetch(keys)) {
      const parent = parentKeyOf(value);
      const list = byParent.get(parent);
      if (list) list.push(value);
      else byParent.set(parent, [value]);
    }
    return keys.map((key) => byParent.get(key) ?? []);
  });
}

/**
 * Loader for a per-parent value computed with arguments (a page of a connection,
 * a filtered count): keys asking with the same arguments share one fetch.
 */
export function groupedByArgsLoader<K extends string, A, V>(
  fetch: (parentKeys: K[], args: A) => Promise<Map<K, V>>,
  empty: (args: A) => V,
): DataLoader<{ key: K; args: A }, V, string> {
  return new DataLoader<{ key: K; args: A }, V, string>(
    async (requests) => {
      const byArgs = new Map<string, { args: A; keys: K[] }>();
      for (const { key, args } of requests) {
        const argsKey = JSON.stringify(args);
        const group = byArgs.get(argsKey);
        if (group) group.keys.push(key);
        else byArgs.set(argsKey, { args, keys: [key] });
      }
      const results = new Map<string, Map<K, V>>();
      await Promise.all([...byArgs].map(async ([argsKey, { args, keys }]) => results.set(argsKey, await fetch(keys, args))));
      return requests.map(({ key, args }) => results.get(JSON.stringify(args))?.get(key) ?? empty(args));
    },
    { cacheKeyFn: ({ key, args }) => `${key}:${JSON.stringify(args)}` },
  );
}

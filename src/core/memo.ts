/**
 * `compute()` once per owner and key: a two-level cache whose first level is dropped with its owner
 * (a resolver's nodes, a workflow's jobs).
 */
export function memoIn<O extends object, K, V>(store: WeakMap<O, Map<K, V>>, owner: O, key: K, compute: () => V): V {
  let byKey = store.get(owner);
  if (!byKey) {
    byKey = new Map();
    store.set(owner, byKey);
  }
  if (byKey.has(key)) return byKey.get(key) as V;
  const value = compute();
  byKey.set(key, value);
  return value;
}

/**
 * `compute()` once per script text in a bounded cache: the same script is read by several rules in a
 * run, and a run of thousands of workflows should not keep every text it read (the cache is emptied
 * when full).
 */
export function memoScript<V>(store: Map<string, V>, key: string, compute: () => V, limit = 512): V {
  const hit = store.get(key);
  if (hit !== undefined) return hit;
  const value = compute();
  if (store.size >= limit) store.clear();
  store.set(key, value);
  return value;
}

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

/**
 * Drops later items whose key was already seen. Keyed {#each} blocks throw on duplicate keys, and
 * one bad row from the server must not take the whole page down.
 */
export function uniqueBy<T, K>(items: readonly T[], key: (item: T) => K): T[] {
  const seen = new Set<K>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
